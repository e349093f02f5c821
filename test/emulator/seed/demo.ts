import type * as SM from '@aws-sdk/client-sagemaker';
import { hash32, Random } from '../core/random';
import { createProcessingJobRecord, createTransformJobRecord } from '../sagemaker/batchJobs';
import { DURATIONS } from '../sagemaker/durations';
import { createEndpointConfigRecord, createEndpointRecord, createModelRecord } from '../sagemaker/hosting';
import { createLifecycleConfigRecord, createNotebookRecord } from '../sagemaker/notebooks';
import type { TrainingOutcome } from '../sagemaker/records';
import type { RegionState } from '../sagemaker/state';
import { createAppRecord, createDomainRecord, createSpaceRecord, createUserProfileRecord } from '../sagemaker/studio';
import type { Phase } from '../sagemaker/timeline';
import { createTrainingJobRecord, modelArtifactUri } from '../sagemaker/training';
import { createTuningJobRecord } from '../sagemaker/tuning';
import type { Wire } from '../sagemaker/wire';
import type { World } from '../world';
import { AUTO_STOP_SCRIPT, DAY, executionRole, HOUR, imageUri, MINUTE, sdkJobName, tags } from './catalog';

type TrainingRequest = Wire<SM.CreateTrainingJobRequest>;

/** A team's recurring training workload. */
export interface Project {
  base: string;
  project: string;
  team: string;
  owner: string;
  weight: number;
  spotShare: number;
  instances: string[];
  count?: number;
  request(region: string, bucket: string, name: string, r: Random): Omit<TrainingRequest, 'TrainingJobName' | 'RoleArn' | 'OutputDataConfig' | 'StoppingCondition' | 'Tags'>;
}

const scriptMode = (program: string, bucket: string, project: string, name: string, region: string): Record<string, string> => ({
  sagemaker_program: `"${program}"`,
  sagemaker_submit_directory: `"s3://${bucket}/${project}/${name}/source/sourcedir.tar.gz"`,
  sagemaker_container_log_level: '20',
  sagemaker_job_name: `"${name}"`,
  sagemaker_region: `"${region}"`,
});

const channels = (bucket: string, project: string, names: string[], contentType?: string): Wire<SM.Channel>[] =>
  names.map((c) => ({
    ChannelName: c,
    DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${bucket}/${project}/data/${c}`, S3DataDistributionType: 'FullyReplicated' } },
    ...(contentType ? { ContentType: contentType } : {}),
    CompressionType: 'None',
    RecordWrapperType: 'None',
  }));

export const PROJECTS: Project[] = [
  {
    base: 'fraud-detection-xgb', project: 'fraud-detection', team: 'risk-ml', owner: 'ana', weight: 30, spotShare: 0.5, instances: ['ml.m5.xlarge', 'ml.m5.2xlarge'],
    request: (region, bucket, _name, r) => ({
      AlgorithmSpecification: { TrainingImage: imageUri('xgboost', '1.7-1', region), TrainingInputMode: 'File' },
      HyperParameters: {
        objective: 'binary:logistic', eval_metric: 'auc', num_round: String(r.pick([100, 150, 200])), max_depth: String(r.int(4, 8)),
        eta: r.pick(['0.1', '0.2', '0.3']), gamma: '4', min_child_weight: '6', subsample: '0.8', scale_pos_weight: '29',
      },
      InputDataConfig: channels(bucket, 'fraud-detection', ['train', 'validation'], 'text/csv'),
    }),
  },
  {
    base: 'churn-xgb', project: 'churn', team: 'growth-ml', owner: 'ben', weight: 20, spotShare: 0.3, instances: ['ml.m5.xlarge'],
    request: (region, bucket, _name, r) => ({
      AlgorithmSpecification: { TrainingImage: imageUri('xgboost', '3.0-5', region), TrainingInputMode: 'File' },
      HyperParameters: { objective: 'binary:logistic', eval_metric: 'auc,logloss', num_round: String(r.pick([80, 120])), max_depth: '5', eta: '0.2', subsample: '0.9' },
      InputDataConfig: channels(bucket, 'churn', ['train', 'validation'], 'text/csv'),
    }),
  },
  {
    base: 'demand-forecast-deepar', project: 'demand-forecast', team: 'supply-ml', owner: 'chen', weight: 10, spotShare: 0, instances: ['ml.c5.2xlarge'],
    request: (region, bucket) => ({
      AlgorithmSpecification: {
        TrainingImage: imageUri('forecasting-deepar', '1', region),
        TrainingInputMode: 'File',
        MetricDefinitions: [
          { Name: 'train:final_loss', Regex: '#train_score \\(algo-1, final_loss\\): (\\S+)' },
          { Name: 'test:RMSE', Regex: '#test_score \\(algo-1, RMSE\\): (\\S+)' },
          { Name: 'test:mean_wQuantileLoss', Regex: '#test_score \\(algo-1, mean_wQuantileLoss\\): (\\S+)' },
        ],
      },
      HyperParameters: { time_freq: 'D', context_length: '30', prediction_length: '14', epochs: '40', num_cells: '40', num_layers: '2', likelihood: 'gaussian', mini_batch_size: '64' },
      InputDataConfig: channels(bucket, 'demand-forecast', ['train', 'test'], 'json'),
    }),
  },
  {
    base: 'image-classifier-pt', project: 'image-classifier', team: 'vision-ml', owner: 'chen', weight: 10, spotShare: 0.4, instances: ['ml.g5.2xlarge', 'ml.g4dn.xlarge'],
    request: (region, bucket, name, r) => ({
      AlgorithmSpecification: {
        TrainingImage: imageUri('pytorch-training', '2.7.1', region, 'gpu'),
        TrainingInputMode: 'File',
        MetricDefinitions: [
          { Name: 'train:loss', Regex: 'train_loss=([0-9\\.]+)' },
          { Name: 'validation:loss', Regex: 'val_loss=([0-9\\.]+)' },
          { Name: 'validation:accuracy', Regex: 'val_acc=([0-9\\.]+)' },
        ],
        EnableSageMakerMetricsTimeSeries: true,
      },
      HyperParameters: { epochs: String(r.pick([8, 10, 12])), 'batch-size': '64', lr: r.pick(['0.001', '0.0005']), ...scriptMode('train.py', bucket, 'image-classifier', name, region) },
      InputDataConfig: channels(bucket, 'image-classifier', ['training', 'validation']),
    }),
  },
  {
    base: 'bert-sentiment-hf', project: 'support-sentiment', team: 'nlp-ml', owner: 'dara', weight: 10, spotShare: 0.2, instances: ['ml.g5.2xlarge', 'ml.p3.2xlarge'],
    request: (region, bucket, name) => ({
      AlgorithmSpecification: {
        TrainingImage: imageUri('huggingface-pytorch-training', '5.3.0', region, 'gpu'),
        TrainingInputMode: 'File',
        MetricDefinitions: [
          { Name: 'loss', Regex: "'loss': ([0-9]+(.|e\\-)[0-9]+),?" },
          { Name: 'eval_loss', Regex: "'eval_loss': ([0-9]+(.|e\\-)[0-9]+),?" },
          { Name: 'eval_accuracy', Regex: "'eval_accuracy': ([0-9]+(.|e\\-)[0-9]+),?" },
        ],
      },
      HyperParameters: { epochs: '3', train_batch_size: '32', model_name: '"distilbert-base-uncased"', learning_rate: '5e-05', ...scriptMode('train.py', bucket, 'support-sentiment', name, region) },
      InputDataConfig: channels(bucket, 'support-sentiment', ['train', 'test']),
    }),
  },
  {
    base: 'recsys-two-tower-pt', project: 'recommendations', team: 'growth-ml', owner: 'ben', weight: 10, spotShare: 0.6, instances: ['ml.g5.4xlarge'],
    request: (region, bucket, name) => ({
      AlgorithmSpecification: {
        TrainingImage: imageUri('pytorch-training', '2.8.0', region, 'gpu'),
        TrainingInputMode: 'FastFile',
        MetricDefinitions: [
          { Name: 'train:loss', Regex: 'train_loss=([0-9\\.]+)' },
          { Name: 'validation:recall@50', Regex: 'val_recall@50=([0-9\\.]+)' },
        ],
      },
      HyperParameters: { epochs: '6', 'embedding-dim': '128', 'batch-size': '4096', lr: '0.002', ...scriptMode('train_two_tower.py', bucket, 'recommendations', name, region) },
      InputDataConfig: channels(bucket, 'recommendations', ['train', 'validation']),
    }),
  },
  {
    base: 'credit-risk-sklearn', project: 'credit-risk', team: 'risk-ml', owner: 'ana', weight: 10, spotShare: 0, instances: ['ml.m5.large'],
    request: (region, bucket, name) => ({
      AlgorithmSpecification: {
        TrainingImage: imageUri('sklearn', '1.2-1', region),
        TrainingInputMode: 'File',
        MetricDefinitions: [{ Name: 'validation:f1', Regex: 'validation f1: ([0-9\\.]+)' }],
      },
      HyperParameters: { 'n-estimators': '300', 'max-depth': '12', ...scriptMode('train.py', bucket, 'credit-risk', name, region) },
      InputDataConfig: channels(bucket, 'credit-risk', ['train', 'validation'], 'text/csv'),
    }),
  },
];

export function trainingRequest(state: RegionState, p: Project, name: string, instance: string, spot: boolean, r: Random): TrainingRequest {
  const bucket = state.defaultBucket;
  const base = p.request(state.region, bucket, name, r);
  const hosts = p.base.startsWith('recsys') ? 2 : 1;
  return {
    TrainingJobName: name,
    RoleArn: executionRole(state.accountId),
    ...base,
    OutputDataConfig: { S3OutputPath: `s3://${bucket}/${p.project}/output` },
    ResourceConfig: { InstanceType: instance as SM.TrainingInstanceType, InstanceCount: hosts, VolumeSizeInGB: 30 },
    StoppingCondition: spot ? { MaxRuntimeInSeconds: 7200, MaxWaitTimeInSeconds: 14400 } : { MaxRuntimeInSeconds: 86400 },
    EnableManagedSpotTraining: spot || undefined,
    CheckpointConfig: spot ? { S3Uri: `s3://${bucket}/${p.project}/checkpoints/${name}` } : undefined,
    Tags: tags(p.project, p.team, p.owner),
  };
}

function seedTraining(state: RegionState, r: Random, now: number, count: number): string[] {
  const completed: string[] = [];
  const times = Array.from({ length: count }, () => now - r.between(3 * HOUR, 28 * DAY)).sort((a, b) => a - b);
  for (const at of times) {
    const p = r.weighted(PROJECTS.map((x) => [x, x.weight] as const));
    const name = sdkJobName(p.base, at);
    if (state.trainingJobs.has(name)) continue;
    const spot = r.chance(p.spotShare);
    const roll = r.next();
    const outcome: TrainingOutcome = roll < 0.08 ? 'Failed' : roll < 0.13 ? 'Stopped' : 'Completed';
    createTrainingJobRecord(state, trainingRequest(state, p, name, r.pick(p.instances), spot, r), { at, outcome });
    if (outcome === 'Completed') completed.push(name);
  }
  // A few still running, started minutes ago and planned to run for a couple of hours.
  for (const [minutesAgo, project] of [[7, 0], [18, 3], [33, 4], [52, 1]] as const) {
    const at = now - minutesAgo * MINUTE;
    const p = PROJECTS[project]!;
    const name = sdkJobName(p.base, at);
    createTrainingJobRecord(state, trainingRequest(state, p, name, p.instances[0]!, project === 0, r), { at, trainingMs: (90 + minutesAgo) * MINUTE });
  }
  // One that ran into its MaxRuntimeInSeconds.
  const at = now - 3 * DAY;
  const req = trainingRequest(state, PROJECTS[3]!, sdkJobName('image-classifier-pt-long', at), 'ml.g4dn.xlarge', false, r);
  req.StoppingCondition = { MaxRuntimeInSeconds: 3600 };
  createTrainingJobRecord(state, req, { at, trainingMs: 3 * HOUR });
  return completed;
}

function seedTuning(state: RegionState, r: Random, now: number, primary: boolean): void {
  const bucket = state.defaultBucket;
  const xgbDefinition = (project: string, image: string): Wire<SM.HyperParameterTrainingJobDefinition> => ({
    AlgorithmSpecification: { TrainingImage: image, TrainingInputMode: 'File' },
    RoleArn: executionRole(state.accountId),
    InputDataConfig: channels(bucket, project, ['train', 'validation'], 'text/csv'),
    OutputDataConfig: { S3OutputPath: `s3://${bucket}/${project}/hpo-output` },
    ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    StaticHyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', num_round: '120' },
  });
  const config = (max: number, parallel: number): Wire<SM.HyperParameterTuningJobConfig> => ({
    Strategy: 'Bayesian',
    HyperParameterTuningJobObjective: { Type: 'Maximize', MetricName: 'validation:auc' },
    ResourceLimits: { MaxNumberOfTrainingJobs: max, MaxParallelTrainingJobs: parallel },
    ParameterRanges: {
      ContinuousParameterRanges: [
        { Name: 'eta', MinValue: '0.05', MaxValue: '0.5', ScalingType: 'Auto' },
        { Name: 'min_child_weight', MinValue: '1', MaxValue: '10', ScalingType: 'Auto' },
        { Name: 'subsample', MinValue: '0.5', MaxValue: '1', ScalingType: 'Linear' },
      ],
      IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '3', MaxValue: '10', ScalingType: 'Auto' }],
    },
    TrainingJobEarlyStoppingType: 'Off',
  });
  const xgb = imageUri('xgboost', '1.7-1', state.region);
  if (primary) {
    createTuningJobRecord(state, {
      HyperParameterTuningJobName: 'fraud-xgb-hpo-20d-best',
      HyperParameterTuningJobConfig: config(20, 4),
      TrainingJobDefinition: xgbDefinition('fraud-detection', xgb),
      Tags: tags('fraud-detection', 'risk-ml', 'ana'),
    }, { at: now - 9 * DAY - 3 * HOUR });
    createTuningJobRecord(state, {
      HyperParameterTuningJobName: 'churn-xgb-hpo-running',
      HyperParameterTuningJobConfig: config(30, 3),
      TrainingJobDefinition: xgbDefinition('churn', imageUri('xgboost', '3.0-5', state.region)),
      Tags: tags('churn', 'growth-ml', 'ben'),
    }, { at: now - 35 * MINUTE });
  } else {
    createTuningJobRecord(state, {
      HyperParameterTuningJobName: 'fraud-xgb-hpo-eu',
      HyperParameterTuningJobConfig: { ...config(12, 3), Strategy: 'Random' },
      TrainingJobDefinition: xgbDefinition('fraud-detection', xgb),
      Tags: tags('fraud-detection', 'risk-ml', 'eli'),
    }, { at: now - 4 * DAY });
  }
  void r;
}

function seedStudio(state: RegionState, now: number, primary: boolean): void {
  const role = executionRole(state.accountId);
  const idle: Wire<SM.AppLifecycleManagement> = { IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: 60, MinIdleTimeoutInMinutes: 60, MaxIdleTimeoutInMinutes: 240 } };
  const inService = (at: number, ready = 6 * MINUTE): Phase[] => [{ at, status: 'Pending' }, { at: at + ready, status: 'InService' }];
  const domain = (name: string, at: number, withIdle: boolean, extra: Partial<Wire<SM.CreateDomainRequest>> = {}): string =>
    createDomainRecord(state, {
      DomainName: name,
      AuthMode: 'IAM',
      DefaultUserSettings: {
        ExecutionRole: role,
        StudioWebPortal: 'ENABLED',
        DefaultLandingUri: 'studio::',
        JupyterLabAppSettings: { DefaultResourceSpec: { InstanceType: 'ml.t3.medium' }, ...(withIdle ? { AppLifecycleManagement: idle } : {}) },
        CodeEditorAppSettings: { DefaultResourceSpec: { InstanceType: 'ml.t3.medium' }, ...(withIdle ? { AppLifecycleManagement: idle } : {}) },
        SpaceStorageSettings: { DefaultEbsStorageSettings: { DefaultEbsVolumeSizeInGb: 5, MaximumEbsVolumeSizeInGb: 100 } },
      },
      AppNetworkAccessType: 'PublicInternetOnly',
      Tags: [{ Key: 'team', Value: 'ml-platform' }],
      ...extra,
    }, { at, phases: inService(at) }).id;
  const profile = (domainId: string, name: string, at: number): void => {
    createUserProfileRecord(state, { DomainId: domainId, UserProfileName: name, Tags: [{ Key: 'owner', Value: name }] }, { at, phases: inService(at, 20_000) });
  };
  const space = (domainId: string, name: string, at: number, owner: string | undefined, appType: 'JupyterLab' | 'CodeEditor', volume = 5): void => {
    createSpaceRecord(state, {
      DomainId: domainId,
      SpaceName: name,
      SpaceSettings: {
        AppType: appType,
        ...(appType === 'JupyterLab' ? { JupyterLabAppSettings: { DefaultResourceSpec: { InstanceType: 'ml.t3.medium' } } } : { CodeEditorAppSettings: { DefaultResourceSpec: { InstanceType: 'ml.t3.medium' } } }),
        SpaceStorageSettings: { EbsStorageSettings: { EbsVolumeSizeInGb: volume } },
      },
      ...(owner ? { OwnershipSettings: { OwnerUserProfileName: owner }, SpaceSharingSettings: { SharingType: 'Private' } } : { SpaceSharingSettings: { SharingType: 'Shared' } }),
      SpaceDisplayName: name,
      Tags: [{ Key: 'owner', Value: owner ?? 'shared' }],
    }, { at, phases: inService(at, 20_000) });
  };
  type AppSpec = { domainId: string; user?: string; space?: string; type: SM.AppType; name?: string; instance?: string; at: number; status?: 'InService' | 'Deleted' | 'Pending' | 'Failed'; deletedAt?: number; lastActivity?: number; failure?: string };
  const app = (a: AppSpec): void => {
    const ready = a.at + (DURATIONS.app.create[a.type] ?? DURATIONS.app.createDefault);
    const phases: Phase[] =
      a.status === 'Pending'
        ? [{ at: a.at, status: 'Pending' }, { at: ready, status: 'InService' }]
        : a.status === 'Failed'
          ? [{ at: a.at, status: 'Pending' }, { at: a.at + 90_000, status: 'Failed' }]
          : a.status === 'Deleted'
            ? [{ at: a.at, status: 'Pending' }, { at: ready, status: 'InService' }, { at: a.deletedAt!, status: 'Deleting' }, { at: a.deletedAt! + DURATIONS.app.delete, status: 'Deleted' }]
            : [{ at: a.at, status: 'Pending' }, { at: ready, status: 'InService' }];
    createAppRecord(state, {
      DomainId: a.domainId,
      UserProfileName: a.space ? undefined : a.user,
      SpaceName: a.space,
      AppType: a.type,
      AppName: a.name ?? 'default',
      ResourceSpec: a.instance ? { InstanceType: a.instance as SM.AppInstanceType } : undefined,
      Tags: [{ Key: 'owner', Value: a.user ?? 'shared' }],
    }, { at: a.at, phases, lastUserActivity: a.lastActivity, failureReason: a.failure });
  };

  if (primary) {
    const platform = domain('ml-platform', now - 120 * DAY, true);
    const sandbox = domain('research-sandbox', now - 45 * DAY, false, {
      DomainSettings: { RStudioServerProDomainSettings: { DomainExecutionRoleArn: role } },
    });
    for (const [name, days] of [['ana', 110], ['ben', 100], ['chen', 60]] as const) profile(platform, name, now - days * DAY);
    profile(sandbox, 'dara', now - 40 * DAY);
    space(platform, 'ana-jupyterlab', now - 100 * DAY, 'ana', 'JupyterLab', 20);
    space(platform, 'ben-code-editor', now - 90 * DAY, 'ben', 'CodeEditor');
    space(platform, 'chen-gpu-lab', now - 20 * DAY, 'chen', 'JupyterLab', 100);
    space(platform, 'fraud-team-shared', now - 70 * DAY, undefined, 'JupyterLab', 50);
    space(sandbox, 'dara-sandbox', now - 30 * DAY, 'dara', 'JupyterLab');
    app({ domainId: platform, user: 'ana', space: 'ana-jupyterlab', type: 'JupyterLab', instance: 'ml.t3.medium', at: now - 3 * HOUR, lastActivity: now - 10 * MINUTE });
    app({ domainId: platform, user: 'ben', space: 'ben-code-editor', type: 'CodeEditor', instance: 'ml.m5.large', at: now - 26 * HOUR, lastActivity: now - 20 * HOUR });
    // The expensive one: a 4-GPU instance left running for days.
    app({ domainId: platform, user: 'chen', space: 'chen-gpu-lab', type: 'JupyterLab', instance: 'ml.g5.12xlarge', at: now - 4 * DAY - 6 * HOUR, lastActivity: now - 3 * DAY });
    app({ domainId: platform, space: 'fraud-team-shared', type: 'JupyterLab', instance: 'ml.m5.xlarge', at: now - 2 * DAY, status: 'Deleted', deletedAt: now - 5 * HOUR });
    app({ domainId: platform, user: 'ana', type: 'JupyterServer', at: now - 40 * DAY, lastActivity: now - 2 * HOUR });
    app({ domainId: platform, user: 'ana', type: 'KernelGateway', name: 'datascience-1-0-ml-t3-medium-1abf3407f667f989be9d86559395', instance: 'ml.t3.medium', at: now - 2 * DAY, lastActivity: now - 2 * HOUR });
    app({ domainId: platform, user: 'ana', type: 'KernelGateway', name: 'datascience-1-0-ml-m5-xlarge-b7c1f3c95f4c5f00a2cd2b07a1e7', instance: 'ml.m5.xlarge', at: now - 8 * HOUR, status: 'Deleted', deletedAt: now - 2 * HOUR });
    app({ domainId: platform, user: 'ben', type: 'Canvas', at: now - 6 * HOUR, lastActivity: now - 30 * MINUTE });
    app({ domainId: platform, user: 'chen', type: 'KernelGateway', name: 'pytorch-2-1-gpu-py310-ml-p3-2xlarge-8c1f0b3d2e4a', instance: 'ml.p3.2xlarge', at: now - 26 * HOUR, status: 'Failed',
      failure: "ResourceLimitExceeded: The account-level service limit 'ml.p3.2xlarge for studio KernelGateway apps' is 0 Instances, with current utilization of 0 Instances and a request delta of 1 Instances. Please use AWS Service Quotas to request an increase for this quota." });
    app({ domainId: sandbox, user: 'dara', type: 'JupyterServer', at: now - 30 * DAY, lastActivity: now - 26 * HOUR });
    app({ domainId: sandbox, user: 'dara', type: 'RStudioServerPro', at: now - 10 * DAY, lastActivity: now - 4 * DAY });
    app({ domainId: sandbox, user: 'dara', space: 'dara-sandbox', type: 'JupyterLab', instance: 'ml.t3.large', at: now - 40_000, status: 'Pending' });
  } else {
    const eu = domain('eu-analytics', now - 80 * DAY, true);
    profile(eu, 'eli', now - 75 * DAY);
    profile(eu, 'fatima', now - 50 * DAY);
    space(eu, 'eli-lab', now - 70 * DAY, 'eli', 'JupyterLab');
    space(eu, 'fatima-code', now - 45 * DAY, 'fatima', 'CodeEditor');
    app({ domainId: eu, user: 'eli', space: 'eli-lab', type: 'JupyterLab', instance: 'ml.t3.medium', at: now - 5 * HOUR, lastActivity: now - 15 * MINUTE });
    app({ domainId: eu, user: 'fatima', space: 'fatima-code', type: 'CodeEditor', instance: 'ml.t3.large', at: now - 30 * HOUR, status: 'Deleted', deletedAt: now - 9 * HOUR });
    app({ domainId: eu, user: 'fatima', type: 'JupyterServer', at: now - 50 * DAY, lastActivity: now - 9 * HOUR });
  }
}

function seedNotebooks(state: RegionState, now: number, primary: boolean): void {
  const role = executionRole(state.accountId);
  createLifecycleConfigRecord(state, {
    NotebookInstanceLifecycleConfigName: 'auto-stop-idle',
    OnStart: [{ Content: AUTO_STOP_SCRIPT }],
    Tags: [{ Key: 'team', Value: 'ml-platform' }],
  }, now - 200 * DAY);
  const nb = (name: string, type: string, at: number, phases: Phase[], o: Partial<Wire<SM.CreateNotebookInstanceInput>> = {}): void => {
    createNotebookRecord(state, { NotebookInstanceName: name, InstanceType: type as SM._InstanceType, RoleArn: role, VolumeSizeInGB: 20, ...o }, { at, phases });
  };
  if (primary) {
    const at = now - 9 * DAY;
    nb('churn-analysis-nb', 'ml.t3.xlarge', at, [{ at, status: 'Pending' }, { at: at + 5 * MINUTE, status: 'InService' }], { Tags: tags('churn', 'growth-ml', 'ben') });
    const old = now - 60 * DAY;
    nb('legacy-fraud-nb', 'ml.m5.xlarge', old, [
      { at: old, status: 'Pending' }, { at: old + 5 * MINUTE, status: 'InService' },
      { at: now - 5 * DAY, status: 'Stopping' }, { at: now - 5 * DAY + 90_000, status: 'Stopped' },
    ], { LifecycleConfigName: 'auto-stop-idle', DefaultCodeRepository: 'https://github.com/example-org/fraud-notebooks.git', Tags: tags('fraud-detection', 'risk-ml', 'ana') });
    const gpu = now - 14 * DAY;
    nb('gpu-experiments-nb', 'ml.g4dn.xlarge', gpu, [
      { at: gpu, status: 'Pending' }, { at: gpu + 5 * MINUTE, status: 'InService' },
      { at: now - 12 * DAY, status: 'Stopping' }, { at: now - 12 * DAY + 90_000, status: 'Stopped' },
    ], { LifecycleConfigName: 'auto-stop-idle', VolumeSizeInGB: 50, Tags: tags('image-classifier', 'vision-ml', 'chen') });
  } else {
    const at = now - 30 * DAY;
    nb('eu-reporting-nb', 'ml.t3.medium', at, [
      { at, status: 'Pending' }, { at: at + 5 * MINUTE, status: 'InService' }, { at: now - 2 * DAY, status: 'Stopping' }, { at: now - 2 * DAY + 90_000, status: 'Stopped' },
    ], { LifecycleConfigName: 'auto-stop-idle', Tags: tags('reporting', 'supply-ml', 'eli') });
  }
}

function seedBatchJobs(state: RegionState, r: Random, now: number, primary: boolean, models: string[]): void {
  const bucket = state.defaultBucket;
  const role = executionRole(state.accountId);
  const processingImage = imageUri('sklearn', '1.2-1', state.region);
  const count = primary ? 18 : 5;
  for (let k = 0; k < count; k++) {
    const at = k === count - 1 ? now - 4 * MINUTE : now - r.between(6 * HOUR, 27 * DAY);
    const [base, project] = r.pick([['fraud-preprocess', 'fraud-detection'], ['churn-feature-eng', 'churn'], ['sales-data-prep', 'demand-forecast']] as const);
    const name = sdkJobName(base, at);
    if (state.processingJobs.has(name)) continue;
    createProcessingJobRecord(state, {
      ProcessingJobName: name,
      RoleArn: role,
      AppSpecification: { ImageUri: processingImage, ContainerEntrypoint: ['python3', '/opt/ml/processing/input/code/preprocess.py'] },
      ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30 } },
      ProcessingInputs: [
        { InputName: 'input-1', S3Input: { S3Uri: `s3://${bucket}/${project}/raw`, LocalPath: '/opt/ml/processing/input', S3DataType: 'S3Prefix', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated' } },
        { InputName: 'code', S3Input: { S3Uri: `s3://${bucket}/${name}/input/code/preprocess.py`, LocalPath: '/opt/ml/processing/input/code', S3DataType: 'S3Prefix', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated' } },
      ],
      ProcessingOutputConfig: { Outputs: ['train', 'validation'].map((c) => ({ OutputName: c, S3Output: { S3Uri: `s3://${bucket}/${project}/data/${c}`, LocalPath: `/opt/ml/processing/${c}`, S3UploadMode: 'EndOfJob' } })) },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      Environment: { PYTHONUNBUFFERED: '1' },
      Tags: tags(project, project === 'churn' ? 'growth-ml' : 'risk-ml', 'ana'),
    }, { at, outcome: k === 3 ? 'Failed' : undefined });
  }
  const scoring = models.filter((m) => m.startsWith('churn'))[0] ?? models[0];
  if (!scoring) return;
  for (let k = 0; k < (primary ? 8 : 2); k++) {
    const at = k === 0 && primary ? now - 6 * MINUTE : now - r.between(12 * HOUR, 25 * DAY);
    const name = sdkJobName('churn-batch-scoring', at);
    if (state.transformJobs.has(name)) continue;
    createTransformJobRecord(state, {
      TransformJobName: name,
      ModelName: scoring,
      MaxConcurrentTransforms: 4,
      MaxPayloadInMB: 6,
      BatchStrategy: 'MultiRecord',
      TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${bucket}/churn/batch-input/customers.csv` } }, ContentType: 'text/csv', SplitType: 'Line' },
      TransformOutput: { S3OutputPath: `s3://${bucket}/churn/batch-output/${name}`, AssembleWith: 'Line', Accept: 'text/csv' },
      TransformResources: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1 },
      Tags: tags('churn', 'growth-ml', 'ben'),
    }, { at });
  }
}

function seedHosting(state: RegionState, now: number, primary: boolean, completed: string[]): string[] {
  const bucket = state.defaultBucket;
  const role = executionRole(state.accountId);
  const jobOf = (prefix: string): string | undefined => [...completed].reverse().find((n) => n.startsWith(prefix));
  const artifact = (prefix: string, project: string): string => {
    const job = jobOf(prefix);
    const rec = job ? state.trainingJobs.get(job) : undefined;
    return rec ? modelArtifactUri(rec) : `s3://${bucket}/${project}/output/model.tar.gz`;
  };
  const model = (name: string, image: string, data: string, at: number, tagList: { Key: string; Value: string }[]): string => {
    createModelRecord(state, { ModelName: name, PrimaryContainer: { Image: image, ModelDataUrl: data, Mode: 'SingleModel', Environment: {} }, ExecutionRoleArn: role, Tags: tagList }, at);
    return name;
  };
  const endpoint = (name: string, variants: Wire<SM.ProductionVariant>[], at: number, phases: Phase[] | undefined, tagList: { Key: string; Value: string }[], o: { capture?: boolean; failure?: string } = {}): void => {
    const config = createEndpointConfigRecord(state, {
      EndpointConfigName: `${name}-config-${new Date(at).toISOString().slice(0, 10).replace(/-/g, '')}`,
      ProductionVariants: variants,
      ...(o.capture
        ? { DataCaptureConfig: { EnableCapture: true, InitialSamplingPercentage: 20, DestinationS3Uri: `s3://${bucket}/${name}/data-capture`, CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }] } }
        : {}),
      Tags: tagList,
    }, at - 2 * MINUTE);
    createEndpointRecord(state, name, config, tagList, { at, phases, failureReason: o.failure });
  };
  const xgbInference = imageUri('xgboost', '1.7-1', state.region);
  const models: string[] = [];
  if (primary) {
    const fraudTags = tags('fraud-detection', 'risk-ml', 'ana');
    models.push(model('fraud-xgb-model-v2', xgbInference, artifact('fraud-detection-xgb', 'fraud-detection'), now - 60 * DAY, fraudTags));
    models.push(model('fraud-xgb-model-v3', xgbInference, artifact('fraud-detection-xgb', 'fraud-detection'), now - 31 * DAY, fraudTags));
    models.push(model('churn-xgb-model', imageUri('xgboost', '3.0-5', state.region), artifact('churn-xgb', 'churn'), now - 13 * DAY, tags('churn', 'growth-ml', 'ben')));
    models.push(model('llm-summarizer-model', imageUri('huggingface-pytorch-inference', '5.5.3', state.region, 'gpu'), `s3://${bucket}/llm-summarizer/model/model.tar.gz`, now - 7 * DAY, tags('llm-summarizer', 'nlp-ml', 'dara')));
    models.push(model('demand-forecast-model', imageUri('forecasting-deepar', '1', state.region), artifact('demand-forecast-deepar', 'demand-forecast'), now - 2 * DAY, tags('demand-forecast', 'supply-ml', 'chen')));
    models.push(model('image-classifier-model', imageUri('pytorch-inference', '2.6.0', state.region, 'gpu'), artifact('image-classifier-pt', 'image-classifier'), now - 3 * DAY, tags('image-classifier', 'vision-ml', 'chen')));
    models.push(model('sentiment-hf-model', imageUri('huggingface-pytorch-inference', '5.5.3', state.region, 'cpu'), artifact('bert-sentiment-hf', 'support-sentiment'), now - 9 * DAY, tags('support-sentiment', 'nlp-ml', 'dara')));
    const ready = (at: number, ms: number): Phase[] => [{ at, status: 'Creating' }, { at: at + ms, status: 'InService' }];
    endpoint('fraud-detection-prod', [{ VariantName: 'AllTraffic', ModelName: 'fraud-xgb-model-v3', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 2, InitialVariantWeight: 1 }], now - 30 * DAY, ready(now - 30 * DAY, 8 * MINUTE), fraudTags, { capture: true });
    endpoint('churn-serverless', [{ VariantName: 'AllTraffic', ModelName: 'churn-xgb-model', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }], now - 12 * DAY, ready(now - 12 * DAY, 3 * MINUTE), tags('churn', 'growth-ml', 'ben'));
    // The GPU endpoint that bills around the clock.
    endpoint('llm-summarizer-g5', [{ VariantName: 'AllTraffic', ModelName: 'llm-summarizer-model', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1, InitialVariantWeight: 1, ContainerStartupHealthCheckTimeoutInSeconds: 600 }], now - 6 * DAY, ready(now - 6 * DAY, 12 * MINUTE), tags('llm-summarizer', 'nlp-ml', 'dara'));
    endpoint('demand-forecast-staging', [{ VariantName: 'AllTraffic', ModelName: 'demand-forecast-model', InstanceType: 'ml.m5.large', InitialInstanceCount: 1, InitialVariantWeight: 1 }], now - 3 * MINUTE, undefined, tags('demand-forecast', 'supply-ml', 'chen'));
    endpoint('image-classifier-canary', [{ VariantName: 'AllTraffic', ModelName: 'image-classifier-model', InstanceType: 'ml.g4dn.xlarge', InitialInstanceCount: 1, InitialVariantWeight: 1 }], now - 3 * DAY,
      [{ at: now - 3 * DAY, status: 'Creating' }, { at: now - 3 * DAY + 25 * MINUTE, status: 'Failed' }], tags('image-classifier', 'vision-ml', 'chen'),
      { failure: 'The primary container for production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for this endpoint.' });
  } else {
    const euTags = tags('fraud-detection', 'risk-ml', 'eli');
    models.push(model('fraud-xgb-model-eu', xgbInference, artifact('fraud-detection-xgb', 'fraud-detection'), now - 21 * DAY, euTags));
    models.push(model('churn-xgb-model-eu', imageUri('xgboost', '3.0-5', state.region), artifact('churn-xgb', 'churn'), now - 21 * DAY, tags('churn', 'growth-ml', 'fatima')));
    endpoint('fraud-detection-eu', [{ VariantName: 'AllTraffic', ModelName: 'fraud-xgb-model-eu', InstanceType: 'ml.m5.large', InitialInstanceCount: 1, InitialVariantWeight: 1 }], now - 20 * DAY,
      [{ at: now - 20 * DAY, status: 'Creating' }, { at: now - 20 * DAY + 8 * MINUTE, status: 'InService' }], euTags);
  }
  return models;
}

function seedObjects(world: World, state: RegionState, now: number): void {
  const bucket = state.defaultBucket;
  const csv = (rows: number, seed: string): Buffer => {
    const r = new Random(hash32(seed));
    const lines = Array.from({ length: rows }, () => [r.chance(0.1) ? 1 : 0, ...Array.from({ length: 6 }, () => r.between(-3, 3).toFixed(4))].join(','));
    return Buffer.from(`${lines.join('\n')}\n`);
  };
  for (const project of ['fraud-detection', 'churn', 'credit-risk']) {
    world.s3.putSmall(bucket, `${project}/data/train/train.csv`, csv(200, `${project}/train`), now - 30 * DAY, 'text/csv');
    world.s3.putSmall(bucket, `${project}/data/validation/validation.csv`, csv(60, `${project}/validation`), now - 30 * DAY, 'text/csv');
  }
  world.s3.putSmall(bucket, 'churn/batch-input/customers.csv', csv(100, 'churn/batch'), now - 20 * DAY, 'text/csv');
  world.s3.putSmall(bucket, 'demand-forecast/data/train/train.json', Buffer.from('{"start": "2024-01-01", "target": [12, 15, 11, 19, 22]}\n'), now - 30 * DAY, 'application/json');
}

/**
 * A small team's account: the first region gets the whole team (two Studio domains, GPU app,
 * notebooks, a few hundred training jobs, tuning, batch jobs, endpoints), further regions a
 * smaller team. Everything is relative to `now` and deterministic for the seed.
 */
export function seedDemo(world: World, regions: readonly string[], now: number): void {
  regions.forEach((region, index) => {
    const state = world.state(region);
    const r = new Random(hash32(`${world.options.seed}/demo/${region}`));
    const primary = index === 0;
    seedObjects(world, state, now);
    seedStudio(state, now, primary);
    seedNotebooks(state, now, primary);
    const completed = seedTraining(state, r, now, primary ? 240 : 60);
    seedTuning(state, r, now, primary);
    const models = seedHosting(state, now, primary, completed);
    seedBatchJobs(state, r, now, primary, models);
  });
}
