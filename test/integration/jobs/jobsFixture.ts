// The local service started inside the extension host with its clock frozen, seeded with training,
// tuning, processing and transform jobs, models, configs and endpoints, and the extension pointed
// at it through a profile and the endpoint settings.
import { appendFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator/index';
import { assertNoRoutingViolations, endpointSettings, STRICT_ROUTING } from '../support/emulator';
import {
  endpointConfigRequest,
  modelRequest,
  processingRequest,
  putTrainingJobs,
  trainingRequest,
  transformRequest,
  tuningRequest,
} from '../../unit/jobs/support/fixtures';
import { updateSettings } from '../support/settings';
import { waitFor } from '../support/wait';

export const EXTENSION_ID = 'sagemaker-tools.sagemaker-companion';
export const RUNNING_JOB = 'bert-finetune';
export const MINUTE = 60_000;

/** What the tests reach through the extension's API (the shape `activate` returns). */
export interface CompanionApi {
  readonly services: {
    refreshAll(): void;
    readonly views: ReadonlyMap<string, { topLevel(): Promise<unknown[]>; readonly treeView: vscode.TreeView<unknown> }>;
    readonly monitor: { recheck(): Promise<{ state: string }> };
  };
}

export interface JobsFixture {
  readonly emulator: Emulator;
  readonly region: string;
  readonly api: CompanionApi;
  /** Names of the finished training jobs, newest first (the running one is newer still). */
  readonly finished: readonly string[];
  /** Every training job the service lists now, newest first (a tuning job's included). */
  trainingJobNames(): string[];
  reseed(): Promise<void>;
  dispose(): Promise<void>;
}

export async function companion(): Promise<CompanionApi> {
  const extension = vscode.extensions.getExtension<CompanionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

function seed(emulator: Emulator, region: string): string[] {
  const now = emulator.clock.now().getTime();
  const { state } = emulator;
  const finished = putTrainingJobs(emulator, region, 120, 'pg', 120);
  // Into its Training phase (and logging) a few minutes ago; spot, on two instances.
  state.put('trainingJob', region, trainingRequest(RUNNING_JOB, { spot: true, instanceCount: 2, instanceType: 'ml.g5.2xlarge' }), { createdAt: now - 5 * MINUTE });
  state.put('hyperParameterTuningJob', region, tuningRequest('tune-churn', 4, 2), { createdAt: now - 6 * 3600_000 });
  state.put('processingJob', region, processingRequest('prep-features'), { status: 'Completed', createdAt: now - 3 * 3600_000 });
  state.put('model', region, modelRequest('churn-model'), { createdAt: now - 5 * 3600_000 });
  state.put('model', region, modelRequest('staging-model'), { createdAt: now - 5 * 3600_000 + 1000 });
  state.put('transformJob', region, transformRequest('batch-score', 'churn-model'), { status: 'Completed', createdAt: now - 2 * 3600_000 });
  state.put('endpointConfig', region, endpointConfigRequest('churn-config', 'churn-model', { instanceType: 'ml.m5.xlarge', count: 2 }), { createdAt: now - 4 * 3600_000 });
  state.put('endpointConfig', region, endpointConfigRequest('staging-config', 'staging-model', { instanceType: 'ml.m5.large', count: 1 }), { createdAt: now - 4 * 3600_000 + 1000 });
  state.put('endpoint', region, { EndpointName: 'churn-prod', EndpointConfigName: 'churn-config' }, { status: 'InService', createdAt: now - 3 * 3600_000 });
  state.put('endpoint', region, { EndpointName: 'churn-staging', EndpointConfigName: 'staging-config' }, { status: 'InService', createdAt: now - 3 * 3600_000 + 1000 });
  return finished;
}

/** The list groups of the Training and Inference views go back to their first page, collapsed. */
async function resetGroups(api: CompanionApi): Promise<void> {
  for (const viewId of ['sagemaker.training', 'sagemaker.inference']) {
    const groups = (await api.services.views.get(viewId)?.topLevel()) as Array<{ setFilter?(filter: object): void }> | undefined;
    for (const group of groups ?? []) group.setFilter?.({});
    await vscode.commands.executeCommand(`workbench.actions.treeView.${viewId}.collapseAll`);
  }
}

/** Waits until every view has listed again, and the workbench has drawn the new rows. */
async function settled(api: CompanionApi): Promise<void> {
  await Promise.all([...api.services.views.values()].map((view) => view.topLevel()));
  await new Promise((resolve) => setTimeout(resolve, 750));
}

export async function startJobsFixture(): Promise<JobsFixture> {
  const emulator = await startEmulator({ data: 'empty', clockSpeed: 0, ...STRICT_ROUTING });
  const region = emulator.regions[0] ?? 'us-east-1';
  let finished = seed(emulator, region);
  const { accessKeyId, secretAccessKey } = emulator.credentials;
  const profile = `jobs-tests-${emulator.port}`;
  const configFile = process.env.AWS_CONFIG_FILE;
  const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE;
  if (!configFile || !credentialsFile) throw new Error('The test host has no AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE to add a profile to.');
  await appendFile(configFile, `\n[profile ${profile}]\nregion = ${region}\n`);
  await appendFile(credentialsFile, `\n[${profile}]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`);
  const api = await companion();
  await updateSettings({
    'sagemaker.profile': profile,
    'sagemaker.region': region,
    ...endpointSettings(emulator),
  });
  await waitFor(async () => (await api.services.monitor.recheck()).state === 'ready', { timeout: 45_000, message: 'the extension to connect to the local service' });
  return {
    emulator,
    region,
    api,
    get finished() {
      return finished;
    },
    trainingJobNames() {
      return (emulator.state.list('trainingJob', region) as Array<{ TrainingJobName: string }>).map((job) => job.TrainingJobName).reverse();
    },
    async reseed() {
      emulator.reset({ data: 'empty' });
      emulator.access.clear();
      emulator.faults.clear();
      finished = seed(emulator, region);
      api.services.refreshAll();
      await resetGroups(api);
      await settled(api);
      emulator.requests.clear();
    },
    async dispose() {
      await updateSettings({ 'sagemaker.profile': undefined, 'sagemaker.region': undefined, 'sagemaker.endpointUrl': undefined, 'sagemaker.serviceEndpoints': undefined });
      await emulator.stop();
      assertNoRoutingViolations(emulator, 'the local service');
    },
  };
}
