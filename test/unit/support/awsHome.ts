import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away HOME with empty AWS shared files and no AWS_* variable of the caller's. */
export interface AwsHome {
  readonly home: string;
  /** Puts the environment back as it was and removes the folder. */
  leave(): Promise<void>;
}

/** Points HOME and the AWS shared files into a new folder; `leave()` in an afterEach undoes it. */
export async function enterAwsHome(prefix: string): Promise<AwsHome> {
  const saved = { ...process.env };
  const home = await mkdtemp(join(tmpdir(), prefix));
  await mkdir(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = join(home, '.aws', 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, '.aws', 'credentials');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  return {
    home,
    leave: async () => {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      await rm(home, { recursive: true, force: true });
    },
  };
}
