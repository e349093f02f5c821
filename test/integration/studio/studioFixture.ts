// The local service, started inside the extension host, seeded with a small Studio account and
// notebook instances, and the extension pointed at it through a profile and the endpoint settings.
import { appendFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator/index';
import { assertNoRoutingViolations, endpointSettings, STRICT_ROUTING } from '../support/emulator';
import { seedNotebookInstances, seedSmallStudio, type SmallStudio } from '../../unit/studio/support/studioSeed';
import { updateSettings } from '../support/settings';
import { waitFor } from '../support/wait';

export const EXTENSION_ID = 'sagemaker-tools.sagemaker-companion';

export interface StudioFixture {
  readonly emulator: Emulator;
  readonly region: string;
  readonly studio: SmallStudio;
  /** Resets the account to the seed, clears rules, faults and the request log, and relists every view. */
  reseed(): Promise<void>;
  /** Lists every view again (after changing the service's rules, say). */
  relist(): Promise<void>;
  dispose(): Promise<void>;
}

interface CompanionApi {
  readonly services: {
    refreshAll(): void;
    readonly views: ReadonlyMap<string, { topLevel(): Promise<unknown[]> }>;
    readonly monitor: { recheck(): Promise<{ state: string }> };
  };
}

/**
 * Waits until every view has listed again after a refresh, and the workbench has asked for the
 * new rows: a menu opened on a row drawn before that would hand its command a stale row.
 */
async function settled(api: CompanionApi): Promise<void> {
  await Promise.all([...api.services.views.values()].map((view) => view.topLevel()));
  await new Promise((resolve) => setTimeout(resolve, 750));
}

export async function companion(): Promise<CompanionApi> {
  const extension = vscode.extensions.getExtension<CompanionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** Starts the local service (its clock frozen: tests move it on) and connects the extension to it. */
export async function startStudioFixture(): Promise<StudioFixture> {
  const emulator = await startEmulator({ data: 'empty', clockSpeed: 0, ...STRICT_ROUTING });
  const region = emulator.regions[0] ?? 'us-east-1';
  let studio = seed(emulator, region);
  const { accessKeyId, secretAccessKey } = emulator.credentials;
  // Unique per fixture: every test file starts its own service and adds its own profile.
  const PROFILE = `studio-tests-${emulator.port}`;
  const configFile = process.env.AWS_CONFIG_FILE;
  const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE;
  if (!configFile || !credentialsFile) throw new Error('The test host has no AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE to add a profile to.');
  await appendFile(configFile, `\n[profile ${PROFILE}]\nregion = ${region}\n`);
  await appendFile(credentialsFile, `\n[${PROFILE}]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`);
  const api = await companion();
  await updateSettings({
    'sagemaker.profile': PROFILE,
    'sagemaker.region': region,
    ...endpointSettings(emulator),
  });
  await waitFor(async () => (await api.services.monitor.recheck()).state === 'ready', { timeout: 20_000, message: 'the extension to connect to the local service' });
  return {
    emulator,
    region,
    get studio() {
      return studio;
    },
    async reseed() {
      emulator.reset({ data: 'empty' });
      emulator.access.clear();
      emulator.faults.clear();
      studio = seed(emulator, region);
      api.services.refreshAll();
      await settled(api);
      emulator.requests.clear();
    },
    async relist() {
      api.services.refreshAll();
      await settled(api);
    },
    async dispose() {
      await updateSettings({ 'sagemaker.profile': undefined, 'sagemaker.region': undefined, 'sagemaker.endpointUrl': undefined, 'sagemaker.serviceEndpoints': undefined });
      await emulator.stop();
      assertNoRoutingViolations(emulator, 'the local service');
    },
  };
}

function seed(emulator: Emulator, region: string): SmallStudio {
  const studio = seedSmallStudio(emulator, region);
  seedNotebookInstances(emulator, region);
  return studio;
}
