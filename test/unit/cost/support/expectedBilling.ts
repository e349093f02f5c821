import type {
  DescribeAppResponse,
  DescribeEndpointConfigOutput,
  DescribeEndpointOutput,
  DescribeHyperParameterTuningJobResponse,
  DescribeNotebookInstanceOutput,
  DescribeProcessingJobResponse,
  DescribeTrainingJobResponse,
  DescribeTransformJobResponse,
} from '@aws-sdk/client-sagemaker';

/**
 * What bills now in the local service, worked out from its own state (its Describe answers),
 * independently of the scanner under test: the kinds, names and instances a correct scan finds.
 */
export interface ExpectedResource {
  readonly key: string;
  readonly region: string;
  /** instanceType → count. */
  readonly instances: Record<string, number>;
  readonly use: string;
  /** Studio apps: their type (AWS prices some separately). */
  readonly appType?: string;
}

export interface StateReader {
  list(kind: string, region: string): unknown[];
}

const add = (into: Record<string, number>, type: string | undefined, count: number | undefined): void => {
  const key = type ?? 'unknown';
  into[key] = (into[key] ?? 0) + (count ?? 1);
};

export function expectedBilling(state: StateReader, region: string): ExpectedResource[] {
  const list = <T>(kind: string): T[] => state.list(kind, region) as T[];
  const expected: ExpectedResource[] = [];
  for (const app of list<DescribeAppResponse>('app')) {
    const type = app.ResourceSpec?.InstanceType as string | undefined;
    if (app.Status !== 'InService' || (app.AppType === 'JupyterServer' && (type ?? 'system') === 'system')) continue;
    expected.push({ key: `app:${app.SpaceName ?? app.UserProfileName}/${app.AppType}/${app.AppName}`, region, instances: { [type ?? 'unknown']: 1 }, use: 'studio', appType: app.AppType });
  }
  for (const notebook of list<DescribeNotebookInstanceOutput>('notebookInstance')) {
    if (notebook.NotebookInstanceStatus === 'InService') {
      expected.push({ key: `notebookInstance:${notebook.NotebookInstanceName}`, region, instances: { [notebook.InstanceType ?? 'unknown']: 1 }, use: 'notebookInstance' });
    }
  }
  const configs = new Map(list<DescribeEndpointConfigOutput>('endpointConfig').map((config) => [config.EndpointConfigName, config]));
  for (const endpoint of list<DescribeEndpointOutput>('endpoint')) {
    if (!['InService', 'Updating', 'SystemUpdating', 'RollingBack'].includes(endpoint.EndpointStatus ?? '')) continue;
    const config = configs.get(endpoint.EndpointConfigName);
    const instances: Record<string, number> = {};
    for (const variant of config?.ProductionVariants ?? []) {
      if (variant.ServerlessConfig) continue;
      const live = endpoint.ProductionVariants?.find((v) => v.VariantName === variant.VariantName);
      add(instances, variant.InstanceType, live?.CurrentInstanceCount ?? variant.InitialInstanceCount);
    }
    expected.push({ key: `endpoint:${endpoint.EndpointName}`, region, instances, use: config?.AsyncInferenceConfig ? 'asyncInference' : 'hosting' });
  }
  const tuners = new Map(
    list<DescribeHyperParameterTuningJobResponse>('hyperParameterTuningJob')
      .filter((tuner) => tuner.HyperParameterTuningJobStatus === 'InProgress')
      .map((tuner) => [String(tuner.HyperParameterTuningJobArn).toLowerCase(), { name: tuner.HyperParameterTuningJobName ?? '', instances: {} }]),
  );
  for (const job of list<DescribeTrainingJobResponse>('trainingJob')) {
    if (job.TrainingJobStatus !== 'InProgress') continue;
    const instances: Record<string, number> = {};
    const groups = job.ResourceConfig?.InstanceGroups?.length ? job.ResourceConfig.InstanceGroups : [job.ResourceConfig ?? {}];
    for (const group of groups) add(instances, group.InstanceType, group.InstanceCount);
    const tuner = job.TuningJobArn ? tuners.get(job.TuningJobArn.toLowerCase()) : undefined;
    if (tuner) for (const [type, count] of Object.entries(instances)) add(tuner.instances, type, count);
    else expected.push({ key: `trainingJob:${job.TrainingJobName}`, region, instances, use: job.EnableManagedSpotTraining ? 'spotTraining' : 'training' });
  }
  for (const tuner of tuners.values()) expected.push({ key: `tuningJob:${tuner.name}`, region, instances: tuner.instances, use: 'training' });
  for (const job of list<DescribeProcessingJobResponse>('processingJob')) {
    if (job.ProcessingJobStatus !== 'InProgress') continue;
    const cluster = job.ProcessingResources?.ClusterConfig;
    const instances: Record<string, number> = {};
    add(instances, cluster?.InstanceType, cluster?.InstanceCount);
    expected.push({ key: `processingJob:${job.ProcessingJobName}`, region, instances, use: 'processing' });
  }
  for (const job of list<DescribeTransformJobResponse>('transformJob')) {
    if (job.TransformJobStatus !== 'InProgress') continue;
    const instances: Record<string, number> = {};
    add(instances, job.TransformResources?.InstanceType, job.TransformResources?.InstanceCount);
    expected.push({ key: `transformJob:${job.TransformJobName}`, region, instances, use: 'batchTransform' });
  }
  return expected;
}
