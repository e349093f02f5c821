import type * as SM from '@aws-sdk/client-sagemaker';
import { resourceInUse, resourceNotFound, validationError } from '../core/errors';
import { hash32, unitHash } from '../core/random';
import { loadModel } from '../model/botocore';
import { projectToShape } from '../model/validator';
import { plausibleFinal } from './algorithms';
import { sagemakerArn } from './arn';
import { type SmHandler, tagsOf } from './common';
import { DURATIONS } from './durations';
import { listPage, toMs } from './listing';
import type { TrainingJobRecord, TuningJobRecord } from './records';
import type { RegionState } from './state';
import { type Phase, Timeline } from './timeline';
import { createTrainingJobRecord, stopTrainingJob, trainingTimes } from './training';
import { clone, compact, ts, type Wire } from './wire';

type In<T> = Wire<T>;
type Definition = Wire<SM.HyperParameterTrainingJobDefinition>;
const TERMINAL = new Set(['Completed', 'Failed', 'Stopped']);

function definitions(tj: TuningJobRecord): Definition[] {
  return tj.spec.TrainingJobDefinitions ?? (tj.spec.TrainingJobDefinition ? [tj.spec.TrainingJobDefinition] : []);
}

function objectiveOf(tj: TuningJobRecord, def: Definition): { name: string; type: 'Maximize' | 'Minimize' } {
  const o = def.TuningObjective ?? tj.spec.HyperParameterTuningJobConfig.HyperParameterTuningJobObjective;
  return { name: o?.MetricName ?? 'validation:auc', type: o?.Type ?? 'Maximize' };
}

function rangesOf(tj: TuningJobRecord, def: Definition): Wire<SM.ParameterRanges> {
  return def.HyperParameterRanges ?? tj.spec.HyperParameterTuningJobConfig.ParameterRanges ?? {};
}

/** Number of combinations a Grid search has. */
function gridSize(ranges: Wire<SM.ParameterRanges>): number {
  return (ranges.CategoricalParameterRanges ?? []).reduce((n, r) => n * r.Values.length, 1);
}

function maxJobs(tj: TuningJobRecord): number {
  const limits = tj.spec.HyperParameterTuningJobConfig.ResourceLimits;
  if (limits.MaxNumberOfTrainingJobs !== undefined) return limits.MaxNumberOfTrainingJobs;
  if (tj.spec.HyperParameterTuningJobConfig.Strategy === 'Grid') return gridSize(rangesOf(tj, definitions(tj)[0]!));
  return 100;
}

const children = (state: RegionState, tj: TuningJobRecord): TrainingJobRecord[] =>
  tj.children.map((k) => state.trainingJobs.get(k)).filter((j): j is TrainingJobRecord => j !== undefined);

/** Where a value sits in its range, 0..1, on the range's scale. */
function scaled(value: number, min: number, max: number, scaling: string | undefined): number {
  if (max <= min) return 0;
  if (scaling === 'Logarithmic' && min > 0) return Math.log(value / min) / Math.log(max / min);
  return (value - min) / (max - min);
}

function unscaled(u: number, min: number, max: number, scaling: string | undefined): number {
  if (scaling === 'Logarithmic' && min > 0) return min * Math.pow(max / min, u);
  if (scaling === 'ReverseLogarithmic' && max < 1) return max - (max - min) * Math.pow(u, 3);
  return min + (max - min) * u;
}

const fmt = (v: number): string => String(Number(v.toPrecision(6)));

/**
 * Chooses the next job's hyperparameters: Grid walks the combinations, Random samples, and
 * Bayesian samples at first, then mostly perturbs the best job so far (its results improve).
 */
function chooseHyperParameters(tj: TuningJobRecord, ranges: Wire<SM.ParameterRanges>, index: number, best: Record<string, string> | undefined): Record<string, string> {
  const strategy = tj.spec.HyperParameterTuningJobConfig.Strategy;
  const seed = `${tj.name}/${index}`;
  const u = (label: string): number => unitHash(`${seed}/${label}`);
  const out: Record<string, string> = {};
  if (strategy === 'Grid') {
    let rest = index;
    for (const r of ranges.CategoricalParameterRanges ?? []) {
      out[r.Name] = r.Values[rest % r.Values.length]!;
      rest = Math.floor(rest / r.Values.length);
    }
    return out;
  }
  const exploit = strategy === 'Bayesian' && best !== undefined && u('explore') > 0.3;
  const near = (name: string, current: number, min: number, max: number, scaling: string | undefined): number => {
    const c = scaled(current, min, max, scaling);
    const spread = 0.25 * Math.pow(0.93, index);
    return Math.min(1, Math.max(0, c + (u(name) - 0.5) * 2 * spread));
  };
  for (const r of ranges.IntegerParameterRanges ?? []) {
    const min = Number(r.MinValue);
    const max = Number(r.MaxValue);
    const pos = exploit ? near(r.Name, Number(best[r.Name]), min, max, r.ScalingType) : u(r.Name);
    out[r.Name] = String(Math.round(unscaled(pos, min, max, r.ScalingType)));
  }
  for (const r of ranges.ContinuousParameterRanges ?? []) {
    const min = Number(r.MinValue);
    const max = Number(r.MaxValue);
    const pos = exploit ? near(r.Name, Number(best[r.Name]), min, max, r.ScalingType) : u(r.Name);
    out[r.Name] = fmt(unscaled(pos, min, max, r.ScalingType));
  }
  for (const r of ranges.CategoricalParameterRanges ?? []) {
    out[r.Name] = exploit && u(`${r.Name}/keep`) < 0.7 ? best[r.Name]! : r.Values[Math.floor(u(r.Name) * r.Values.length)]!;
  }
  return out;
}

/** The objective a job with these hyperparameters reaches: best near a hidden optimum per parameter. */
function objectiveValue(tj: TuningJobRecord, ranges: Wire<SM.ParameterRanges>, hp: Record<string, string>, objective: { name: string; type: string }, index: number): number {
  const positions: number[] = [];
  for (const r of [...(ranges.IntegerParameterRanges ?? []), ...(ranges.ContinuousParameterRanges ?? [])]) {
    const u = scaled(Number(hp[r.Name]), Number(r.MinValue), Number(r.MaxValue), r.ScalingType);
    positions.push(u - (0.2 + 0.6 * unitHash(`${tj.name}/${r.Name}/optimum`)));
  }
  for (const r of ranges.CategoricalParameterRanges ?? []) {
    const bestValue = r.Values[hash32(`${tj.name}/${r.Name}/optimum`) % r.Values.length];
    positions.push(hp[r.Name] === bestValue ? 0 : 0.4);
  }
  const distance = positions.length ? positions.reduce((s, p) => s + p * p, 0) / positions.length : 0.1;
  const quality = Math.exp(-6 * distance);
  const best = plausibleFinal(objective.name, tj.name);
  const noise = (unitHash(`${tj.name}/${index}/noise`) - 0.5) * 0.01;
  const maximize = objective.type === 'Maximize';
  const v = maximize ? best * (0.82 + 0.18 * quality) + noise * best : best * (1 + 1.3 * (1 - quality)) + noise * best;
  return Math.round((maximize ? Math.min(v, 0.9999) : Math.max(v, 0.0001)) * 1e6) / 1e6;
}

function bestChild(state: RegionState, tj: TuningJobRecord, now: number): TrainingJobRecord | undefined {
  let best: TrainingJobRecord | undefined;
  let bestValue = 0;
  for (const job of children(state, tj)) {
    if (job.timeline.status(now) !== 'Completed' || !job.objective) continue;
    const value = objectiveMetric(job)?.value;
    if (value === undefined) continue;
    const better = job.objective.type === 'Maximize' ? value > bestValue : value < bestValue;
    if (!best || better) {
      best = job;
      bestValue = value;
    }
  }
  return best;
}

const objectiveMetric = (job: TrainingJobRecord): { name: string; value: number } | undefined =>
  job.objective ? job.metrics.find((m) => m.name === job.objective!.name) : undefined;

/** Launches one training job of the tuning job at virtual time `at`. */
function launchChild(state: RegionState, tj: TuningJobRecord, at: number): void {
  const index = tj.children.length;
  const defs = definitions(tj);
  const def = defs[index % defs.length]!;
  const ranges = rangesOf(tj, def);
  const objective = objectiveOf(tj, def);
  const best = bestChild(state, tj, at);
  const hp = chooseHyperParameters(tj, ranges, index, best?.tunedHyperParameters);
  const name = `${tj.name}-${String(index + 1).padStart(3, '0')}-${(hash32(`${tj.name}/${index}`) >>> 0).toString(16).padStart(8, '0')}`;
  const failed = unitHash(`${name}/fails`) < 0.05;
  const resource = def.ResourceConfig ?? (def.HyperParameterTuningResourceConfig
    ? { InstanceType: def.HyperParameterTuningResourceConfig.InstanceType, InstanceCount: def.HyperParameterTuningResourceConfig.InstanceCount ?? 1, VolumeSizeInGB: def.HyperParameterTuningResourceConfig.VolumeSizeInGB ?? 30 }
    : undefined);
  const job = createTrainingJobRecord(state, {
    TrainingJobName: name,
    HyperParameters: { ...def.StaticHyperParameters, ...hp, _tuning_objective_metric: objective.name },
    AlgorithmSpecification: {
      TrainingImage: def.AlgorithmSpecification.TrainingImage,
      AlgorithmName: def.AlgorithmSpecification.AlgorithmName,
      TrainingInputMode: def.AlgorithmSpecification.TrainingInputMode,
      MetricDefinitions: def.AlgorithmSpecification.MetricDefinitions,
    },
    RoleArn: def.RoleArn,
    InputDataConfig: def.InputDataConfig,
    VpcConfig: def.VpcConfig,
    OutputDataConfig: def.OutputDataConfig,
    ResourceConfig: resource,
    StoppingCondition: def.StoppingCondition,
    EnableNetworkIsolation: def.EnableNetworkIsolation,
    EnableInterContainerTrafficEncryption: def.EnableInterContainerTrafficEncryption,
    EnableManagedSpotTraining: def.EnableManagedSpotTraining,
    CheckpointConfig: def.CheckpointConfig,
    RetryStrategy: def.RetryStrategy,
    Environment: def.Environment,
  }, {
    at,
    outcome: failed ? 'Failed' : undefined,
    tuning: { name: tj.name, arn: tj.arn, definitionName: def.DefinitionName, tuned: hp, objective, objectiveValue: objectiveValue(tj, ranges, hp, objective, index) },
  });
  tj.children.push(job.key);
}

/** The tuner's loop, run at virtual time `at`: fill free slots, finish when all jobs are done. */
function wake(state: RegionState, tj: TuningJobRecord, at: number): void {
  if (tj.timeline.status(at) !== 'InProgress') return;
  const limits = tj.spec.HyperParameterTuningJobConfig.ResourceLimits;
  const max = maxJobs(tj);
  const jobs = children(state, tj);
  let running = jobs.filter((j) => !TERMINAL.has(j.timeline.status(at))).length;
  let launched = 0;
  while (tj.children.length < max && running < limits.MaxParallelTrainingJobs) {
    launchChild(state, tj, at + launched * 1000);
    launched++;
    running++;
  }
  const all = children(state, tj);
  const active = all.filter((j) => !TERMINAL.has(j.timeline.status(at)));
  if (tj.children.length >= max && active.length === 0) {
    const end = at + DURATIONS.tuning.finish;
    const failedAll = all.length > 0 && all.every((j) => j.timeline.status(at) === 'Failed');
    if (failedAll) tj.failureReason = 'All training jobs failed. Please check the training job logs for details.';
    tj.timeline.rewriteFuture(at, [{ at: end, status: failedAll ? 'Failed' : 'Completed' }]);
    return;
  }
  const nextEnd = Math.min(...active.map((j) => j.timeline.last().at));
  scheduleWake(state, tj, Math.max(nextEnd, at) + DURATIONS.tuning.nextLaunch);
}

function scheduleWake(state: RegionState, tj: TuningJobRecord, at: number): void {
  const token = ++tj.wakeToken;
  state.scheduler.schedule(at, (t) => {
    if (tj.wakeToken === token && state.tuningJobs.get(tj.key) === tj) wake(state, tj, t);
  });
}

export function createTuningJobRecord(state: RegionState, spec: In<SM.CreateHyperParameterTuningJobRequest>, o: { at: number; phases?: Phase[] }): TuningJobRecord {
  const tj: TuningJobRecord = {
    key: spec.HyperParameterTuningJobName.toLowerCase(),
    name: spec.HyperParameterTuningJobName,
    arn: sagemakerArn(state.region, state.accountId, 'hyper-parameter-tuning-job', spec.HyperParameterTuningJobName),
    creationTime: o.at,
    tags: tagsOf(spec.Tags),
    spec: clone(spec),
    timeline: new Timeline(o.phases ?? [{ at: o.at, status: 'InProgress' }]),
    children: [],
    wakeToken: 0,
  };
  state.add(state.tuningJobs, tj);
  scheduleWake(state, tj, o.at + DURATIONS.tuning.firstLaunch);
  return tj;
}

/** Stops the tuner and its running jobs from `now`. */
export function stopTuningJob(state: RegionState, tj: TuningJobRecord, now: number): void {
  tj.stopRequestedAt = now;
  tj.wakeToken++;
  for (const job of children(state, tj)) {
    if (!TERMINAL.has(job.timeline.status(now)) && job.timeline.status(now) !== 'Stopping') stopTrainingJob(state, job, now);
  }
  tj.timeline.rewriteFuture(now, [
    { at: now, status: 'Stopping' },
    { at: now + DURATIONS.tuning.stop, status: 'Stopped' },
  ]);
}

function childSummary(tj: TuningJobRecord, job: TrainingJobRecord, now: number): Wire<SM.HyperParameterTrainingJobSummary> {
  const status = job.timeline.status(now);
  const times = trainingTimes(job, now);
  const metric = objectiveMetric(job);
  return compact({
    TrainingJobDefinitionName: job.definitionName,
    TrainingJobName: job.name,
    TrainingJobArn: job.arn,
    TuningJobName: tj.name,
    CreationTime: ts(job.creationTime),
    TrainingStartTime: times.start !== undefined ? ts(times.start) : undefined,
    TrainingEndTime: times.end !== undefined ? ts(times.end) : undefined,
    TrainingJobStatus: status as SM.TrainingJobStatus,
    TunedHyperParameters: job.tunedHyperParameters ?? {},
    FailureReason: status === 'Failed' ? job.plan.failureReason : undefined,
    FinalHyperParameterTuningJobObjectiveMetric:
      status === 'Completed' && metric && job.objective ? { Type: job.objective.type, MetricName: metric.name, Value: metric.value } : undefined,
    ObjectiveStatus: status === 'Completed' ? 'Succeeded' : status === 'Failed' || status === 'Stopped' ? 'Failed' : 'Pending',
  });
}

function counters(state: RegionState, tj: TuningJobRecord, now: number): { training: Wire<SM.TrainingJobStatusCounters>; objective: Wire<SM.ObjectiveStatusCounters> } {
  const training = { Completed: 0, InProgress: 0, RetryableError: 0, NonRetryableError: 0, Stopped: 0 };
  const objective = { Succeeded: 0, Pending: 0, Failed: 0 };
  for (const job of children(state, tj)) {
    if (job.creationTime > now) continue;
    const s = job.timeline.status(now);
    if (s === 'Completed') { training.Completed++; objective.Succeeded++; }
    else if (s === 'Failed') { training.NonRetryableError++; objective.Failed++; }
    else if (s === 'Stopped') { training.Stopped++; objective.Failed++; }
    else { training.InProgress++; objective.Pending++; }
  }
  return { training, objective };
}

export function describeTuningJob(state: RegionState, tj: TuningJobRecord, now: number): Wire<SM.DescribeHyperParameterTuningJobResponse> {
  const echo = projectToShape(loadModel('sagemaker'), 'DescribeHyperParameterTuningJobResponse', tj.spec) as Wire<SM.DescribeHyperParameterTuningJobResponse>;
  const current = tj.timeline.at(now);
  const terminal = TERMINAL.has(current.status);
  const { training, objective } = counters(state, tj, now);
  const best = bestChild(state, tj, now);
  const notImproving = best ? children(state, tj).filter((j) => j.creationTime > best.creationTime && j.timeline.status(now) === 'Completed').length : 0;
  return compact({
    ...echo,
    HyperParameterTuningJobName: tj.name,
    HyperParameterTuningJobArn: tj.arn,
    HyperParameterTuningJobStatus: current.status as SM.HyperParameterTuningJobStatus,
    CreationTime: ts(tj.creationTime),
    HyperParameterTuningEndTime: terminal ? ts(current.at) : undefined,
    LastModifiedTime: ts(Math.max(current.at, ...children(state, tj).filter((j) => j.creationTime <= now).map((j) => j.timeline.at(now).at))),
    TrainingJobStatusCounters: training,
    ObjectiveStatusCounters: objective,
    BestTrainingJob: best ? childSummary(tj, best, now) : undefined,
    FailureReason: current.status === 'Failed' ? tj.failureReason : undefined,
    TuningJobCompletionDetails: { NumberOfTrainingJobsObjectiveNotImproving: notImproving },
    ConsumedResources: { RuntimeInSeconds: Math.round(((terminal ? current.at : now) - tj.creationTime) / 1000) },
  });
}

function liveTuningJob(state: RegionState, name: string): TuningJobRecord {
  const tj = state.tuningJobs.get(name);
  // Tuning jobs, unlike training jobs, are answered `ResourceNotFound`, in these words (as reported from AWS).
  if (!tj) throw resourceNotFound(`Amazon SageMaker can't find a tuning job called ${name}. Type another name.`);
  return tj;
}

/**
 * The range checks AWS documents for ParameterRanges: numeric bounds with MinValue <= MaxValue,
 * integers for integer ranges, Logarithmic scaling only above 0 and ReverseLogarithmic only within
 * [0, 1), and each hyperparameter tuned once and never also static. (The words are this service's.)
 */
function validateRanges(ranges: In<SM.ParameterRanges>, statics: Record<string, string>): void {
  const seen = new Set<string>();
  const named = (name: string): void => {
    if (seen.has(name)) throw validationError(`The hyperparameter ${name} appears in more than one parameter range.`);
    if (name in statics) throw validationError(`The hyperparameter ${name} cannot be both tuned and static.`);
    seen.add(name);
  };
  const numeric = [
    ...(ranges.IntegerParameterRanges ?? []).map((r) => ({ ...r, integer: true })),
    ...(ranges.ContinuousParameterRanges ?? []).map((r) => ({ ...r, integer: false })),
  ];
  for (const r of numeric) {
    named(r.Name);
    const min = Number(r.MinValue);
    const max = Number(r.MaxValue);
    const kind = r.integer ? 'an integer' : 'a number';
    const valid = (v: string, n: number): boolean => v.trim() !== '' && Number.isFinite(n) && (!r.integer || Number.isInteger(n));
    if (!valid(r.MinValue, min)) throw validationError(`The MinValue '${r.MinValue}' of hyperparameter ${r.Name} is not ${kind}.`);
    if (!valid(r.MaxValue, max)) throw validationError(`The MaxValue '${r.MaxValue}' of hyperparameter ${r.Name} is not ${kind}.`);
    if (min > max) throw validationError(`The MinValue (${r.MinValue}) of hyperparameter ${r.Name} must be less than or equal to its MaxValue (${r.MaxValue}).`);
    if (r.ScalingType === 'Logarithmic' && min <= 0) {
      throw validationError(`Logarithmic scaling of hyperparameter ${r.Name} works only for ranges whose values are greater than 0.`);
    }
    if (r.ScalingType === 'ReverseLogarithmic' && (r.integer || min < 0 || max >= 1)) {
      throw validationError(`ReverseLogarithmic scaling of hyperparameter ${r.Name} works only for continuous ranges within 0 <= x < 1.0.`);
    }
  }
  for (const r of ranges.CategoricalParameterRanges ?? []) named(r.Name);
}

const CreateHyperParameterTuningJob: SmHandler = ({ state, now }, input) => {
  const spec = input as unknown as In<SM.CreateHyperParameterTuningJobRequest>;
  const existing = state.tuningJobs.get(spec.HyperParameterTuningJobName);
  if (existing) throw resourceInUse(`Hyperparameter tuning job with name ${spec.HyperParameterTuningJobName} already exists (${existing.arn}).`);
  const defs = spec.TrainingJobDefinitions ?? (spec.TrainingJobDefinition ? [spec.TrainingJobDefinition] : []);
  if (defs.length === 0) throw validationError('Either TrainingJobDefinition or TrainingJobDefinitions must be specified.');
  if (spec.TrainingJobDefinition && spec.TrainingJobDefinitions) throw validationError('Only one of TrainingJobDefinition or TrainingJobDefinitions can be specified.');
  const config = spec.HyperParameterTuningJobConfig;
  if (!config.HyperParameterTuningJobObjective && defs.some((d) => !d.TuningObjective)) {
    throw validationError('HyperParameterTuningJobObjective must be specified in HyperParameterTuningJobConfig or in every training job definition.');
  }
  const limits = config.ResourceLimits;
  if (limits.MaxNumberOfTrainingJobs !== undefined && limits.MaxParallelTrainingJobs > limits.MaxNumberOfTrainingJobs) {
    throw validationError('MaxParallelTrainingJobs must be less than or equal to MaxNumberOfTrainingJobs.');
  }
  for (const def of defs) validateRanges(def.HyperParameterRanges ?? config.ParameterRanges ?? {}, def.StaticHyperParameters ?? {});
  if (config.Strategy === 'Grid') {
    const ranges = defs[0]!.HyperParameterRanges ?? config.ParameterRanges ?? {};
    if ((ranges.IntegerParameterRanges?.length ?? 0) + (ranges.ContinuousParameterRanges?.length ?? 0) > 0) {
      throw validationError('Grid search strategy supports only categorical parameter ranges.');
    }
  }
  const tj = createTuningJobRecord(state, spec, { at: now });
  return { HyperParameterTuningJobArn: tj.arn } satisfies Wire<SM.CreateHyperParameterTuningJobResponse>;
};

const DescribeHyperParameterTuningJob: SmHandler = ({ state, now }, input) =>
  describeTuningJob(state, liveTuningJob(state, (input as In<SM.DescribeHyperParameterTuningJobRequest>).HyperParameterTuningJobName), now);

const ListHyperParameterTuningJobs: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.ListHyperParameterTuningJobsRequest>;
  const lmAfter = toMs(i.LastModifiedTimeAfter);
  const lmBefore = toMs(i.LastModifiedTimeBefore);
  const page = listPage(state.tuningJobs, {
    sortBy: i.SortBy,
    sortOrder: i.SortOrder,
    defaultSortBy: 'Name',
    defaultSortOrder: 'Ascending',
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    createdAfter: toMs(i.CreationTimeAfter),
    createdBefore: toMs(i.CreationTimeBefore),
    status: (tj) => tj.timeline.status(now),
    filter: (tj) => {
      const lm = tj.timeline.at(now).at;
      return (
        (i.StatusEquals === undefined || tj.timeline.status(now) === i.StatusEquals) &&
        (i.NameContains === undefined || tj.key.includes(i.NameContains.toLowerCase())) &&
        (lmAfter === undefined || lm > lmAfter) &&
        (lmBefore === undefined || lm < lmBefore)
      );
    },
  });
  return compact({
    HyperParameterTuningJobSummaries: page.items.map((tj) => {
      const current = tj.timeline.at(now);
      const { training, objective } = counters(state, tj, now);
      return compact({
        HyperParameterTuningJobName: tj.name,
        HyperParameterTuningJobArn: tj.arn,
        HyperParameterTuningJobStatus: current.status as SM.HyperParameterTuningJobStatus,
        Strategy: tj.spec.HyperParameterTuningJobConfig.Strategy,
        CreationTime: ts(tj.creationTime),
        HyperParameterTuningEndTime: TERMINAL.has(current.status) ? ts(current.at) : undefined,
        LastModifiedTime: ts(current.at),
        TrainingJobStatusCounters: training,
        ObjectiveStatusCounters: objective,
        ResourceLimits: tj.spec.HyperParameterTuningJobConfig.ResourceLimits,
      });
    }),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListHyperParameterTuningJobsResponse>;
};

const StopHyperParameterTuningJob: SmHandler = ({ state, now }, input) => {
  const tj = liveTuningJob(state, (input as In<SM.StopHyperParameterTuningJobRequest>).HyperParameterTuningJobName);
  const status = tj.timeline.status(now);
  if (status === 'Stopping') return {};
  if (TERMINAL.has(status)) throw validationError(`The request was rejected because the tuning job is in status ${status}.`);
  stopTuningJob(state, tj, now);
  return {};
};

const ListTrainingJobsForHyperParameterTuningJob: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.ListTrainingJobsForHyperParameterTuningJobRequest>;
  const tj = liveTuningJob(state, i.HyperParameterTuningJobName);
  const jobs = children(state, tj).filter((j) => j.creationTime <= now);
  const byObjective = i.SortBy === 'FinalObjectiveMetricValue';
  const value = (j: TrainingJobRecord): number => objectiveMetric(j)?.value ?? 0;
  const page = listPage(jobs, {
    sortBy: i.SortBy,
    sortOrder: i.SortOrder,
    defaultSortBy: 'Name',
    defaultSortOrder: 'Ascending',
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    status: (j) => j.timeline.status(now),
    compare: (a, b) => value(a) - value(b) || (a.key < b.key ? -1 : 1),
    // Jobs that reported no objective are not listed when sorting by it.
    filter: (j) =>
      (i.StatusEquals === undefined || j.timeline.status(now) === i.StatusEquals) &&
      (!byObjective || j.timeline.status(now) === 'Completed'),
  });
  return compact({
    TrainingJobSummaries: page.items.map((j) => childSummary(tj, j, now)),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListTrainingJobsForHyperParameterTuningJobResponse>;
};

export const tuningHandlers: Record<string, SmHandler> = {
  CreateHyperParameterTuningJob, DescribeHyperParameterTuningJob, ListHyperParameterTuningJobs,
  StopHyperParameterTuningJob, ListTrainingJobsForHyperParameterTuningJob,
};
