import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientFactory } from '../../../../src/core/aws/clientFactory';
import { resolveConnection, type ConnectionSettings } from '../../../../src/core/aws/connection';
import { loadSharedConfig } from '../../../../src/core/aws/sharedConfig';

/**
 * A real ClientFactory signing with a static profile from temporary shared files, pointed at
 * local services: what the extension builds, minus VS Code.
 */
export interface TestProfile {
  readonly env: NodeJS.ProcessEnv;
  readonly dispose: () => Promise<void>;
}

const saved = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_REGION', 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] as const;

/** Writes shared files with a static profile and points this process's AWS_* variables at them. */
export async function useTestProfile(keys: { accessKeyId: string; secretAccessKey: string }, region = 'us-east-1'): Promise<TestProfile> {
  const folder = await mkdtemp(join(tmpdir(), 'cost-profile-'));
  const config = join(folder, 'config');
  const credentials = join(folder, 'credentials');
  await writeFile(config, `[profile cost-test]\nregion = ${region}\n`);
  await writeFile(credentials, `[cost-test]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`);
  const previous = Object.fromEntries(saved.map((key) => [key, process.env[key]]));
  Object.assign(process.env, {
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_PROFILE: 'cost-test',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete process.env.AWS_REGION;
  return {
    env: { ...process.env },
    dispose: async () => {
      for (const key of saved) {
        if (previous[key] === undefined) delete process.env[key];
        else process.env[key] = previous[key];
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
}

export async function testClients(profile: TestProfile, settings: ConnectionSettings, maxAttempts = 1): Promise<ClientFactory> {
  const shared = await loadSharedConfig(profile.env);
  const connection = resolveConnection({ profile: 'cost-test', ...settings }, profile.env, shared);
  return new ClientFactory({ connection, shared, userAgent: 'sagemaker-companion-tests', maxAttempts });
}
