import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientFactory } from '../../../../src/core/aws/clientFactory';
import { resolveConnection } from '../../../../src/core/aws/connection';
import { loadSharedConfig } from '../../../../src/core/aws/sharedConfig';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../emulator/index';

/** The local service plus a real ClientFactory signing as a static profile, pointed at it. */
export interface StudioTestBed {
  readonly emulator: Emulator;
  readonly clients: ClientFactory;
  readonly region: string;
  dispose(): Promise<void>;
}

const saved = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_REGION', 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] as const;

export async function startStudioTestBed(options: EmulatorOptions = {}, maxAttempts = 1): Promise<StudioTestBed> {
  const emulator = await startEmulator({ data: 'empty', clockSpeed: 0, ...options });
  const region = emulator.regions[0] ?? 'us-east-1';
  const folder = await mkdtemp(join(tmpdir(), 'studio-profile-'));
  const config = join(folder, 'config');
  const credentials = join(folder, 'credentials');
  await writeFile(config, `[profile studio-test]\nregion = ${region}\n`);
  const { accessKeyId, secretAccessKey } = emulator.credentials;
  await writeFile(credentials, `[studio-test]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`);
  const previous = Object.fromEntries(saved.map((key) => [key, process.env[key]]));
  Object.assign(process.env, {
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_PROFILE: 'studio-test',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete process.env.AWS_REGION;
  const env = { ...process.env };
  const shared = await loadSharedConfig(env);
  const connection = resolveConnection({ profile: 'studio-test', endpointUrl: emulator.url }, env, shared);
  const clients = new ClientFactory({ connection, shared, userAgent: 'sagemaker-companion-tests', maxAttempts });
  return {
    emulator,
    clients,
    region,
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
