import type * as SM from '@aws-sdk/client-sagemaker';
import { type AwsError, resourceInUse, validationError } from '../core/errors';
import { unitHash } from '../core/random';
import { ScriptedLogSource, toolkitLine } from '../logs/serviceLines';
import { PROCESSING_LOG_GROUP, TRANSFORM_LOG_GROUP } from '../logs/store';
import { loadModel } from '../model/botocore';
import { projectToShape } from '../model/validator';
import { sagemakerArn } from './arn';
import { ec2Id, type SmHandler, tagsOf } from './common';
import { DURATIONS } from './durations';
import { listPage, toMs } from './listing';
import type { ProcessingJobRecord, TransformJobRecord } from './records';
import type { RegionState } from './state';
import { type Phase, Timeline } from './timeline';
import { parseS3, requireS3Objects } from './training';
import { clone, compact, ts, type Wire } from './wire';

type In<T> = Wire<T>;
const TERMINAL = new Set(['Completed', 'Failed', 'Stopped']);

export interface BatchOptions {
  at: number;
  outcome?: 'Completed' | 'Failed' | 'Stopped';
  runMs?: number;
  failureReason?: string;
}

function jobPhases(at: number, endAt: number, outcome: string): Phase[] {
  const phases: Phase[] = [{ at, status: 'InProgress' }];
  if (outcome === 'Stopped') phases.push({ at: endAt - DURATIONS.processing.stopping, status: 'Stopping' });
  phases.push({ at: endAt, status: outcome });
  return phases;
}

const lastModifiedOf = (timeline: Timeline, now: number): number => timeline.at(now).at;

function stopJob(timeline: Timeline, now: number, stoppingMs: number): void {
  timeline.rewriteFuture(now, [
    { at: now, status: 'Stopping' },
    { at: now + stoppingMs, status: 'Stopped' },
  ]);
}

// ---------------------------------------------------------------- processing

export function createProcessingJobRecord(state: RegionState, spec: In<SM.CreateProcessingJobRequest>, o: BatchOptions): ProcessingJobRecord {
  const d = DURATIONS.processing;
  const startedAt = o.at + d.starting * (0.8 + 0.4 * unitHash(`${spec.ProcessingJobName}/start`));
  const outcome = o.outcome ?? 'Completed';
  const run = o.runMs ?? d.run * (0.5 + unitHash(`${spec.ProcessingJobName}/run`));
  const endAt = startedAt + run;
  const job: ProcessingJobRecord = {
    key: spec.ProcessingJobName.toLowerCase(),
    name: spec.ProcessingJobName,
    arn: sagemakerArn(state.region, state.accountId, 'processing-job', spec.ProcessingJobName),
    creationTime: o.at,
    tags: tagsOf(spec.Tags),
    spec: clone(spec),
    timeline: new Timeline(jobPhases(o.at, endAt, outcome)),
    startedAt,
    failureReason: outcome === 'Failed' ? (o.failureReason ?? 'AlgorithmError: See job logs for more information') : undefined,
    exitMessage: outcome === 'Failed' ? 'Traceback (most recent call last):\n  File "/opt/ml/processing/input/code/preprocess.py", line 58, in <module>\nKeyError: \'customer_id\'' : undefined,
  };
  state.add(state.processingJobs, job);
  const hosts = spec.ProcessingResources.ClusterConfig.InstanceCount ?? 1;
  state.scheduler.schedule(startedAt, (t) => {
    if (job.timeline.status(t) !== 'InProgress' || state.processingJobs.get(job.key) !== job) return;
    for (let host = 1; host <= hosts; host++) {
      state.logs.stream(PROCESSING_LOG_GROUP, `${job.name}/algo-${host}-${Math.floor(t / 1000)}`, t).addSource(
        new ScriptedLogSource({
          start: t,
          end: () => job.timeline.last().at,
          everyMs: 30_000,
          startup: (s) => [
            toolkitLine(s, `sagemaker-processing INFO     Starting processing job ${job.name} on algo-${host}`),
            toolkitLine(s, `sagemaker-processing INFO     Reading input from /opt/ml/processing/input`),
          ],
          periodic: (_, i) => `Processed ${i * 25_000} records`,
          closing: (s) =>
            job.timeline.last().status === 'Failed'
              ? (job.exitMessage ?? '').split('\n')
              : [toolkitLine(s, `sagemaker-processing INFO     Writing outputs to /opt/ml/processing/output`), 'Processing complete.'],
        }),
      );
    }
  });
  return job;
}

/** AWS answers a processing or transform job it cannot find with `ValidationException`, as botocore's waiters expect. */
const jobNotFound = (name: string): AwsError => validationError(`Could not find requested job with name ${name}`);

export function describeProcessingJob(job: ProcessingJobRecord, now: number): Wire<SM.DescribeProcessingJobResponse> {
  const echo = projectToShape(loadModel('sagemaker'), 'DescribeProcessingJobResponse', job.spec) as Wire<SM.DescribeProcessingJobResponse>;
  const current = job.timeline.at(now);
  const status = current.status as SM.ProcessingJobStatus;
  return compact({
    ...echo,
    ProcessingJobArn: job.arn,
    ProcessingJobStatus: status,
    ExitMessage: status === 'Failed' ? job.exitMessage : undefined,
    FailureReason: status === 'Failed' ? job.failureReason : undefined,
    ProcessingEndTime: TERMINAL.has(status) ? ts(current.at) : undefined,
    ProcessingStartTime: now >= job.startedAt && job.startedAt < job.timeline.last().at ? ts(job.startedAt) : undefined,
    LastModifiedTime: ts(lastModifiedOf(job.timeline, now)),
    CreationTime: ts(job.creationTime),
  });
}

const CreateProcessingJob: SmHandler = ({ state, now }, input) => {
  const spec = input as unknown as In<SM.CreateProcessingJobRequest>;
  const existing = state.processingJobs.get(spec.ProcessingJobName);
  if (existing) throw resourceInUse(`Job name must be unique within an AWS account and region, and a job with this name already exists (${existing.arn})`);
  const job = createProcessingJobRecord(state, spec, { at: now });
  return { ProcessingJobArn: job.arn } satisfies Wire<SM.CreateProcessingJobResponse>;
};

function liveProcessing(state: RegionState, name: string): ProcessingJobRecord {
  const job = state.processingJobs.get(name);
  if (!job) throw jobNotFound(name);
  return job;
}

const DescribeProcessingJob: SmHandler = ({ state, now }, input) =>
  describeProcessingJob(liveProcessing(state, (input as In<SM.DescribeProcessingJobRequest>).ProcessingJobName), now);

const ListProcessingJobs: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.ListProcessingJobsRequest>;
  const lmAfter = toMs(i.LastModifiedTimeAfter);
  const lmBefore = toMs(i.LastModifiedTimeBefore);
  const page = listPage(state.processingJobs, {
    sortBy: i.SortBy,
    sortOrder: i.SortOrder,
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    createdAfter: toMs(i.CreationTimeAfter),
    createdBefore: toMs(i.CreationTimeBefore),
    status: (j) => j.timeline.status(now),
    filter: (j) => {
      const lm = lastModifiedOf(j.timeline, now);
      return (
        (i.StatusEquals === undefined || j.timeline.status(now) === i.StatusEquals) &&
        (i.NameContains === undefined || j.key.includes(i.NameContains.toLowerCase())) &&
        (lmAfter === undefined || lm > lmAfter) &&
        (lmBefore === undefined || lm < lmBefore)
      );
    },
  });
  return compact({
    ProcessingJobSummaries: page.items.map((j) => {
      const current = j.timeline.at(now);
      const status = current.status as SM.ProcessingJobStatus;
      return compact({
        ProcessingJobName: j.name,
        ProcessingJobArn: j.arn,
        CreationTime: ts(j.creationTime),
        ProcessingEndTime: TERMINAL.has(status) ? ts(current.at) : undefined,
        LastModifiedTime: ts(current.at),
        ProcessingJobStatus: status,
        FailureReason: status === 'Failed' ? j.failureReason : undefined,
        ExitMessage: status === 'Failed' ? j.exitMessage : undefined,
      });
    }),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListProcessingJobsResponse>;
};

const StopProcessingJob: SmHandler = ({ state, now }, input) => {
  const job = liveProcessing(state, (input as In<SM.StopProcessingJobRequest>).ProcessingJobName);
  const status = job.timeline.status(now);
  if (status === 'Stopping') return {};
  if (TERMINAL.has(status)) throw validationError(`The request was rejected because the processing job is in status ${status}.`);
  stopJob(job.timeline, now, DURATIONS.processing.stopping);
  return {};
};

// ---------------------------------------------------------------- transform

export function createTransformJobRecord(state: RegionState, spec: In<SM.CreateTransformJobRequest>, o: BatchOptions): TransformJobRecord {
  const d = DURATIONS.transform;
  const startedAt = o.at + d.starting * (0.8 + 0.4 * unitHash(`${spec.TransformJobName}/start`));
  const outcome = o.outcome ?? 'Completed';
  const endAt = startedAt + (o.runMs ?? d.run * (0.5 + unitHash(`${spec.TransformJobName}/run`)));
  const job: TransformJobRecord = {
    key: spec.TransformJobName.toLowerCase(),
    name: spec.TransformJobName,
    arn: sagemakerArn(state.region, state.accountId, 'transform-job', spec.TransformJobName),
    creationTime: o.at,
    tags: tagsOf(spec.Tags),
    spec: clone(spec),
    timeline: new Timeline(jobPhases(o.at, endAt, outcome)),
    startedAt,
    failureReason: outcome === 'Failed' ? (o.failureReason ?? 'ClientError: See job logs for more information') : undefined,
  };
  state.add(state.transformJobs, job);
  const instanceId = ec2Id('i', state.env.random.hex(16));
  state.scheduler.schedule(startedAt, (t) => {
    if (job.timeline.status(t) !== 'InProgress' || state.transformJobs.get(job.key) !== job) return;
    state.logs.stream(TRANSFORM_LOG_GROUP, `${job.name}/${instanceId}-${Math.floor(t / 1000)}`, t).addSource(
      new ScriptedLogSource({
        start: t,
        end: () => job.timeline.last().at,
        everyMs: 20_000,
        startup: (s) => [toolkitLine(s, 'INFO - Starting model server'), toolkitLine(s, 'INFO - Model loaded successfully')],
        periodic: (_, i) => `Transformed batch ${i} (${i * 1000} records)`,
        closing: () => [],
      }),
    );
  });
  // A finished transform leaves its output next to the input's name.
  const end = job.timeline.last();
  state.scheduler.schedule(end.at, (t) => {
    if (job.timeline.last() !== end || job.timeline.status(t) !== 'Completed') return;
    const input = spec.TransformInput.DataSource.S3DataSource?.S3Uri ?? '';
    const out = parseS3(`${spec.TransformOutput.S3OutputPath.replace(/\/+$/, '')}/${input.split('/').pop() || 'input'}.out`);
    if (out) state.env.artifacts.put(out.bucket, out.key, Buffer.from('0.1832\n0.9120\n0.0457\n'), t);
  });
  return job;
}

export function describeTransformJob(job: TransformJobRecord, now: number): Wire<SM.DescribeTransformJobResponse> {
  const echo = projectToShape(loadModel('sagemaker'), 'DescribeTransformJobResponse', job.spec) as Wire<SM.DescribeTransformJobResponse>;
  const current = job.timeline.at(now);
  const status = current.status as SM.TransformJobStatus;
  return compact({
    ...echo,
    TransformJobArn: job.arn,
    TransformJobStatus: status,
    FailureReason: status === 'Failed' ? job.failureReason : undefined,
    CreationTime: ts(job.creationTime),
    TransformStartTime: now >= job.startedAt && job.startedAt < job.timeline.last().at ? ts(job.startedAt) : undefined,
    TransformEndTime: TERMINAL.has(status) ? ts(current.at) : undefined,
  });
}

function liveTransform(state: RegionState, name: string): TransformJobRecord {
  const job = state.transformJobs.get(name);
  if (!job) throw jobNotFound(name);
  return job;
}

const CreateTransformJob: SmHandler = ({ state, now }, input) => {
  const spec = input as unknown as In<SM.CreateTransformJobRequest>;
  const existing = state.transformJobs.get(spec.TransformJobName);
  if (existing) throw resourceInUse(`Job name must be unique within an AWS account and region, and a job with this name already exists (${existing.arn})`);
  if (!state.models.has(spec.ModelName)) {
    throw validationError(`Could not find model "${sagemakerArn(state.region, state.accountId, 'model', spec.ModelName)}".`);
  }
  const source = spec.TransformInput.DataSource.S3DataSource;
  if (source && source.S3DataType === 'S3Prefix') requireS3Objects(state, source.S3Uri, state.models.get(spec.ModelName)!.spec.ExecutionRoleArn ?? '');
  const job = createTransformJobRecord(state, spec, { at: now });
  return { TransformJobArn: job.arn } satisfies Wire<SM.CreateTransformJobResponse>;
};

const DescribeTransformJob: SmHandler = ({ state, now }, input) =>
  describeTransformJob(liveTransform(state, (input as In<SM.DescribeTransformJobRequest>).TransformJobName), now);

const ListTransformJobs: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.ListTransformJobsRequest>;
  const lmAfter = toMs(i.LastModifiedTimeAfter);
  const lmBefore = toMs(i.LastModifiedTimeBefore);
  const page = listPage(state.transformJobs, {
    sortBy: i.SortBy,
    sortOrder: i.SortOrder,
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    createdAfter: toMs(i.CreationTimeAfter),
    createdBefore: toMs(i.CreationTimeBefore),
    status: (j) => j.timeline.status(now),
    filter: (j) => {
      const lm = lastModifiedOf(j.timeline, now);
      return (
        (i.StatusEquals === undefined || j.timeline.status(now) === i.StatusEquals) &&
        (i.NameContains === undefined || j.key.includes(i.NameContains.toLowerCase())) &&
        (lmAfter === undefined || lm > lmAfter) &&
        (lmBefore === undefined || lm < lmBefore)
      );
    },
  });
  return compact({
    TransformJobSummaries: page.items.map((j) => {
      const current = j.timeline.at(now);
      const status = current.status as SM.TransformJobStatus;
      return compact({
        TransformJobName: j.name,
        TransformJobArn: j.arn,
        CreationTime: ts(j.creationTime),
        TransformEndTime: TERMINAL.has(status) ? ts(current.at) : undefined,
        LastModifiedTime: ts(current.at),
        TransformJobStatus: status,
        FailureReason: status === 'Failed' ? j.failureReason : undefined,
      });
    }),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListTransformJobsResponse>;
};

const StopTransformJob: SmHandler = ({ state, now }, input) => {
  const job = liveTransform(state, (input as In<SM.StopTransformJobRequest>).TransformJobName);
  const status = job.timeline.status(now);
  if (status === 'Stopping') return {};
  if (TERMINAL.has(status)) throw validationError(`The request was rejected because the transform job is in status ${status}.`);
  stopJob(job.timeline, now, DURATIONS.transform.stopping);
  return {};
};

export const batchJobHandlers: Record<string, SmHandler> = {
  CreateProcessingJob, DescribeProcessingJob, ListProcessingJobs, StopProcessingJob,
  CreateTransformJob, DescribeTransformJob, ListTransformJobs, StopTransformJob,
};
