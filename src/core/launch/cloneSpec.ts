import type { DescribeHyperParameterTuningJobResponse, DescribeTrainingJobResponse, Tag } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { loadYaml } from '../util/loadYaml';
import type { ImageCatalog } from './images';
import { baseOfName } from './naming';
import { isRecord, type JsonSchema, type SchemaValidator } from './schema';
import { trainingDefinitions } from './specFacts';
import { extensionTag, launchIdTagKey } from './specRequests';

/** Flags the service reports as false when they were never set; a clone leaves them out. */
const defaultFalse = new Set(['EnableNetworkIsolation', 'EnableInterContainerTrafficEncryption', 'EnableManagedSpotTraining', 'EnableSageMakerMetricsTimeSeries']);

/**
 * The spec that recreates a described job: the request members found in the Describe output
 * (kept only where the request schema has them), a fresh `${timestamp}` name, and the user's tags.
 */
export function specFromDescription(
  kind: 'training' | 'tuning',
  described: object,
  tags: readonly Tag[],
  validator: SchemaValidator,
  images?: ImageCatalog,
): Record<string, unknown> {
  const pruned = prune(validator, validator.root, described) as Record<string, unknown>;
  if (images) dropServiceMetricDefinitions(pruned, images);
  const spec: Record<string, unknown> = {};
  if (kind === 'training') {
    const name = (described as DescribeTrainingJobResponse).TrainingJobName ?? 'training';
    spec.TrainingJobName = `${baseOfName(name)}-\${timestamp}`;
  } else {
    const name = (described as DescribeHyperParameterTuningJobResponse).HyperParameterTuningJobName ?? 'tuning';
    spec.HyperParameterTuningJobName = `${baseOfName(name).slice(0, 18)}-\${shortTimestamp}`;
  }
  // In the order of the request's members, as the API reference and the CLI skeleton list them.
  for (const key of Object.keys(validator.root.properties ?? {})) {
    if (key === 'TrainingJobName' || key === 'HyperParameterTuningJobName' || key === 'Tags' || pruned[key] === undefined) continue;
    spec[key] = pruned[key];
  }
  const userTags = tags.filter((tag) => tag.Key && !tag.Key.startsWith('aws:') && tag.Key !== extensionTag.Key && tag.Key !== launchIdTagKey);
  if (userTags.length) spec.Tags = userTags.map((tag) => ({ Key: tag.Key, Value: tag.Value ?? '' }));
  return spec;
}

/**
 * The service fills in the metric definitions of built-in algorithm containers (XGBoost too, in
 * script mode); they are its own, not the user's, and a relaunch gets them again.
 */
function dropServiceMetricDefinitions(spec: Record<string, unknown>, images: ImageCatalog): void {
  for (const { definition } of trainingDefinitions(spec)) {
    const algorithm = isRecord(definition.AlgorithmSpecification) ? definition.AlgorithmSpecification : undefined;
    if (typeof algorithm?.TrainingImage === 'string' && images.isAlgorithmImage(algorithm.TrainingImage)) delete algorithm.MetricDefinitions;
  }
}

function prune(validator: SchemaValidator, rawSchema: JsonSchema, value: unknown): unknown {
  const schema = validator.resolve(rawSchema);
  if (value instanceof Date) return undefined;
  if (Array.isArray(value)) {
    const items = (value as unknown[]).map((item) => (schema.items ? prune(validator, schema.items, item) : item)).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (!isRecord(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '$metadata' || item === undefined || item === null) continue;
    if (item === false && defaultFalse.has(key)) continue;
    const child = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    if (!child || key === 'Source' || key === 'LocalPath') continue;
    const kept = prune(validator, child, item);
    if (kept !== undefined) result[key] = kept;
  }
  return Object.keys(result).length ? result : undefined;
}

/** Describes a job and its tags, and returns the spec that recreates it. */
export async function cloneJob(
  clients: AwsClients,
  region: string,
  kind: 'training' | 'tuning',
  name: string,
  validator: SchemaValidator,
  images?: ImageCatalog,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const described =
    kind === 'training'
      ? await client.send(new sagemaker.DescribeTrainingJobCommand({ TrainingJobName: name }), { abortSignal: signal })
      : await client.send(new sagemaker.DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }), { abortSignal: signal });
  const arn = 'TrainingJobArn' in described ? described.TrainingJobArn : (described as DescribeHyperParameterTuningJobResponse).HyperParameterTuningJobArn;
  let tags: Tag[] = [];
  if (arn) {
    try {
      tags = (await client.send(new sagemaker.ListTagsCommand({ ResourceArn: arn }), { abortSignal: signal })).Tags ?? [];
    } catch {
      // Tags are a nicety; a clone without them is still a clone.
    }
  }
  return specFromDescription(kind, described, tags, validator, images);
}

/** A spec as YAML text with a header saying where it came from. */
export async function specToYaml(spec: Record<string, unknown>, header: readonly string[]): Promise<string> {
  const { stringify } = await loadYaml();
  const comments = header.map((line) => `# ${line}`.trimEnd()).join('\n');
  return `${comments}${comments ? '\n' : ''}${stringify(spec, { lineWidth: 0 })}`;
}
