import type { Emulator } from '../../../emulator/index';

/** Create* requests for the resources these tests put into the local service. */

const role = 'arn:aws:iam::123456789012:role/SageMakerRole';
const xgboostImage = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';

export interface TrainingFixture {
  readonly instanceType?: string;
  readonly instanceCount?: number;
  readonly spot?: boolean;
  readonly metricDefinitions?: Array<{ Name: string; Regex: string }>;
  readonly hyperParameters?: Record<string, string>;
}

export function trainingRequest(name: string, fixture: TrainingFixture = {}): Record<string, unknown> {
  return {
    TrainingJobName: name,
    AlgorithmSpecification: {
      TrainingImage: xgboostImage,
      TrainingInputMode: 'File',
      ...(fixture.metricDefinitions ? { MetricDefinitions: fixture.metricDefinitions } : {}),
    },
    RoleArn: role,
    HyperParameters: fixture.hyperParameters ?? { num_round: '100', max_depth: '5' },
    InputDataConfig: [
      { ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://my-bucket/train/', S3DataDistributionType: 'FullyReplicated' } } },
    ],
    OutputDataConfig: { S3OutputPath: 's3://my-bucket/output/' },
    ResourceConfig: { InstanceType: fixture.instanceType ?? 'ml.m5.xlarge', InstanceCount: fixture.instanceCount ?? 1, VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 86_400, ...(fixture.spot ? { MaxWaitTimeInSeconds: 172_800 } : {}) },
    EnableManagedSpotTraining: fixture.spot ?? false,
  };
}

/** Puts `count` finished training jobs, one minute apart, the newest `minutesAgo` minutes ago; returns names newest first. */
export function putTrainingJobs(emulator: Emulator, region: string, count: number, prefix = 'job', minutesAgo = 60): string[] {
  const now = emulator.clock.now().getTime();
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${prefix}-${String(i).padStart(4, '0')}`;
    emulator.state.put('trainingJob', region, trainingRequest(name), {
      createdAt: now - (minutesAgo + (count - i)) * 60_000 - 24 * 3600_000,
      outcome: 'Completed',
      trainingSeconds: 600,
    });
    names.push(name);
  }
  return names.reverse();
}

export function processingRequest(name: string, instanceType = 'ml.m5.xlarge'): Record<string, unknown> {
  return {
    ProcessingJobName: name,
    ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: instanceType, VolumeSizeInGB: 30 } },
    AppSpecification: { ImageUri: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3' },
    RoleArn: role,
  };
}

export function transformRequest(name: string, modelName: string, instanceType = 'ml.m5.large'): Record<string, unknown> {
  return {
    TransformJobName: name,
    ModelName: modelName,
    TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://my-bucket/batch-in/' } }, ContentType: 'text/csv' },
    TransformOutput: { S3OutputPath: 's3://my-bucket/batch-out/' },
    TransformResources: { InstanceType: instanceType, InstanceCount: 1 },
  };
}

export function modelRequest(name: string): Record<string, unknown> {
  return {
    ModelName: name,
    PrimaryContainer: { Image: xgboostImage, ModelDataUrl: `s3://my-bucket/output/${name}/output/model.tar.gz` },
    ExecutionRoleArn: role,
  };
}

export function endpointConfigRequest(name: string, modelName: string, variant: { instanceType?: string; count?: number; serverless?: { memory: number; concurrency: number } } = {}): Record<string, unknown> {
  return {
    EndpointConfigName: name,
    ProductionVariants: [
      variant.serverless
        ? { VariantName: 'AllTraffic', ModelName: modelName, ServerlessConfig: { MemorySizeInMB: variant.serverless.memory, MaxConcurrency: variant.serverless.concurrency } }
        : { VariantName: 'AllTraffic', ModelName: modelName, InstanceType: variant.instanceType ?? 'ml.m5.xlarge', InitialInstanceCount: variant.count ?? 1, InitialVariantWeight: 1 },
    ],
  };
}

export function tuningRequest(name: string, maxJobs = 6, parallel = 2): Record<string, unknown> {
  const definition = trainingRequest('unused') as { AlgorithmSpecification: unknown; RoleArn: string; InputDataConfig: unknown; OutputDataConfig: unknown; ResourceConfig: unknown; StoppingCondition: unknown };
  return {
    HyperParameterTuningJobName: name,
    HyperParameterTuningJobConfig: {
      Strategy: 'Bayesian',
      HyperParameterTuningJobObjective: { Type: 'Maximize', MetricName: 'validation:auc' },
      ResourceLimits: { MaxNumberOfTrainingJobs: maxJobs, MaxParallelTrainingJobs: parallel },
      ParameterRanges: { ContinuousParameterRanges: [{ Name: 'eta', MinValue: '0.1', MaxValue: '0.5' }], IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '3', MaxValue: '9' }] },
    },
    TrainingJobDefinition: {
      AlgorithmSpecification: { TrainingImage: xgboostImage, TrainingInputMode: 'File' },
      RoleArn: definition.RoleArn,
      StaticHyperParameters: { num_round: '50', objective: 'binary:logistic' },
      InputDataConfig: [
        { ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://my-bucket/train/' } } },
        { ChannelName: 'validation', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://my-bucket/validation/' } } },
      ],
      OutputDataConfig: definition.OutputDataConfig,
      ResourceConfig: definition.ResourceConfig,
      StoppingCondition: definition.StoppingCondition,
    },
  };
}
