import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ClientFactory } from '../../../../src/core/aws/clientFactory';
import { resolveConnection } from '../../../../src/core/aws/connection';
import { loadSharedConfig } from '../../../../src/core/aws/sharedConfig';
import type { LaunchEnvironment } from '../../../../src/core/launch/launchPlan';
import { SpecResources } from '../../../../src/core/launch/specResources';
import type { SpecKind } from '../../../../src/core/launch/specKind';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../emulator/index';

export const projectRoot = join(__dirname, '..', '..', '..', '..');

/** The schemas and image table, read from the repository as the extension reads them from its folder. */
export const resources = new SpecResources(async (path) => JSON.parse(await readFile(join(projectRoot, path), 'utf8')) as unknown);

export const testRole = 'arn:aws:iam::123456789012:role/SageMakerExecution';

/** The local service plus a real ClientFactory signing as a static profile, every service pointed at it. */
export interface LaunchTestBed {
  readonly emulator: Emulator;
  readonly clients: ClientFactory;
  readonly region: string;
  environment(kind: SpecKind, specPath: string, overrides?: Partial<LaunchEnvironment>): Promise<LaunchEnvironment>;
  dispose(): Promise<void>;
}

const saved = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_REGION', 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] as const;

export async function startLaunchTestBed(options: EmulatorOptions = {}, maxAttempts = 1): Promise<LaunchTestBed> {
  const emulator = await startEmulator({ data: 'empty', ...options });
  const region = emulator.regions[0] ?? 'us-east-1';
  const folder = await mkdtemp(join(tmpdir(), 'launch-profile-'));
  const config = join(folder, 'config');
  const credentials = join(folder, 'credentials');
  await writeFile(config, `[profile launch-test]\nregion = ${region}\n`);
  const { accessKeyId, secretAccessKey } = emulator.credentials;
  await writeFile(credentials, `[launch-test]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`);
  const previous = Object.fromEntries(saved.map((key) => [key, process.env[key]]));
  Object.assign(process.env, {
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_PROFILE: 'launch-test',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete process.env.AWS_REGION;
  const env = { ...process.env };
  const shared = await loadSharedConfig(env);
  const url = emulator.url;
  const connection = resolveConnection(
    { profile: 'launch-test', endpointUrl: url, serviceEndpoints: { s3: url, sts: url, logs: url, sagemakerRuntime: url } },
    env,
    shared,
  );
  const clients = new ClientFactory({ connection, shared, userAgent: 'sagemaker-companion-tests', maxAttempts });
  return {
    emulator,
    clients,
    region,
    environment: async (kind, specPath, overrides = {}) => ({
      clients,
      region,
      identity: () => Promise.resolve({ account: emulator.accountId }),
      role: testRole,
      settingTags: { team: 'fraud' },
      images: await resources.images(),
      validator: await resources.validator(kind),
      specDir: dirname(specPath),
      confirmCreateBucket: () => Promise.resolve(true),
      pollMs: 20,
      ...overrides,
    }),
    dispose: async () => {
      clients.dispose();
      await emulator.stop();
      for (const key of saved) {
        if (previous[key] === undefined) delete process.env[key];
        else process.env[key] = previous[key];
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
}
