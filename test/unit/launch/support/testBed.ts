import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ClientFactory } from '../../../../src/core/aws/clientFactory';
import type { LaunchEnvironment } from '../../../../src/core/launch/launchPlan';
import { SpecResources } from '../../../../src/core/launch/specResources';
import type { SpecKind } from '../../../../src/core/launch/specKind';
import type { Emulator, EmulatorOptions } from '../../../emulator/index';
import { startWithClients } from '../../support/emulatorClients';

export const projectRoot = join(__dirname, '..', '..', '..', '..');

/** The schemas and image table, read from the repository as the extension reads them from its folder. */
export const resources = new SpecResources(async (path) => JSON.parse(await readFile(join(projectRoot, path), 'utf8')) as unknown);

let exampleCopy: string | undefined;

/**
 * A file of the fraud-detection example in a copy whose data has been generated, as a user has it
 * after step 1 of its README (the repository does not hold generated data). Made once per run.
 */
export function exampleFile(name: string): string {
  if (!exampleCopy) {
    const folder = mkdtempSync(join(tmpdir(), 'fraud-detection-'));
    cpSync(join(projectRoot, 'examples', 'fraud-detection'), folder, { recursive: true, filter: (source) => !source.includes(`${join('fraud-detection', 'data')}`) });
    execFileSync('python3', [join(folder, 'generate_data.py'), '--out', folder, '--rows', '2000'], { stdio: 'ignore' });
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    exampleCopy = folder;
  }
  return join(exampleCopy, name);
}

export const testRole = 'arn:aws:iam::123456789012:role/SageMakerExecution';

/** The local service plus a real ClientFactory signing as a static profile, every service pointed at it. */
export interface LaunchTestBed {
  readonly emulator: Emulator;
  readonly clients: ClientFactory;
  readonly region: string;
  environment(kind: SpecKind, specPath: string, overrides?: Partial<LaunchEnvironment>): Promise<LaunchEnvironment>;
  dispose(): Promise<void>;
}

export async function startLaunchTestBed(options: EmulatorOptions = {}, maxAttempts = 1): Promise<LaunchTestBed> {
  const bed = await startWithClients({ data: 'empty', ...options }, maxAttempts);
  const { emulator, clients, region } = bed;
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
    dispose: () => bed.dispose(),
  };
}
