import {
  CreateHyperParameterTuningJobCommand, CreateModelCommand, CreateProcessingJobCommand, CreateTrainingJobCommand, CreateTransformJobCommand,
  type CreateTrainingJobCommandInput, DescribeHyperParameterTuningJobCommand, DescribeProcessingJobCommand, DescribeTrainingJobCommand,
  DescribeTransformJobCommand, ListHyperParameterTuningJobsCommand, ListProcessingJobsCommand, ListTrainingJobsCommand, type ListTrainingJobsCommandOutput,
  ListTrainingJobsForHyperParameterTuningJobCommand, paginateListTrainingJobs, ResourceInUse, ResourceLimitExceeded, ResourceNotFound,
  type SageMakerClient, StopHyperParameterTuningJobCommand, StopProcessingJobCommand, StopTrainingJobCommand,
} from '@aws-sdk/client-sagemaker';
import assert from 'node:assert/strict';
import { DURATIONS, type Emulator } from '../../emulator/index';
import { clientsFor, HOUR, MINUTE, putInputData, rejection, ROLE, start, XGB_IMAGE } from './helpers';

const BUCKET = 'sagemaker-us-east-1-123456789012';

function xgbJob(name: string, extra: Partial<CreateTrainingJobCommandInput> = {}): CreateTrainingJobCommandInput {
  return {
    TrainingJobName: name,
    RoleArn: ROLE,
    AlgorithmSpecification: { TrainingImage: XGB_IMAGE, TrainingInputMode: 'File' },
    HyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', num_round: '60' },
    InputDataConfig: ['train', 'validation'].map((c) => ({ ChannelName: c, DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/fraud/${c}` } } })),
    OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/fraud/output` },
    ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    Tags: [{ Key: 'project', Value: 'fraud' }],
    ...extra,
  };
}

describe('local service: training, tuning, processing and transform jobs', () => {
  let emu: Emulator;
  let sm: SageMakerClient;

  beforeEach(async () => {
    emu = await start({ data: 'empty', clockSpeed: 0 });
    sm = clientsFor(emu).sagemaker;
    await putInputData(emu, [`s3://${BUCKET}/fraud/train`, `s3://${BUCKET}/fraud/validation`, `s3://${BUCKET}/in/data.csv`]);
  });
  afterEach(() => emu.stop());

  const describe_ = (name: string) => sm.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));

  it('runs a training job through its secondary statuses and reports times, metrics and the model', async () => {
    const { TrainingJobArn } = await sm.send(new CreateTrainingJobCommand(xgbJob('Fraud-XGB-1')));
    assert.equal(TrainingJobArn, 'arn:aws:sagemaker:us-east-1:123456789012:training-job/fraud-xgb-1', 'names are lower-cased in ARNs');
    const seen: string[] = [];
    for (let i = 0; i < 80; i++) {
      const job = await describe_('fraud-xgb-1');
      if (seen.at(-1) !== job.SecondaryStatus) seen.push(job.SecondaryStatus!);
      if (job.TrainingJobStatus === 'Completed') break;
      emu.clock.advance(30_000);
    }
    assert.deepEqual(seen, ['Starting', 'Downloading', 'Training', 'Uploading', 'Completed']);
    const done = await describe_('fraud-xgb-1');
    assert.deepEqual(done.SecondaryStatusTransitions?.map((t) => t.Status), seen);
    for (const [i, t] of (done.SecondaryStatusTransitions ?? []).entries()) {
      assert.ok(t.EndTime, `transition ${i} has an end`);
      assert.ok(t.StatusMessage);
    }
    const trainingSeconds = Math.round((done.TrainingEndTime!.getTime() - done.TrainingStartTime!.getTime()) / 1000);
    assert.equal(done.TrainingTimeInSeconds, trainingSeconds);
    assert.equal(done.BillableTimeInSeconds, trainingSeconds, 'on-demand bills the whole training time');
    assert.equal(done.ModelArtifacts?.S3ModelArtifacts, `s3://${BUCKET}/fraud/output/Fraud-XGB-1/output/model.tar.gz`);
    assert.deepEqual(done.FinalMetricDataList?.map((m) => m.MetricName).sort(), ['train:auc', 'validation:auc']);
    assert.ok(done.AlgorithmSpecification?.MetricDefinitions?.some((d) => d.Name === 'validation:auc'), 'built-in XGBoost metric definitions are shown');
    assert.equal(done.HyperParameters?.num_round, '60');
    assert.ok(!('Tags' in done), 'tags are not part of DescribeTrainingJob');
  });

  it('bills spot training for less than its training time', async () => {
    await sm.send(new CreateTrainingJobCommand(xgbJob('spot-1', { EnableManagedSpotTraining: true, StoppingCondition: { MaxRuntimeInSeconds: 7200, MaxWaitTimeInSeconds: 9000 } })));
    emu.clock.advance(3 * HOUR);
    const job = await describe_('spot-1');
    assert.equal(job.TrainingJobStatus, 'Completed');
    assert.equal(job.EnableManagedSpotTraining, true);
    assert.ok(job.BillableTimeInSeconds! < job.TrainingTimeInSeconds!, `${job.BillableTimeInSeconds} < ${job.TrainingTimeInSeconds}`);
    const noWait = await rejection(sm.send(new CreateTrainingJobCommand(xgbJob('spot-2', { EnableManagedSpotTraining: true }))));
    assert.equal(noWait.name, 'ValidationException');
    assert.match(noWait.message, /MaxWaitTimeInSeconds/);
  });

  it('stops a running job, refuses to stop a finished one, and ends jobs as tests decide', async () => {
    await sm.send(new CreateTrainingJobCommand(xgbJob('to-stop')));
    emu.clock.advance(4 * MINUTE);
    await sm.send(new StopTrainingJobCommand({ TrainingJobName: 'to-stop' }));
    const stopping = await describe_('to-stop');
    assert.deepEqual([stopping.TrainingJobStatus, stopping.SecondaryStatus], ['Stopping', 'Stopping']);
    emu.clock.advance(DURATIONS.training.stopping + 1000);
    const stopped = await describe_('to-stop');
    assert.deepEqual([stopped.TrainingJobStatus, stopped.SecondaryStatus], ['Stopped', 'Stopped']);
    const again = await rejection(sm.send(new StopTrainingJobCommand({ TrainingJobName: 'to-stop' })));
    assert.equal(again.name, 'ValidationException');
    assert.match(again.message, /Stopped/);

    await sm.send(new CreateTrainingJobCommand(xgbJob('will-fail')));
    emu.state.setTrainingJobOutcome('us-east-1', 'will-fail', { status: 'Failed', failureReason: 'AlgorithmError: boom' });
    emu.clock.advance(2 * HOUR);
    const failed = await describe_('will-fail');
    assert.equal(failed.TrainingJobStatus, 'Failed');
    assert.equal(failed.FailureReason, 'AlgorithmError: boom');
    assert.equal(failed.SecondaryStatusTransitions?.at(-1)?.Status, 'Failed');
  });

  it('stops a job that outgrows MaxRuntimeInSeconds', async () => {
    await sm.send(new CreateTrainingJobCommand(xgbJob('too-long', { HyperParameters: { num_round: '2000' }, StoppingCondition: { MaxRuntimeInSeconds: 900 } })));
    emu.clock.advance(2 * HOUR);
    const job = await describe_('too-long');
    assert.deepEqual([job.TrainingJobStatus, job.SecondaryStatus], ['Stopped', 'MaxRuntimeExceeded']);
  });

  it('answers with the service\'s errors: duplicate names, missing jobs, quotas, invalid members', async () => {
    await sm.send(new CreateTrainingJobCommand(xgbJob('dup')));
    assert.ok((await rejection(sm.send(new CreateTrainingJobCommand(xgbJob('DUP'))))) instanceof ResourceInUse, 'names are unique regardless of case');
    assert.equal((await rejection(describe_('missing'))).name, 'ValidationException', 'AWS answers a missing training job with ValidationException');
    assert.ok((await rejection(sm.send(new CreateTrainingJobCommand(xgbJob('big', { ResourceConfig: { InstanceType: 'ml.p5.48xlarge', InstanceCount: 1, VolumeSizeInGB: 30 } }))))) instanceof ResourceLimitExceeded);
    const badType = await rejection(sm.send(new CreateTrainingJobCommand(xgbJob('bad', { ResourceConfig: { InstanceType: 'ml.x9.huge' as never, InstanceCount: 1, VolumeSizeInGB: 30 } }))));
    assert.equal(badType.name, 'ValidationException');
    assert.match(badType.message, /^1 validation error detected: Value 'ml\.x9\.huge' at 'resourceConfig\.instanceType' failed to satisfy constraint: Member must satisfy enum value set: \[ml\.m4\.xlarge, /);
    const badName = await rejection(sm.send(new CreateTrainingJobCommand(xgbJob('under_score', { StoppingCondition: { MaxRuntimeInSeconds: 0 } }))));
    assert.match(badName.message, /^2 validation errors detected: /);
    assert.match(badName.message, /Value 'under_score' at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: /);
    assert.match(badName.message, /Value '0' at 'stoppingCondition\.maxRuntimeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 1/);
    const tooMany = await rejection(sm.send(new ListTrainingJobsCommand({ MaxResults: 500 })));
    assert.match(tooMany.message, /at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100/);
  });

  it('lists training jobs with filters, sorting and paging, applying StatusEquals after MaxResults', async () => {
    const names: string[] = [];
    for (let i = 0; i < 12; i++) {
      const name = `job-${String(i).padStart(2, '0')}${i % 3 === 0 ? '-churn' : ''}`;
      names.push(name);
      emu.state.putTrainingJob('us-east-1', xgbJob(name), { createdAt: emu.clock.now().getTime() - (20 - i) * HOUR });
    }
    await sm.send(new CreateTrainingJobCommand(xgbJob('job-running')));
    const all: string[] = [];
    for await (const page of paginateListTrainingJobs({ client: sm, pageSize: 5 }, {})) all.push(...(page.TrainingJobSummaries ?? []).map((s) => s.TrainingJobName!));
    assert.deepEqual(all, ['job-running', ...[...names].reverse()], 'newest first, every job once');
    const byName = await sm.send(new ListTrainingJobsCommand({ SortBy: 'Name', SortOrder: 'Ascending', MaxResults: 3 }));
    assert.deepEqual(byName.TrainingJobSummaries?.map((s) => s.TrainingJobName), ['job-00-churn', 'job-01', 'job-02']);
    const churn = await sm.send(new ListTrainingJobsCommand({ NameContains: 'CHURN' }));
    assert.equal(churn.TrainingJobSummaries?.length, 4);
    const cutoff = new Date(emu.clock.now().getTime() - 15 * HOUR);
    const recent = await sm.send(new ListTrainingJobsCommand({ CreationTimeAfter: cutoff, MaxResults: 100 }));
    assert.ok(recent.TrainingJobSummaries!.every((s) => s.CreationTime! > cutoff));
    assert.equal(recent.TrainingJobSummaries?.length, 7, 'six put in the last 15 hours, and the running one');
    // MaxResults is applied before StatusEquals: the first page holds only what the first 2 jobs yield.
    const first = await sm.send(new ListTrainingJobsCommand({ StatusEquals: 'Completed', MaxResults: 2 }));
    assert.equal(first.TrainingJobSummaries?.length, 1, 'the running job is dropped from a page of two');
    assert.ok(first.NextToken);
    let completed = first.TrainingJobSummaries.length;
    let token: string | undefined = first.NextToken;
    while (token) {
      const page: ListTrainingJobsCommandOutput = await sm.send(new ListTrainingJobsCommand({ StatusEquals: 'Completed', MaxResults: 2, NextToken: token }));
      completed += page.TrainingJobSummaries!.length;
      token = page.NextToken;
    }
    assert.equal(completed, 12);
    const bad = await rejection(sm.send(new ListTrainingJobsCommand({ NextToken: 'not-a-token' })));
    assert.equal(bad.name, 'ValidationException');
  });

  it('writes model.tar.gz to S3 when a job completes', async () => {
    await sm.send(new CreateTrainingJobCommand(xgbJob('with-model')));
    emu.clock.advance(2 * HOUR);
    await describe_('with-model');
    const objects = emu.state.region('us-east-1');
    assert.ok(objects.trainingJobs.get('with-model'));
    const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
    const listed = await clientsFor(emu).s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'fraud/output/with-model/' }));
    assert.deepEqual(listed.Contents?.map((o) => o.Key), ['fraud/output/with-model/output/model.tar.gz']);
  });

  it('tunes hyperparameters by launching training jobs within the limits and picking the best', async () => {
    await sm.send(new CreateHyperParameterTuningJobCommand({
      HyperParameterTuningJobName: 'fraud-hpo',
      HyperParameterTuningJobConfig: {
        Strategy: 'Bayesian',
        HyperParameterTuningJobObjective: { Type: 'Maximize', MetricName: 'validation:auc' },
        ResourceLimits: { MaxNumberOfTrainingJobs: 7, MaxParallelTrainingJobs: 3 },
        ParameterRanges: {
          ContinuousParameterRanges: [{ Name: 'eta', MinValue: '0.05', MaxValue: '0.5' }],
          IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '3', MaxValue: '10' }],
          CategoricalParameterRanges: [{ Name: 'booster', Values: ['gbtree', 'dart'] }],
        },
      },
      TrainingJobDefinition: {
        AlgorithmSpecification: { TrainingImage: XGB_IMAGE, TrainingInputMode: 'File' },
        RoleArn: ROLE,
        StaticHyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', num_round: '50' },
        InputDataConfig: xgbJob('x').InputDataConfig,
        OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/hpo` },
        ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
        StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      },
    }));
    const describeTuning = () => sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'fraud-hpo' }));
    assert.equal((await describeTuning()).TrainingJobStatusCounters?.InProgress, 0, 'nothing launched at once');
    let maxRunning = 0;
    for (let i = 0; i < 200; i++) {
      emu.clock.advance(MINUTE);
      const t = await describeTuning();
      maxRunning = Math.max(maxRunning, t.TrainingJobStatusCounters!.InProgress!);
      if (t.HyperParameterTuningJobStatus !== 'InProgress') break;
    }
    const done = await describeTuning();
    assert.equal(done.HyperParameterTuningJobStatus, 'Completed');
    assert.equal(maxRunning, 3, 'never more than MaxParallelTrainingJobs at once');
    const c = done.TrainingJobStatusCounters!;
    assert.equal(c.Completed! + c.NonRetryableError! + c.Stopped!, 7);
    const children = await sm.send(new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'fraud-hpo', MaxResults: 100 }));
    assert.equal(children.TrainingJobSummaries?.length, 7);
    for (const child of children.TrainingJobSummaries) {
      assert.match(child.TrainingJobName!, /^fraud-hpo-\d{3}-[0-9a-f]{8}$/);
      const eta = Number(child.TunedHyperParameters!.eta);
      const depth = Number(child.TunedHyperParameters!.max_depth);
      assert.ok(eta >= 0.05 && eta <= 0.5, `eta ${eta} within range`);
      assert.ok(Number.isInteger(depth) && depth >= 3 && depth <= 10, `max_depth ${depth} within range`);
      assert.ok(['gbtree', 'dart'].includes(child.TunedHyperParameters!.booster!));
    }
    const scored = children.TrainingJobSummaries.filter((s) => s.FinalHyperParameterTuningJobObjectiveMetric);
    const best = Math.max(...scored.map((s) => s.FinalHyperParameterTuningJobObjectiveMetric!.Value!));
    assert.equal(done.BestTrainingJob?.FinalHyperParameterTuningJobObjectiveMetric?.Value, best);
    const sorted = await sm.send(new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'fraud-hpo', SortBy: 'FinalObjectiveMetricValue', SortOrder: 'Descending', MaxResults: 1 }));
    assert.equal(sorted.TrainingJobSummaries?.[0]?.TrainingJobName, done.BestTrainingJob?.TrainingJobName);
    const child = await describe_(done.BestTrainingJob.TrainingJobName!);
    assert.equal(child.TuningJobArn, 'arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/fraud-hpo');
    assert.equal(child.HyperParameters?._tuning_objective_metric, 'validation:auc');
    assert.equal(child.FinalMetricDataList?.find((m) => m.MetricName === 'validation:auc')?.Value, best);
    const listed = await sm.send(new ListHyperParameterTuningJobsCommand({}));
    assert.equal(listed.HyperParameterTuningJobSummaries?.[0]?.Strategy, 'Bayesian');
  });

  it('stops a tuning job and its running training jobs', async () => {
    const demo = await start({ data: 'demo', clockSpeed: 0 });
    try {
      const client = clientsFor(demo).sagemaker;
      const before = await client.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'churn-xgb-hpo-running' }));
      assert.equal(before.HyperParameterTuningJobStatus, 'InProgress');
      assert.ok(before.TrainingJobStatusCounters!.InProgress! > 0);
      await client.send(new StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'churn-xgb-hpo-running' }));
      demo.clock.advance(5 * MINUTE);
      const after = await client.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'churn-xgb-hpo-running' }));
      assert.equal(after.HyperParameterTuningJobStatus, 'Stopped');
      assert.equal(after.TrainingJobStatusCounters?.InProgress, 0);
      assert.equal(after.TrainingJobStatusCounters?.Stopped, before.TrainingJobStatusCounters!.InProgress);
      const missing = await rejection(client.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'nope' })));
      assert.ok(missing instanceof ResourceNotFound);
    } finally {
      await demo.stop();
    }
  });

  it('runs processing and transform jobs and stops them', async () => {
    await sm.send(new CreateProcessingJobCommand({
      ProcessingJobName: 'prep-1',
      RoleArn: ROLE,
      AppSpecification: { ImageUri: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3' },
      ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30 } },
    }));
    const p = await sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'prep-1' }));
    assert.equal(p.ProcessingJobStatus, 'InProgress');
    assert.equal(p.ProcessingStartTime, undefined);
    await sm.send(new StopProcessingJobCommand({ ProcessingJobName: 'prep-1' }));
    emu.clock.advance(MINUTE);
    assert.equal((await sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'prep-1' }))).ProcessingJobStatus, 'Stopped');
    assert.equal((await sm.send(new ListProcessingJobsCommand({ StatusEquals: 'Stopped' }))).ProcessingJobSummaries?.length, 1);

    const missingModel = await rejection(sm.send(new CreateTransformJobCommand({
      TransformJobName: 'score-1', ModelName: 'nope',
      TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/in/data.csv` } } },
      TransformOutput: { S3OutputPath: `s3://${BUCKET}/out` },
      TransformResources: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1 },
    })));
    assert.equal(missingModel.name, 'ValidationException');
    assert.match(missingModel.message, /Could not find model "arn:aws:sagemaker:us-east-1:123456789012:model\/nope"/);
    await sm.send(new CreateModelCommand({ ModelName: 'm1', PrimaryContainer: { Image: XGB_IMAGE, ModelDataUrl: `s3://${BUCKET}/m/model.tar.gz` }, ExecutionRoleArn: ROLE }));
    await sm.send(new CreateTransformJobCommand({
      TransformJobName: 'score-1', ModelName: 'm1',
      TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/in/data.csv` } }, ContentType: 'text/csv' },
      TransformOutput: { S3OutputPath: `s3://${BUCKET}/out` },
      TransformResources: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1 },
    }));
    emu.clock.advance(2 * HOUR);
    const t = await sm.send(new DescribeTransformJobCommand({ TransformJobName: 'score-1' }));
    assert.equal(t.TransformJobStatus, 'Completed');
    assert.ok(t.TransformStartTime! < t.TransformEndTime!);
  });
});
