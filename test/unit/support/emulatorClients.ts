import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientFactory } from '../../../src/core/aws/clientFactory';
import { resolveConnection } from '../../../src/core/aws/connection';
import { loadSharedConfig } from '../../../src/core/aws/sharedConfig';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index';

/**
 * The local service and a real ClientFactory pointed at it (every service on its one port, or
 * with `routing: 'strict'` each service at its own address per region),
 * signing with a static profile from temporary shared files: what the extension builds, minus
 * VS Code. The unit tests of every area and the benchmarks start from it.
 */
export interface EmulatorClients {
  readonly emulator: Emulator;
  readonly clients: ClientFactory;
  readonly region: string;
  /** Another factory on the same connection (new clients: they know nothing of earlier answers). */
  newClients(): ClientFactory;
  dispose(): Promise<void>;
}

const savedKeys = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_REGION', 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] as const;

export async function startWithClients(options: EmulatorOptions = {}, maxAttempts = 1): Promise<EmulatorClients> {
  const emulator = await startEmulator({ validateResponses: true, ...options });
  const region = emulator.regions[0] ?? 'us-east-1';
  const folder = await mkdtemp(join(tmpdir(), 'unit-profile-'));
  const config = join(folder, 'config');
  const credentials = join(folder, 'credentials');
  await writeFile(config, `[profile unit-test]\nregion = ${region}\n`);
  await writeFile(
    credentials,
    `[unit-test]\naws_access_key_id = ${emulator.credentials.accessKeyId}\naws_secret_access_key = ${emulator.credentials.secretAccessKey}\n`,
  );
  const previous = Object.fromEntries(savedKeys.map((key) => [key, process.env[key]]));
  Object.assign(process.env, {
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_PROFILE: 'unit-test',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete process.env.AWS_REGION;
  const env = { ...process.env };
  const shared = await loadSharedConfig(env);
  // In strict routing, each service's setting is a template: the factory fills in each client's region.
  const t = (service: Parameters<Emulator['endpointTemplate']>[0]): string => emulator.endpointTemplate(service);
  const connection = resolveConnection(
    {
      profile: 'unit-test',
      endpointUrl: t('sagemaker'),
      serviceEndpoints: { sagemakerRuntime: t('runtime'), logs: t('logs'), s3: t('s3'), sts: t('sts'), pricing: t('pricing'), sso: t('sso') },
    },
    env,
    shared,
  );
  const create = (): ClientFactory => new ClientFactory({ connection, shared, userAgent: 'sagemaker-companion-tests', maxAttempts });
  const clients = create();
  return {
    emulator,
    clients,
    region,
    newClients: create,
    dispose: async () => {
      clients.dispose();
      await emulator.stop();
      for (const key of savedKeys) {
        if (previous[key] === undefined) delete process.env[key];
        else process.env[key] = previous[key];
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
}
