import * as vscode from 'vscode';
import { specToYaml } from '../../core/launch/cloneSpec';
import { deploy } from '../../core/launch/deploy';
import { SpecInvalidError } from '../../core/launch/errors';
import { baseOfName, sanitizeBase } from '../../core/launch/naming';
import { executionRoleOfJob } from '../../core/launch/trainedModels';
import { listInServiceEndpoints } from '../../core/resources/recentResources';
import { parseSpec } from '../../core/launch/specDocument';
import type { ExtensionServices } from '../../platform/services';
import { executionRole } from '../../specs/launchSettings';
import type { ResourceIdentity } from '../../views/tree/resourceNode';
import { defineCommand } from '../command';
import { pickJob } from './jobPickers';
import { withCancellableProgress } from '../progress';
import { confirmUpdateEndpoint } from './endpointConfirmation';
import { launchFeature, resourceArg } from './launchContext';
import { afterLaunch, type LaunchResult } from './launchSpec';
import { answered, askInteger, pickInstanceType } from './pickers';

/** Answers other features (and tests) may give instead of being asked. */
export interface DeployOptions {
  readonly mode?: 'realtime' | 'serverless';
  readonly instanceType?: string;
  readonly instanceCount?: number;
  readonly memoryMb?: number;
  readonly maxConcurrency?: number;
  readonly endpointName?: string;
}

const memorySizes = [1024, 2048, 3072, 4096, 5120, 6144];

/**
 * Deploys a completed training job, a tuning job's best training job, or a model: real-time
 * (instance type with its price, count) or serverless (memory, concurrency), to a new endpoint
 * or an existing one (updated in place). Follows it to InService, then offers Invoke.
 */
export const deployCommand = defineCommand(
  'sagemaker.deploy',
  (node?: unknown) => {
    const source = resourceArg(node, ['trainingJob', 'tuningJob', 'model']);
    return source ? `deploy ${source.name}` : 'deploy a model';
  },
  async (services, node?: unknown, options?: unknown): Promise<LaunchResult | undefined> => {
    const source = resourceArg(node, ['trainingJob', 'tuningJob', 'model']) ?? (await pickSource(services));
    if (!source) return undefined;
    return deployFrom(services, source, (options ?? {}));
  },
);

/** A completed tuning job's best training job, from the tuning job's row or a pick. */
export const deployBestTrainingJob = defineCommand(
  'sagemaker.deployBestTrainingJob',
  (node?: unknown) => {
    const source = resourceArg(node, ['tuningJob']);
    return source ? `deploy the best training job of ${source.name}` : 'deploy the best training job';
  },
  async (services, node?: unknown, options?: unknown): Promise<LaunchResult | undefined> => {
    const source = resourceArg(node, ['tuningJob']) ?? (await pickJob(services, 'tuningJob', { completedOnly: true, title: 'Deploy the best training job of which tuning job?' }));
    if (!source) return undefined;
    return deployFrom(services, source, (options ?? {}));
  },
);

async function pickSource(services: ExtensionServices): Promise<ResourceIdentity | undefined> {
  const kind = await vscode.window.showQuickPick(
    [
      { label: '$(beaker) Completed training job', jobKind: 'trainingJob' as const },
      { label: '$(star-full) Best training job of a tuning job', jobKind: 'tuningJob' as const },
    ],
    { title: 'Deploy what?' },
  );
  if (!kind) return undefined;
  return pickJob(services, kind.jobKind, { completedOnly: true, title: kind.jobKind === 'trainingJob' ? 'Deploy which training job?' : 'Deploy the best job of which tuning job?' });
}

async function deployFrom(services: ExtensionServices, source: ResourceIdentity, given: DeployOptions): Promise<LaunchResult | undefined> {
  const feature = launchFeature(services);
  const validator = await feature.services.resources.validator('deploy');
  const region = source.region;
  const mode =
    given.mode ??
    answered(
      await vscode.window.showQuickPick(
        [
          { label: '$(server) Real-time endpoint', description: 'instances billed by the hour while in service', mode: 'realtime' as const },
          { label: '$(zap) Serverless endpoint', description: 'billed per request; cold starts', mode: 'serverless' as const },
        ],
        { title: `Deploy ${source.name}` },
      ),
    ).mode;
  const variant: Record<string, unknown> =
    mode === 'realtime'
      ? {
          InstanceType:
            given.instanceType ??
            (await pickInstanceType(services, validator, ['EndpointConfig', 'ProductionVariants', 0, 'InstanceType'], 'hosting', 'Instance type for the endpoint')),
          InitialInstanceCount: given.instanceCount ?? (await askInteger('How many instances?', 1, 1, 100)),
        }
      : {
          ServerlessConfig: {
            MemorySizeInMB:
              given.memoryMb ??
              Number(answered(await vscode.window.showQuickPick(memorySizes.map((mb) => ({ label: String(mb), description: `${mb / 1024} GB` })), { title: 'Memory (MB)' })).label),
            MaxConcurrency: given.maxConcurrency ?? (await askInteger('Maximum concurrent invocations', 5, 1, 200)),
          },
        };
  const endpointName = given.endpointName ?? (await pickEndpointName(services, region, sanitizeBase(baseOfName(source.name))));
  const from =
    source.kind === 'trainingJob' ? { TrainingJobName: source.name } : source.kind === 'tuningJob' ? { TuningJobName: source.name } : { ModelName: source.name };
  const role = source.kind === 'model' ? undefined : (executionRole() ?? (await roleOfJob(services, source)));
  const spec: Record<string, unknown> = {
    From: from,
    ...(source.kind === 'model' ? {} : { Model: { ExecutionRoleArn: role } }),
    EndpointConfig: { ProductionVariants: [variant] },
    Endpoint: { EndpointName: endpointName },
  };
  const text = await specToYaml(spec, [`Deployment of ${source.name}`]);
  const virtualPath = vscode.Uri.joinPath(feature.services.options.context.globalStorageUri, `${endpointName}.deploy.yaml`);
  const parsed = await parseSpec(text, virtualPath.fsPath);
  const acquired = await feature.services.locks.acquire(`endpoint:${region}/${endpointName}`, `deployment to ${endpointName}`);
  if ('heldBy' in acquired) {
    void vscode.window.showWarningMessage(`A deployment to ${endpointName} is already in progress. Wait for it to finish.`);
    return undefined;
  }
  try {
    const env = { ...(await feature.services.launchEnvironment('deploy', virtualPath)), region, confirmUpdateEndpoint };
    const outcome = await withCancellableProgress(`Deploying ${source.name} to ${endpointName}`, (report, signal) => deploy(parsed, env, { signal, onProgress: report }));
    const result: LaunchResult = { kind: 'deploy', ...outcome };
    afterLaunch(services, result);
    return result;
  } catch (error) {
    // There is no file to point at: say the first problem.
    if (error instanceof SpecInvalidError) throw new Error(error.problems[0]?.message ?? error.message, { cause: error });
    throw error;
  } finally {
    await acquired.lock.release();
  }
}

async function pickEndpointName(services: ExtensionServices, region: string, suggestion: string): Promise<string> {
  const existing = await listInServiceEndpoints(services.session.clients, region);
  const items = [
    { label: '$(add) New endpoint…', name: undefined as string | undefined },
    ...existing.map((endpoint) => ({ label: `$(sync) Update ${endpoint.name}`, description: 'serves the new model in place (UpdateEndpoint)', name: endpoint.name })),
  ];
  const picked = items.length > 1 ? answered(await vscode.window.showQuickPick(items, { title: 'Deploy to which endpoint?' })) : items[0]!;
  if (picked.name) return picked.name;
  const name = await vscode.window.showInputBox({
    title: 'Name of the new endpoint',
    value: suggestion,
    validateInput: (value) => (/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(value) ? undefined : 'Letters, digits and hyphens; at most 63 characters'),
  });
  return answered(name);
}

async function roleOfJob(services: ExtensionServices, source: ResourceIdentity): Promise<string | undefined> {
  if (source.kind !== 'trainingJob' && source.kind !== 'tuningJob') return undefined;
  return executionRoleOfJob(services.session.clients, source.region, source.kind, source.name);
}
