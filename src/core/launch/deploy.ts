import type { DescribeEndpointOutput, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { classifyAwsError } from '../aws/errors';
import { loadSdk } from '../aws/loadSdk';
import { delay, isCancellation, throwIfAborted } from '../util/cancellation';
import { createOnce } from './createOnce';
import { LaunchCancelledError, SpecInvalidError, type LaunchArtifact } from './errors';
import type { LaunchOptions } from './launchJob';
import { prepareBuckets, problemAt, resolveSpec, type LaunchEnvironment } from './launchPlan';
import { isRecord } from './schema';
import { locateServiceError } from './serviceErrors';
import type { ParsedSpec } from './specDocument';
import { deployRequests, mergeTags, type DeployRequests, type TrainedModel } from './specRequests';
import { existingModelOf, findTrainedModel, ModelSourceError, modelSourceOf } from './trainedModels';

export interface DeployOutcome {
  readonly region: string;
  readonly endpointName: string;
  readonly modelName: string;
  readonly endpointConfigName: string;
  /** The endpoint existed and was pointed at the new config (UpdateEndpoint). */
  readonly updated: boolean;
  readonly requests: DeployRequests;
  readonly trainedModel?: TrainedModel;
  readonly status: string;
}

const busyStates = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting']);

/**
 * Deploys a spec as `estimator.deploy()` does: the model, the endpoint config, then the endpoint
 * (or UpdateEndpoint when it exists), and waits until it is InService. A cancel or failure before
 * the endpoint request removes the model and config made for it.
 */
export async function deploy(spec: ParsedSpec, env: LaunchEnvironment, options: LaunchOptions = {}): Promise<DeployOutcome> {
  const { signal } = options;
  const progress = options.onProgress ?? (() => undefined);
  progress('Resolving the spec');
  const plan = await resolveSpec(spec, env);
  const value = plan.value;
  const firstVariant = (isRecord(value.EndpointConfig) && Array.isArray(value.EndpointConfig.ProductionVariants) ? value.EndpointConfig.ProductionVariants[0] : undefined) as
    | { InstanceType?: string }
    | undefined;

  let trained: TrainedModel | undefined;
  const source = modelSourceOf(value.From);
  if (source) {
    progress('Finding the trained model');
    try {
      trained = await findTrainedModel(env.clients, env.region, source, env.images, firstVariant?.InstanceType, signal);
    } catch (error) {
      if (error instanceof ModelSourceError || classifyAwsError(error).kind === 'notFound') {
        throw new SpecInvalidError(spec.fileName, [problemAt(spec, ['From'], error instanceof Error ? error.message : String(error))]);
      }
      throw error;
    }
  }
  const existingModel = existingModelOf(value.From);
  const tags = mergeTags(isRecord(value.Model) ? value.Model.Tags : undefined, env.settingTags);
  const requests = deployRequests(env.validator, value, tags, plan.now, trained, env.region, existingModel);
  const modelData = requests.model?.PrimaryContainer?.ModelDataUrl;
  if (modelData?.startsWith('s3://')) await prepareBuckets(spec, [{ uri: modelData, path: ['Model', 'PrimaryContainer', 'ModelDataUrl'] }], env, plan.defaultBucket, signal);

  const { sagemaker } = await loadSdk();
  const once = await env.clients.sagemaker(env.region, { maxAttempts: 1 });
  const client = await env.clients.sagemaker(env.region);
  const endpointName = requests.endpoint.EndpointName!;
  const modelName = requests.model?.ModelName ?? existingModel!;
  const configName = requests.endpointConfig.EndpointConfigName!;

  progress(`Checking endpoint ${endpointName}`);
  const existing = await describeEndpoint(client, endpointName, signal);
  if (existing && busyStates.has(existing.EndpointStatus ?? '')) {
    throw new SpecInvalidError(spec.fileName, [
      problemAt(spec, ['Endpoint', 'EndpointName'], `Endpoint ${endpointName} is ${existing.EndpointStatus}; wait until it settles, then deploy again.`),
    ]);
  }
  if (existing?.EndpointStatus === 'Failed') {
    throw new SpecInvalidError(spec.fileName, [
      problemAt(spec, ['Endpoint', 'EndpointName'], `Endpoint ${endpointName} failed (${existing.FailureReason ?? 'no reason given'}); delete it before deploying again.`),
    ]);
  }

  if (existing) {
    // Replacing what a live endpoint serves is asked first; declining sends nothing.
    const currentModels = await modelsOfConfig(client, existing.EndpointConfigName, signal);
    const confirmed = env.confirmUpdateEndpoint ? await env.confirmUpdateEndpoint({ region: env.region, endpointName, currentModels, newModel: modelName }) : true;
    if (!confirmed) throw new LaunchCancelledError([]);
  }

  const made: LaunchArtifact[] = [];
  const rollBack = async (): Promise<LaunchArtifact[]> => {
    const left: LaunchArtifact[] = [];
    for (const artifact of [...made].reverse()) {
      try {
        if (artifact.kind === 'endpointConfig') await client.send(new sagemaker.DeleteEndpointConfigCommand({ EndpointConfigName: artifact.name }));
        if (artifact.kind === 'model') await client.send(new sagemaker.DeleteModelCommand({ ModelName: artifact.name }));
      } catch {
        left.push(artifact);
      }
    }
    return left;
  };
  const located = (error: unknown, prefix: string, request: unknown): never => {
    const found = locateServiceError(error, request, [prefix]);
    if (found.length) {
      throw Object.assign(
        new SpecInvalidError(spec.fileName, found.map(({ path, message }) => ({ path, message, severity: 'error' as const, range: spec.rangeOf(path), source: 'service' as const }))),
        { cause: error },
      );
    }
    throw error;
  };

  try {
    throwIfAborted(signal);
    const modelRequest = requests.model;
    if (modelRequest) {
      progress(`Creating model ${modelName}`);
      await createOnce({
        create: () => once.send(new sagemaker.CreateModelCommand(modelRequest)),
        describe: () => describeOrUndefined(() => client.send(new sagemaker.DescribeModelCommand({ ModelName: modelName }))),
      }).catch((error: unknown) => located(error, 'Model', modelRequest));
      made.push({ kind: 'model', name: modelName });
    }

    throwIfAborted(signal);
    progress(`Creating endpoint config ${configName}`);
    await createOnce({
      create: () => once.send(new sagemaker.CreateEndpointConfigCommand(requests.endpointConfig)),
      describe: () => describeOrUndefined(() => client.send(new sagemaker.DescribeEndpointConfigCommand({ EndpointConfigName: configName }))),
    }).catch((error: unknown) => located(error, 'EndpointConfig', requests.endpointConfig));
    made.push({ kind: 'endpointConfig', name: configName });
    throwIfAborted(signal);
  } catch (error) {
    const left = await rollBack();
    if (isCancellation(error)) throw new LaunchCancelledError(left);
    throw error;
  }

  // From here the endpoint exists (or is changing): a cancel stops waiting, not the deployment.
  if (existing) {
    progress(`Updating endpoint ${endpointName}`);
    await createOnce({
      create: () => once.send(new sagemaker.UpdateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: configName })),
      describe: async () => {
        const now = await describeEndpoint(client, endpointName);
        return now && (now.EndpointConfigName === configName || now.PendingDeploymentSummary?.EndpointConfigName === configName) ? now : undefined;
      },
    }).catch((error: unknown) => located(error, 'Endpoint', requests.endpoint));
  } else {
    progress(`Creating endpoint ${endpointName}`);
    await createOnce({
      create: () => once.send(new sagemaker.CreateEndpointCommand(requests.endpoint)),
      describe: () => describeEndpoint(client, endpointName),
    }).catch((error: unknown) => located(error, 'Endpoint', requests.endpoint));
  }
  const status = await waitForEndpoint(client, endpointName, configName, {
    signal,
    pollMs: env.pollMs,
    onStatus: (state, elapsedMs) => progress(`Endpoint ${endpointName}: ${state} (${Math.round(elapsedMs / 1000)} s)`),
  }).catch((error: unknown) => {
    if (isCancellation(error)) {
      throw new LaunchCancelledError([...made, { kind: 'endpoint', name: `${endpointName} (still ${existing ? 'updating' : 'creating'})` }]);
    }
    throw error;
  });
  return { region: env.region, endpointName, modelName, endpointConfigName: configName, updated: existing !== undefined, requests, trainedModel: trained, status };
}

/** Raised when an endpoint ends Failed (or rolls back an update). */
export class EndpointFailedError extends Error {
  override readonly name = 'EndpointFailedError';
}

/** Polls until the endpoint serves `configName` InService; fails when it fails. */
export async function waitForEndpoint(
  client: SageMakerClient,
  endpointName: string,
  configName: string,
  options: { signal?: AbortSignal; pollMs?: number; onStatus?: (status: string, elapsedMs: number) => void },
): Promise<string> {
  const started = Date.now();
  let wait = options.pollMs ?? 5000;
  for (;;) {
    const endpoint = await describeEndpoint(client, endpointName, options.signal);
    const status = endpoint?.EndpointStatus ?? 'missing';
    options.onStatus?.(status, Date.now() - started);
    if (status === 'InService' && endpoint?.EndpointConfigName === configName) return status;
    if (status === 'InService' && endpoint?.EndpointConfigName !== configName && !endpoint?.PendingDeploymentSummary) {
      throw new EndpointFailedError(`Endpoint ${endpointName} kept its previous configuration (the update was rolled back).`);
    }
    if (status === 'Failed' || status === 'OutOfService' || status === 'missing') {
      throw new EndpointFailedError(`Endpoint ${endpointName} is ${status}${endpoint?.FailureReason ? `: ${endpoint.FailureReason}` : ''}.`);
    }
    await delay(wait, options.signal);
    wait = Math.min(wait * 1.5, (options.pollMs ?? 5000) * 6);
  }
}

async function describeEndpoint(client: SageMakerClient, name: string, signal?: AbortSignal): Promise<DescribeEndpointOutput | undefined> {
  const { sagemaker } = await loadSdk();
  return describeOrUndefined(() => client.send(new sagemaker.DescribeEndpointCommand({ EndpointName: name }), { abortSignal: signal }));
}

/** The models an endpoint config serves (its variants' ModelName), [] when it is gone. */
async function modelsOfConfig(client: SageMakerClient, configName: string | undefined, signal?: AbortSignal): Promise<string[]> {
  if (!configName) return [];
  const { sagemaker } = await loadSdk();
  const config = await describeOrUndefined(() => client.send(new sagemaker.DescribeEndpointConfigCommand({ EndpointConfigName: configName }), { abortSignal: signal }));
  return [...new Set((config?.ProductionVariants ?? []).map((variant) => variant.ModelName ?? '').filter(Boolean))];
}

async function describeOrUndefined<T>(describe: () => Promise<T>): Promise<T | undefined> {
  try {
    return await describe();
  } catch (error) {
    if (classifyAwsError(error).kind === 'notFound') return undefined;
    throw error;
  }
}
