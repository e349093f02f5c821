/** What the New Training Job flow asked, turned into a training spec. */
export interface NewTrainingAnswers {
  readonly baseName: string;
  /** `${image:xgboost:1.7-1}` or a full image URI. */
  readonly image: string;
  /** Script mode: the folder (relative to the spec) and the script in it. */
  readonly script?: { readonly directory: string; readonly entryPoint: string };
  readonly instanceType: string;
  readonly instanceCount: number;
  readonly maxRuntimeSeconds: number;
  /** Managed spot training, with how long to wait and run in all. */
  readonly spotMaxWaitSeconds?: number;
  /** `${role}` or a role ARN. */
  readonly role: string;
  readonly channels: ReadonlyArray<{ readonly name: string; readonly s3Uri: string; readonly localPath?: string; readonly contentType?: string }>;
  readonly outputPath: string;
  readonly hyperParameters?: Readonly<Record<string, string | number>>;
}

/** Starting hyperparameters for algorithms that need some before they run at all. */
export const starterHyperParameters: Readonly<Record<string, Readonly<Record<string, string | number>>>> = {
  xgboost: { objective: 'binary:logistic', eval_metric: 'auc', num_round: 100, max_depth: 5, eta: 0.2 },
  'linear-learner': { predictor_type: 'binary_classifier' },
  kmeans: { k: 10, feature_dim: 10 },
};

export function newTrainingSpec(answers: NewTrainingAnswers): Record<string, unknown> {
  const spec: Record<string, unknown> = { TrainingJobName: `${answers.baseName}-\${timestamp}` };
  if (answers.script) spec.Source = { Directory: answers.script.directory || '.', EntryPoint: answers.script.entryPoint };
  spec.AlgorithmSpecification = { TrainingImage: answers.image, TrainingInputMode: 'File' };
  spec.RoleArn = answers.role;
  if (answers.hyperParameters && Object.keys(answers.hyperParameters).length) spec.HyperParameters = { ...answers.hyperParameters };
  if (answers.channels.length) {
    spec.InputDataConfig = answers.channels.map((channel) => ({
      ChannelName: channel.name,
      ...(channel.localPath ? { LocalPath: channel.localPath } : {}),
      ...(channel.contentType ? { ContentType: channel.contentType } : {}),
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: channel.s3Uri, S3DataDistributionType: 'FullyReplicated' } },
    }));
  }
  spec.OutputDataConfig = { S3OutputPath: answers.outputPath };
  spec.ResourceConfig = { InstanceType: answers.instanceType, InstanceCount: answers.instanceCount, VolumeSizeInGB: 30 };
  if (answers.spotMaxWaitSeconds !== undefined) spec.EnableManagedSpotTraining = true;
  spec.StoppingCondition = {
    MaxRuntimeInSeconds: answers.maxRuntimeSeconds,
    ...(answers.spotMaxWaitSeconds !== undefined ? { MaxWaitTimeInSeconds: Math.max(answers.spotMaxWaitSeconds, answers.maxRuntimeSeconds) } : {}),
  };
  return spec;
}
