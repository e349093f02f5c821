import type * as SM from '@aws-sdk/client-sagemaker';
import { gzipSync } from 'node:zlib';
import { type AwsError, resourceInUse, validationError } from '../core/errors';
import { unitHash } from '../core/random';
import { TRAINING_LOG_GROUP } from '../logs/store';
import { lastPrintedMetrics, TrainingLogSource } from '../logs/trainingLines';
import { loadModel } from '../model/botocore';
import { projectToShape } from '../model/validator';
import {
  familyOf, higherIsBetter, lineForMetric, plannedTrainingMs, plausibleFinal, xgboostEvalMetrics, xgboostMetricDefinitions,
} from './algorithms';
import { sagemakerArn } from './arn';
import { limitExceeded, type SmHandler, tagsOf } from './common';
import { DURATIONS } from './durations';
import { listPage, toMs } from './listing';
import type { MetricValue, TrainingJobRecord, TrainingOutcome, TrainingPlan } from './records';
import type { RegionState } from './state';
import { type Phase, Timeline } from './timeline';
import { clone, compact, ts, type Wire } from './wire';

type In<T> = Wire<T>;
const TERMINAL = new Set(['Completed', 'Failed', 'Stopped']);

/** Instance families this account has no training quota for (answered ResourceLimitExceeded). */
const NO_QUOTA = /^ml\.(p4d|p4de|p5|p5e|p5en|p6|trn1n|trn2)\./;

export interface TrainingOptions {
  at: number;
  outcome?: TrainingOutcome;
  failureReason?: string;
  /** Planned time in the Training phase (default: from the algorithm, instances and hyperparameters). */
  trainingMs?: number;
  tuning?: { name: string; arn: string; definitionName?: string; tuned: Record<string, string>; objective: { name: string; type: 'Maximize' | 'Minimize' }; objectiveValue: number };
  /** Final values of named metrics (others are made up plausibly). */
  finalMetrics?: Record<string, number>;
  /** Skip writing model.tar.gz on completion (large seeds). */
  noArtifacts?: boolean;
}

const FAILURES = [
  'AlgorithmError: framework error: \nTraceback (most recent call last):\n  File "/opt/ml/code/train.py", line 142, in <module>\n    main()\nValueError: Input contains NaN, infinity or a value too large for dtype(\'float32\').\n, exit code: 1',
  'ClientError: Data download failed:Could not download s3 input: Access denied for the S3 prefix; check the execution role permissions.',
  'AlgorithmError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 22.19 GiB total capacity). Reduce the batch size., exit code: 1',
  'InternalServerError: We encountered an internal error. Please try again.',
];

export function pickFailure(seedText: string): string {
  return FAILURES[Math.floor(unitHash(`${seedText}/failure`) * FAILURES.length)]!;
}

/** The phases a plan describes. */
export function timelineOf(plan: TrainingPlan): Phase[] {
  const phases: Phase[] = [
    { at: plan.createdAt, status: 'InProgress', secondary: 'Starting', message: 'Preparing the instances for training' },
  ];
  if (plan.downloadingAt < plan.endAt) phases.push({ at: plan.downloadingAt, status: 'InProgress', secondary: 'Downloading', message: 'Downloading input data' });
  if (plan.trainingAt < plan.endAt) {
    phases.push({ at: plan.trainingAt, status: 'InProgress', secondary: 'Training', message: 'Training image download completed. Training in progress.' });
  }
  switch (plan.outcome) {
    case 'Completed':
      phases.push({ at: plan.trainingEndsAt, status: 'InProgress', secondary: 'Uploading', message: 'Uploading generated training model' });
      phases.push({ at: plan.endAt, status: 'Completed', secondary: 'Completed', message: 'Training job completed' });
      break;
    case 'Failed':
      phases.push({ at: plan.endAt, status: 'Failed', secondary: 'Failed', message: 'Training job failed' });
      break;
    case 'Stopped':
      phases.push({ at: plan.trainingEndsAt, status: 'Stopping', secondary: 'Stopping', message: 'Stopping the training job' });
      phases.push({ at: plan.endAt, status: 'Stopped', secondary: 'Stopped', message: 'Training job stopped' });
      break;
    case 'MaxRuntimeExceeded':
      phases.push({ at: plan.trainingEndsAt, status: 'Stopping', secondary: 'Stopping', message: 'Stopping the training job' });
      phases.push({ at: plan.endAt, status: 'Stopped', secondary: 'MaxRuntimeExceeded', message: 'Training job runtime exceeded MaxRuntimeInSeconds provided' });
      break;
  }
  return phases;
}

function plan(spec: In<SM.CreateTrainingJobRequest>, at: number, o: TrainingOptions): TrainingPlan {
  const seedText = spec.TrainingJobName;
  const d = DURATIONS.training;
  const family = familyOf(spec.AlgorithmSpecification);
  const downloadingAt = at + d.starting * (0.8 + 0.5 * unitHash(`${seedText}/start`));
  const trainingAt = downloadingAt + d.downloading * (0.6 + unitHash(`${seedText}/dl`));
  let trainingMs = o.trainingMs ?? plannedTrainingMs(family, seedText, spec.HyperParameters, spec.ResourceConfig?.InstanceType, d.defaultTraining);
  let outcome: TrainingOutcome = o.outcome ?? 'Completed';
  const maxRuntime = (spec.StoppingCondition?.MaxRuntimeInSeconds ?? Infinity) * 1000;
  if (outcome === 'Completed' && trainingAt + trainingMs - at > maxRuntime) {
    outcome = 'MaxRuntimeExceeded';
    trainingMs = Math.max(0, at + maxRuntime - trainingAt);
  }
  if (outcome === 'Failed' && o.trainingMs === undefined) trainingMs *= 0.3 + 0.4 * unitHash(`${seedText}/failAt`);
  const trainingEndsAt = trainingAt + trainingMs;
  const tail = outcome === 'Completed' ? d.uploading : outcome === 'Failed' ? 5_000 : d.stopping;
  const plan: TrainingPlan = {
    createdAt: at,
    downloadingAt,
    trainingAt,
    trainingEndsAt,
    plannedTrainingEndsAt: trainingAt + (o.outcome === 'Failed' && o.trainingMs === undefined ? trainingMs / (0.3 + 0.4 * unitHash(`${seedText}/failAt`)) : trainingMs),
    endAt: trainingEndsAt + tail * (0.7 + 0.6 * unitHash(`${seedText}/tail`)),
    outcome,
    failureReason: outcome === 'Failed' ? (o.failureReason ?? pickFailure(seedText)) : undefined,
  };
  // Whole milliseconds, as every timestamp the service answers with.
  for (const key of ['createdAt', 'downloadingAt', 'trainingAt', 'trainingEndsAt', 'plannedTrainingEndsAt', 'endAt'] as const) plan[key] = Math.round(plan[key]);
  return plan;
}

/** Metrics the container prints: built-in XGBoost's eval metrics, or what the job's definitions capture. */
function metricsOf(spec: In<SM.CreateTrainingJobRequest>, o: TrainingOptions): { definitions: Wire<SM.MetricDefinition>[]; metrics: MetricValue[] } {
  const family = familyOf(spec.AlgorithmSpecification);
  const seedText = spec.TrainingJobName;
  const given = spec.AlgorithmSpecification?.MetricDefinitions ?? [];
  let names: string[];
  let definitions = given;
  if (family === 'xgboost' && given.length === 0) {
    definitions = xgboostMetricDefinitions();
    const channels = (spec.InputDataConfig ?? []).map((c) => c.ChannelName).filter((c) => c === 'train' || c === 'validation');
    names = (channels.length ? channels : ['train']).flatMap((c) => xgboostEvalMetrics(spec.HyperParameters).map((m) => `${c}:${m}`));
  } else {
    names = given.filter((m) => lineForMetric(m.Regex, '0.5') !== undefined).map((m) => m.Name);
  }
  const metrics = names.map((name) => ({ name, value: o.finalMetrics?.[name] ?? plausibleFinal(name, seedText) }));
  // A model fits its training data a little better than the validation data.
  for (const m of metrics) {
    const validation = metrics.find((v) => v.name === m.name.replace(/^train:/, 'validation:') && v !== m);
    if (!m.name.startsWith('train:') || !validation || o.finalMetrics?.[m.name] !== undefined) continue;
    const gap = 0.01 + 0.04 * unitHash(`${seedText}/${m.name}/gap`);
    m.value = higherIsBetter(m.name) ? Math.min(0.9999, validation.value * (1 + gap)) : validation.value * (1 - 3 * gap);
  }
  if (o.tuning) {
    const objective = metrics.find((m) => m.name === o.tuning!.objective.name);
    if (objective) objective.value = o.tuning.objectiveValue;
    else metrics.push({ name: o.tuning.objective.name, value: o.tuning.objectiveValue });
    // A train-channel twin of the objective looks a little better than validation, as it would.
    const twin = metrics.find((m) => m.name === o.tuning!.objective.name.replace(/^validation:/, 'train:') && m.name !== o.tuning!.objective.name);
    if (twin) twin.value = higherIsBetter(twin.name) ? Math.min(0.9999, o.tuning.objectiveValue * 1.03) : o.tuning.objectiveValue * 0.9;
  }
  return { definitions, metrics };
}

/**
 * AWS refuses a job whose S3 prefix holds nothing when the job is created, not when it runs
 * (seen for CreateTrainingJob in File mode and for CreateTransformJob), in these words.
 */
export function requireS3Objects(state: RegionState, uri: string, role: string): void {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (match && state.env.artifacts.hasObjectsUnder(match[1]!, match[2]!, state.region)) return;
  const bucket = match?.[1] ?? '';
  throw validationError(
    `No S3 objects found under S3 URL "${uri}" given in input data source. Please ensure that the bucket exists in the selected region (${state.region}), that objects exist under that S3 prefix, and that the role "${role}" has "s3:ListBucket" permissions on bucket "${bucket}".`,
  );
}

function validateCreate(state: RegionState, spec: In<SM.CreateTrainingJobRequest>): void {
  const existing = state.trainingJobs.get(spec.TrainingJobName);
  if (existing) {
    throw resourceInUse(`Training job names must be unique within an AWS account and region, and a training job with this name already exists (${existing.arn})`);
  }
  if (!spec.ServerlessJobConfig) {
    const algo = spec.AlgorithmSpecification;
    if (!algo) throw validationError('AlgorithmSpecification is required for a training job.');
    if (!algo.TrainingImage && !algo.AlgorithmName) throw validationError('Either TrainingImage or AlgorithmName must be specified in AlgorithmSpecification.');
    if (algo.TrainingImage && algo.AlgorithmName) throw validationError('Only one of TrainingImage or AlgorithmName can be specified in AlgorithmSpecification.');
    if (!spec.ResourceConfig?.InstanceType && !spec.ResourceConfig?.InstanceGroups) throw validationError('ResourceConfig.InstanceType must be specified.');
    if (!spec.StoppingCondition) throw validationError('StoppingCondition is required for a training job.');
  }
  const type = spec.ResourceConfig?.InstanceType;
  const count = spec.ResourceConfig?.InstanceCount ?? 1;
  for (const channel of spec.InputDataConfig ?? []) {
    const source = channel.DataSource?.S3DataSource;
    const mode = channel.InputMode ?? spec.AlgorithmSpecification?.TrainingInputMode ?? 'File';
    if (source && mode === 'File' && (source.S3DataType ?? 'S3Prefix') === 'S3Prefix') requireS3Objects(state, source.S3Uri, spec.RoleArn);
  }
  if (type && NO_QUOTA.test(type)) {
    throw limitExceeded(
      `The account-level service limit '${type} for ${spec.EnableManagedSpotTraining ? 'spot training job usage' : 'training job usage'}' is 0 Instances, with current utilization of 0 Instances and a request delta of ${count} Instances. Please use AWS Service Quotas to request an increase for this quota. If AWS Service Quotas is not available, contact AWS support to request an increase for this quota.`,
    );
  }
  if (spec.EnableManagedSpotTraining) {
    const wait = spec.StoppingCondition?.MaxWaitTimeInSeconds;
    if (wait === undefined) throw validationError('Invalid MaxWaitTimeInSeconds. It is required for managed spot training.');
    if (wait < (spec.StoppingCondition?.MaxRuntimeInSeconds ?? 0)) {
      throw validationError('Invalid MaxWaitTimeInSeconds. It must be greater than or equal to MaxRuntimeInSeconds.');
    }
  } else if (spec.StoppingCondition?.MaxWaitTimeInSeconds !== undefined) {
    throw validationError('MaxWaitTimeInSeconds can only be set for managed spot training (EnableManagedSpotTraining=true).');
  }
}

export function createTrainingJobRecord(state: RegionState, spec: In<SM.CreateTrainingJobRequest>, o: TrainingOptions): TrainingJobRecord {
  const p = plan(spec, o.at, o);
  const { definitions, metrics } = metricsOf(spec, o);
  const spot = spec.EnableManagedSpotTraining === true;
  const job: TrainingJobRecord = {
    key: spec.TrainingJobName.toLowerCase(),
    name: spec.TrainingJobName,
    arn: sagemakerArn(state.region, state.accountId, 'training-job', spec.TrainingJobName),
    creationTime: o.at,
    tags: tagsOf(spec.Tags),
    spec: clone(spec),
    plan: p,
    timeline: new Timeline(timelineOf(p)),
    spot,
    billableRatio: spot ? 0.3 + 0.25 * unitHash(`${spec.TrainingJobName}/spot`) : 1,
    metrics,
    metricDefinitions: definitions,
    tuningJobName: o.tuning?.name,
    tuningJobArn: o.tuning?.arn,
    tunedHyperParameters: o.tuning?.tuned,
    definitionName: o.tuning?.definitionName,
    objective: o.tuning?.objective,
  };
  state.add(state.trainingJobs, job);
  scheduleContainerStart(state, job);
  if (!o.noArtifacts) scheduleFinish(state, job);
  return job;
}

/** When the Training phase begins, each host's log stream appears. */
function scheduleContainerStart(state: RegionState, job: TrainingJobRecord): void {
  state.scheduler.schedule(job.plan.trainingAt, (at) => {
    if (job.timeline.at(at).secondary !== 'Training' || state.trainingJobs.get(job.key) !== job) return;
    const hosts = job.spec.ResourceConfig?.InstanceCount ?? 1;
    for (let host = 1; host <= hosts; host++) {
      const stream = state.logs.stream(TRAINING_LOG_GROUP, `${job.name}/algo-${host}-${Math.floor(at / 1000)}`, at);
      stream.addSource(new TrainingLogSource(job, host));
    }
  });
}

/** When a job completes, its model lands in S3 (where the output bucket exists). */
function scheduleFinish(state: RegionState, job: TrainingJobRecord): void {
  const end = job.timeline.last();
  state.scheduler.schedule(end.at, (at) => {
    if (job.timeline.last() !== end || job.timeline.status(at) !== 'Completed') return;
    const s3 = parseS3(modelArtifactUri(job));
    if (s3) state.env.artifacts.put(s3.bucket, s3.key, fakeModelArchive(job), at);
  });
}

export function parseS3(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  return m ? { bucket: m[1]!, key: m[2]! } : undefined;
}

/** A small gzip standing in for model.tar.gz (its content names the job). */
export function fakeModelArchive(job: { name: string }): Buffer {
  return gzipSync(Buffer.from(`model for ${job.name}\n`));
}

export function modelArtifactUri(job: TrainingJobRecord): string {
  return `${job.spec.OutputDataConfig.S3OutputPath.replace(/\/+$/, '')}/${job.name}/output/model.tar.gz`;
}

const phaseAfter = (job: TrainingJobRecord, secondary: string): Phase | undefined => {
  const phases = job.timeline.all();
  const i = phases.findIndex((p) => p.secondary === secondary);
  return i >= 0 ? phases[i + 1] : undefined;
};

/** Start, end and lengths of the billable part of a job as seen at `now`. */
export function trainingTimes(job: TrainingJobRecord, now: number): { start?: number; end?: number; seconds?: number; billable?: number } {
  const current = job.timeline.at(now);
  const start = job.timeline.find((p) => p.secondary === 'Downloading' && p.at <= now)?.at;
  const end = TERMINAL.has(current.status) ? current.at : undefined;
  if (start === undefined || end === undefined) return { start, end };
  const seconds = Math.max(1, Math.round((end - start) / 1000));
  return { start, end, seconds, billable: Math.max(1, Math.round(seconds * job.billableRatio)) };
}

/** Values of the printed metrics once training is over: those of the last step the job printed. */
export function metricsAt(job: TrainingJobRecord, now: number): MetricValue[] {
  const trainingEnd = phaseAfter(job, 'Training')?.at;
  if (trainingEnd === undefined || now < trainingEnd) return [];
  return lastPrintedMetrics(job);
}

export function warmPoolStatus(job: TrainingJobRecord, now: number): Wire<SM.WarmPoolStatus> | undefined {
  const keep = job.spec.ResourceConfig?.KeepAlivePeriodInSeconds;
  const status = job.timeline.status(now);
  if (!keep || status !== 'Completed') return undefined;
  const end = job.timeline.at(now).at;
  const until = end + keep * 1000;
  return {
    Status: now < until ? 'Available' : 'Terminated',
    ResourceRetainedBillableTimeInSeconds: Math.round((Math.min(now, until) - end) / 1000),
  };
}

export function describeTrainingJob(job: TrainingJobRecord, now: number): Wire<SM.DescribeTrainingJobResponse> {
  const model = loadModel('sagemaker');
  const echo = projectToShape(model, 'DescribeTrainingJobResponse', job.spec) as Wire<SM.DescribeTrainingJobResponse>;
  const current = job.timeline.at(now);
  const past = job.timeline.past(now);
  const times = trainingTimes(job, now);
  const final = metricsAt(job, now);
  return compact({
    ...echo,
    TrainingJobName: job.name,
    TrainingJobArn: job.arn,
    TuningJobArn: job.tuningJobArn,
    ModelArtifacts: { S3ModelArtifacts: modelArtifactUri(job) },
    TrainingJobStatus: current.status as SM.TrainingJobStatus,
    SecondaryStatus: current.secondary as SM.SecondaryStatus,
    FailureReason: current.status === 'Failed' ? job.plan.failureReason : undefined,
    AlgorithmSpecification: echo.AlgorithmSpecification
      ? { ...echo.AlgorithmSpecification, MetricDefinitions: job.metricDefinitions.length ? job.metricDefinitions : undefined, EnableSageMakerMetricsTimeSeries: echo.AlgorithmSpecification.EnableSageMakerMetricsTimeSeries ?? false }
      : undefined,
    ResourceConfig: echo.ResourceConfig ? { VolumeSizeInGB: 30, ...echo.ResourceConfig } : undefined,
    WarmPoolStatus: warmPoolStatus(job, now),
    StoppingCondition: echo.StoppingCondition ?? { MaxRuntimeInSeconds: 86400 },
    CreationTime: ts(job.creationTime),
    TrainingStartTime: times.start !== undefined ? ts(times.start) : undefined,
    TrainingEndTime: times.end !== undefined ? ts(times.end) : undefined,
    LastModifiedTime: ts(current.at),
    SecondaryStatusTransitions: past.map((p, i) => {
      const next = past[i + 1];
      const terminal = TERMINAL.has(p.status) && i === past.length - 1;
      return compact({
        Status: p.secondary as SM.SecondaryStatus,
        StartTime: ts(p.at),
        EndTime: next ? ts(next.at) : terminal ? ts(p.at) : undefined,
        StatusMessage: p.message,
      });
    }),
    FinalMetricDataList: final.length ? final.map((m) => ({ MetricName: m.name, Value: round(m.value), Timestamp: ts(times.end ?? now) })) : undefined,
    EnableNetworkIsolation: job.spec.EnableNetworkIsolation ?? false,
    EnableInterContainerTrafficEncryption: job.spec.EnableInterContainerTrafficEncryption ?? false,
    EnableManagedSpotTraining: job.spot,
    TrainingTimeInSeconds: times.seconds,
    BillableTimeInSeconds: times.billable,
  });
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

export function trainingSummary(job: TrainingJobRecord, now: number): Wire<SM.TrainingJobSummary> {
  const current = job.timeline.at(now);
  const times = trainingTimes(job, now);
  return compact({
    TrainingJobName: job.name,
    TrainingJobArn: job.arn,
    CreationTime: ts(job.creationTime),
    TrainingEndTime: times.end !== undefined ? ts(times.end) : undefined,
    LastModifiedTime: ts(current.at),
    TrainingJobStatus: current.status as SM.TrainingJobStatus,
    SecondaryStatus: current.secondary as SM.SecondaryStatus,
    WarmPoolStatus: warmPoolStatus(job, now),
  });
}

/** Stops a running job from `now`: Stopping, then Stopped half a minute later. */
export function stopTrainingJob(state: RegionState, job: TrainingJobRecord, now: number): void {
  const stoppedAt = now + DURATIONS.training.stopping;
  job.plan = { ...job.plan, stopRequestedAt: now, outcome: 'Stopped', trainingEndsAt: Math.min(job.plan.trainingEndsAt, now), endAt: stoppedAt };
  job.timeline.rewriteFuture(now, [
    { at: now, status: 'Stopping', secondary: 'Stopping', message: 'Stopping the training job' },
    { at: stoppedAt, status: 'Stopped', secondary: 'Stopped', message: 'Training job stopped' },
  ]);
  scheduleFinish(state, job);
}

/** Decides how a running job ends (for tests): its future is re-planned from `now`. */
export function setTrainingOutcome(state: RegionState, job: TrainingJobRecord, now: number, outcome: { status: 'Completed' | 'Failed' | 'Stopped'; failureReason?: string }): void {
  if (TERMINAL.has(job.timeline.status(now))) throw new Error(`training job ${job.name} has already finished (${job.timeline.status(now)})`);
  const trainingEndsAt = Math.max(job.plan.trainingEndsAt, now + 1);
  const tail = outcome.status === 'Completed' ? DURATIONS.training.uploading : outcome.status === 'Failed' ? 5_000 : DURATIONS.training.stopping;
  job.plan = {
    ...job.plan,
    trainingEndsAt,
    endAt: trainingEndsAt + tail,
    outcome: outcome.status,
    failureReason: outcome.status === 'Failed' ? (outcome.failureReason ?? pickFailure(job.name)) : undefined,
  };
  job.timeline.rewriteFuture(now + 1, timelineOf(job.plan).filter((p) => p.at > now));
  scheduleFinish(state, job);
}

/**
 * AWS answers a training job it cannot find with `ValidationException` "Requested resource not found."
 * (not the `ResourceNotFound` its model declares); botocore's TrainingJobCompletedOrStopped waiter
 * fails on exactly that.
 */
const jobNotFound = (): AwsError => validationError('Requested resource not found.');

export function liveTrainingJob(state: RegionState, name: string): TrainingJobRecord {
  const job = state.trainingJobs.get(name);
  if (!job) throw jobNotFound();
  return job;
}

const CreateTrainingJob: SmHandler = ({ state, now }, input) => {
  const spec = input as unknown as In<SM.CreateTrainingJobRequest>;
  validateCreate(state, spec);
  const job = createTrainingJobRecord(state, spec, { at: now });
  return { TrainingJobArn: job.arn } satisfies Wire<SM.CreateTrainingJobResponse>;
};

const DescribeTrainingJob: SmHandler = ({ state, now }, input) =>
  describeTrainingJob(liveTrainingJob(state, (input as In<SM.DescribeTrainingJobRequest>).TrainingJobName), now);

const ListTrainingJobs: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.ListTrainingJobsRequest>;
  const lmAfter = toMs(i.LastModifiedTimeAfter);
  const lmBefore = toMs(i.LastModifiedTimeBefore);
  const name = i.NameContains?.toLowerCase();
  const page = listPage(state.trainingJobs, {
    sortBy: i.SortBy,
    sortOrder: i.SortOrder,
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    createdAfter: toMs(i.CreationTimeAfter),
    createdBefore: toMs(i.CreationTimeBefore),
    status: (j) => j.timeline.status(now),
    filter: (j) => {
      if (j.creationTime > now) return false;
      if (name !== undefined && !j.key.includes(name)) return false;
      if (lmAfter === undefined && lmBefore === undefined) return true;
      const lm = j.timeline.at(now).at;
      return (lmAfter === undefined || lm > lmAfter) && (lmBefore === undefined || lm < lmBefore);
    },
    // As in the real service, MaxResults is applied before the status filters: pages may come back short.
    filterAfterLimit:
      i.StatusEquals !== undefined || i.WarmPoolStatusEquals !== undefined || i.TrainingPlanArnEquals !== undefined
        ? (j) =>
            (i.StatusEquals === undefined || j.timeline.status(now) === i.StatusEquals) &&
            (i.WarmPoolStatusEquals === undefined || warmPoolStatus(j, now)?.Status === i.WarmPoolStatusEquals) &&
            (i.TrainingPlanArnEquals === undefined || j.spec.ResourceConfig?.TrainingPlanArn === i.TrainingPlanArnEquals)
        : undefined,
  });
  return compact({
    TrainingJobSummaries: page.items.map((j) => trainingSummary(j, now)),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListTrainingJobsResponse>;
};

const StopTrainingJob: SmHandler = ({ state, now }, input) => {
  const job = liveTrainingJob(state, (input as In<SM.StopTrainingJobRequest>).TrainingJobName);
  const status = job.timeline.status(now);
  if (status === 'Stopping') return {};
  if (TERMINAL.has(status)) throw validationError(`The request was rejected because the training job is in status ${status}.`);
  stopTrainingJob(state, job, now);
  return {};
};

export const trainingHandlers: Record<string, SmHandler> = { CreateTrainingJob, DescribeTrainingJob, ListTrainingJobs, StopTrainingJob };
