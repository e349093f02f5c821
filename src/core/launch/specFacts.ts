import type { Path } from './placeholders';
import { isRecord } from './schema';
import type { SpecKind } from './specKind';

/** Where the training job definitions of a spec are: the root of a training spec, or inside a tuning spec. */
export function trainingDefinitions(value: Record<string, unknown>): Array<{ path: Path; definition: Record<string, unknown> }> {
  if (isRecord(value.TrainingJobDefinition)) return [{ path: ['TrainingJobDefinition'], definition: value.TrainingJobDefinition }];
  if (Array.isArray(value.TrainingJobDefinitions)) {
    return value.TrainingJobDefinitions.flatMap((definition, index) =>
      isRecord(definition) ? [{ path: ['TrainingJobDefinitions', index] as Path, definition }] : [],
    );
  }
  if ('HyperParameterTuningJobName' in value || 'HyperParameterTuningJobConfig' in value) return [];
  return [{ path: [], definition: value }];
}

export interface InstanceGroupFacts {
  readonly instanceType: string;
  readonly count: number;
}

/** What a spec runs, for prices: instances, limits, parallelism. */
export interface RunFacts {
  readonly kind: SpecKind;
  readonly groups: readonly InstanceGroupFacts[];
  readonly spot: boolean;
  /** Longest billable run of one training job (MaxRuntimeInSeconds; the service's default is one day). */
  readonly maxRuntimeSeconds?: number;
  /** Spot: how long the job may wait and run in all (MaxWaitTimeInSeconds). */
  readonly maxWaitSeconds?: number;
  readonly maxJobs?: number;
  readonly parallelJobs?: number;
  /** Deploy: serverless variants (memory in MB). */
  readonly serverlessMemoryMb?: readonly number[];
}

const defaultMaxRuntime = 86_400;

export function runFacts(kind: SpecKind, value: unknown): RunFacts {
  const spec = isRecord(value) ? value : {};
  if (kind === 'deploy') {
    const config = isRecord(spec.EndpointConfig) ? spec.EndpointConfig : {};
    const variants = Array.isArray(config.ProductionVariants) ? config.ProductionVariants.filter(isRecord) : [];
    return {
      kind,
      spot: false,
      groups: variants.flatMap((variant) =>
        typeof variant.InstanceType === 'string' ? [{ instanceType: variant.InstanceType, count: numberOr(variant.InitialInstanceCount, 1) }] : [],
      ),
      serverlessMemoryMb: variants.flatMap((variant) =>
        isRecord(variant.ServerlessConfig) ? [numberOr(variant.ServerlessConfig.MemorySizeInMB, 0)] : [],
      ),
    };
  }
  const [first] = trainingDefinitions(spec);
  const definition = first?.definition ?? {};
  const resource = isRecord(definition.ResourceConfig) ? definition.ResourceConfig : {};
  const groups: InstanceGroupFacts[] = Array.isArray(resource.InstanceGroups)
    ? resource.InstanceGroups.filter(isRecord).flatMap((group) =>
        typeof group.InstanceType === 'string' ? [{ instanceType: group.InstanceType, count: numberOr(group.InstanceCount, 1) }] : [],
      )
    : typeof resource.InstanceType === 'string'
      ? [{ instanceType: resource.InstanceType, count: numberOr(resource.InstanceCount, 1) }]
      : [];
  const stopping = isRecord(definition.StoppingCondition) ? definition.StoppingCondition : {};
  const facts: RunFacts = {
    kind,
    groups,
    spot: definition.EnableManagedSpotTraining === true,
    maxRuntimeSeconds: numberOr(stopping.MaxRuntimeInSeconds, defaultMaxRuntime),
    maxWaitSeconds: typeof stopping.MaxWaitTimeInSeconds === 'number' ? stopping.MaxWaitTimeInSeconds : undefined,
  };
  if (kind !== 'tuning') return facts;
  const config = isRecord(spec.HyperParameterTuningJobConfig) ? spec.HyperParameterTuningJobConfig : {};
  const limits = isRecord(config.ResourceLimits) ? config.ResourceLimits : {};
  return {
    ...facts,
    maxJobs: typeof limits.MaxNumberOfTrainingJobs === 'number' ? limits.MaxNumberOfTrainingJobs : undefined,
    parallelJobs: numberOr(limits.MaxParallelTrainingJobs, 1),
  };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
