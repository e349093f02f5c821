import type {
  CreateEndpointConfigInput,
  CreateEndpointInput,
  CreateHyperParameterTuningJobRequest,
  CreateModelInput,
  CreateTrainingJobRequest,
  Tag,
} from '@aws-sdk/client-sagemaker';
import { maxNameLength, nameFromBase } from './naming';
import { isRecord, type JsonSchema, type SchemaValidator } from './schema';
import { trainingDefinitions } from './specFacts';

/** The tag the extension puts on everything it creates (constant, so clones relaunch equal). */
export const extensionTag: Tag = { Key: 'launched-with', Value: 'sagemaker-companion' };

/** Spec tags win over the setting's tags with the same key; the extension's own tag comes last. */
/** The tag that ties a job to the launch that created it (checked when a create's answer is lost). */
export const launchIdTagKey = 'sagemaker-companion:launch-id';

export function mergeTags(specTags: unknown, settingTags: Readonly<Record<string, string>>, launchId?: string): Tag[] {
  const byKey = new Map<string, string>();
  for (const [key, value] of Object.entries(settingTags)) if (key) byKey.set(key, String(value));
  if (Array.isArray(specTags)) {
    for (const tag of specTags) if (isRecord(tag) && typeof tag.Key === 'string') byKey.set(tag.Key, typeof tag.Value === 'string' ? tag.Value : JSON.stringify(tag.Value ?? ''));
  }
  if (!byKey.has(extensionTag.Key!)) byKey.set(extensionTag.Key!, extensionTag.Value!);
  // Only this launch's id, never one copied from an earlier job.
  byKey.delete(launchIdTagKey);
  if (launchId) byKey.set(launchIdTagKey, launchId);
  return [...byKey].map(([Key, Value]) => ({ Key, Value }));
}

/** Spec members that are the extension's, not the API's. */
const additions = new Set(['$schema', 'Source', 'From']);

/**
 * The request members of a resolved spec: the extension's additions removed (Source, From,
 * channels' LocalPath), numbers and booleans in hyperparameter and environment maps turned into
 * strings as the SageMaker Python SDK does.
 */
export function requestMembers(validator: SchemaValidator, value: Record<string, unknown>): Record<string, unknown> {
  const members = Object.fromEntries(Object.entries(value).filter(([key]) => !additions.has(key)));
  return coerce(validator, validator.root, members) as Record<string, unknown>;
}

function coerce(validator: SchemaValidator, rawSchema: JsonSchema | undefined, value: unknown): unknown {
  const schema = rawSchema ? validator.resolve(rawSchema) : undefined;
  if (schema?.['x-stringify'] && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  if (Array.isArray(value)) return value.map((item) => coerce(validator, schema?.items, item));
  if (!isRecord(value)) return value;
  if (schema?.['x-stringify']) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typeof item === 'string' ? item : String(item as number)]));
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'LocalPath' && schema?.properties?.ChannelName) continue;
    const child = schema?.properties?.[key] ?? (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    result[key] = coerce(validator, child, item);
  }
  return result;
}

/** Script mode: where the code is and what to run, as the SDK passes them (JSON-encoded). */
export interface ScriptMode {
  readonly entryPoint: string;
  readonly submitDirectory: string;
}

export function scriptModeHyperParameters(script: ScriptMode): Record<string, string> {
  return {
    sagemaker_program: JSON.stringify(script.entryPoint),
    sagemaker_submit_directory: JSON.stringify(script.submitDirectory),
  };
}

export function trainingRequest(validator: SchemaValidator, resolved: Record<string, unknown>, tags: Tag[], script?: ScriptMode): CreateTrainingJobRequest {
  const request = requestMembers(validator, resolved);
  if (script) request.HyperParameters = { ...(request.HyperParameters as Record<string, string> | undefined), ...scriptModeHyperParameters(script) };
  request.Tags = tags;
  return request as unknown as CreateTrainingJobRequest;
}

export function tuningRequest(validator: SchemaValidator, resolved: Record<string, unknown>, tags: Tag[], script?: ScriptMode): CreateHyperParameterTuningJobRequest {
  const request = requestMembers(validator, resolved);
  if (script) {
    for (const { definition } of trainingDefinitions(request)) {
      definition.StaticHyperParameters = { ...(definition.StaticHyperParameters as Record<string, string> | undefined), ...scriptModeHyperParameters(script) };
    }
  }
  request.Tags = tags;
  return request as unknown as CreateHyperParameterTuningJobRequest;
}

/** A trained model to serve: where its artifacts are and how it was trained. */
export interface TrainedModel {
  readonly trainingJobName: string;
  readonly modelDataUrl: string;
  readonly trainingImage?: string;
  /** The serving image (same as training for built-ins; the framework's inference image otherwise). */
  readonly inferenceImage?: string;
  readonly hyperParameters: Readonly<Record<string, string>>;
}

export interface DeployRequests {
  /** Undefined when an existing model is served. */
  readonly model?: CreateModelInput;
  readonly endpointConfig: CreateEndpointConfigInput;
  readonly endpoint: CreateEndpointInput;
}

/**
 * The three requests of a deployment. Names left out are generated from the endpoint's name;
 * the config serves the model, the endpoint uses the config; a trained model fills the container.
 */
export function deployRequests(
  validator: SchemaValidator,
  resolved: Record<string, unknown>,
  tags: Tag[],
  now: Date,
  trained: TrainedModel | undefined,
  region: string,
  existingModel?: string,
): DeployRequests {
  const members = requestMembers(validator, resolved);
  const model: Record<string, unknown> = existingModel ? { ModelName: existingModel } : { ...(members.Model as Record<string, unknown>) };
  const config = { ...(members.EndpointConfig as Record<string, unknown>) };
  const endpoint = { ...(members.Endpoint as Record<string, unknown>) };
  const endpointName = String(endpoint.EndpointName);
  model.ModelName ??= nameFromBase(endpointName, now, maxNameLength.model);
  config.EndpointConfigName ??= nameFromBase(endpointName, now, maxNameLength.endpointConfig);
  endpoint.EndpointConfigName ??= config.EndpointConfigName;
  const variants = Array.isArray(config.ProductionVariants) ? config.ProductionVariants : [];
  config.ProductionVariants = variants.map((variant: Record<string, unknown>, index) => ({
    ...variant,
    VariantName: variant.VariantName ?? (index === 0 ? 'AllTraffic' : `Variant${index + 1}`),
    ModelName: variant.ModelName ?? model.ModelName,
  }));
  if (trained) {
    const container = isRecord(model.PrimaryContainer) ? { ...model.PrimaryContainer } : {};
    container.ModelDataUrl = trained.modelDataUrl;
    container.Image ??= trained.inferenceImage ?? trained.trainingImage;
    const program = trained.hyperParameters.sagemaker_program;
    const submit = trained.hyperParameters.sagemaker_submit_directory;
    if (program && submit) {
      // What the SDK's framework models set so the serving container finds the inference code.
      container.Environment = {
        SAGEMAKER_PROGRAM: unquote(program),
        SAGEMAKER_SUBMIT_DIRECTORY: unquote(submit),
        SAGEMAKER_CONTAINER_LOG_LEVEL: '20',
        SAGEMAKER_REGION: region,
        ...(container.Environment as Record<string, string> | undefined),
      };
    }
    model.PrimaryContainer = container;
  }
  model.Tags = tags;
  config.Tags = tags;
  endpoint.Tags = tags;
  return {
    model: existingModel ? undefined : (model as unknown as CreateModelInput),
    endpointConfig: config as unknown as CreateEndpointConfigInput,
    endpoint: endpoint as unknown as CreateEndpointInput,
  };
}

/** Hyperparameters written by the SDK are JSON-encoded strings (`"train.py"`). */
function unquote(value: string): string {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}
