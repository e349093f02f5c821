import type {
  DescribeHyperParameterTuningJobResponse,
  HyperParameterTrainingJobSummary,
  HyperParameterTuningJobSearchEntity,
  HyperParameterTuningJobStatus,
  HyperParameterTuningJobSummary,
  TrainingJobStatusCounters,
} from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { collectPages } from '../aws/paging';
import type { Logger } from '../util/logger';
import { listThenDescribe, newestFirstWithStatus, type ListPage, type PageRequest, type SettledCache } from './jobs';
import { listContinuation, listToken, searchFirst } from './search';

export type ObjectiveType = 'Maximize' | 'Minimize';

export interface TrainingCounts {
  readonly completed: number;
  readonly inProgress: number;
  readonly retryableError: number;
  readonly nonRetryableError: number;
  readonly stopped: number;
}

/** A hyperparameter tuning job as the explorer shows it. */
export interface TuningJob {
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly strategy?: string;
  readonly created: Date;
  readonly ended?: Date;
  readonly lastModified?: Date;
  readonly failureReason?: string;
  readonly counts: TrainingCounts;
  readonly maxJobs?: number;
  readonly maxParallel?: number;
  /** Unknown on a ListHyperParameterTuningJobs summary that could not be described. */
  readonly objective?: { readonly name: string; readonly type: ObjectiveType };
  readonly best?: { readonly name: string; readonly value?: number; readonly status?: string };
  /** The instance type of its training jobs, when one definition gives it. */
  readonly instanceType?: string;
  readonly detail: 'full' | 'summary';
}

export function countsOf(counters: TrainingJobStatusCounters | undefined): TrainingCounts {
  return {
    completed: counters?.Completed ?? 0,
    inProgress: counters?.InProgress ?? 0,
    retryableError: counters?.RetryableError ?? 0,
    nonRetryableError: counters?.NonRetryableError ?? 0,
    stopped: counters?.Stopped ?? 0,
  };
}

export function totalTrainingJobs(counts: TrainingCounts): number {
  return counts.completed + counts.inProgress + counts.retryableError + counts.nonRetryableError + counts.stopped;
}

/** From a Search record or a DescribeHyperParameterTuningJob answer (the same members). */
export function toTuningJob(region: string, record: HyperParameterTuningJobSearchEntity | DescribeHyperParameterTuningJobResponse): TuningJob {
  const config = record.HyperParameterTuningJobConfig;
  const objective = config?.HyperParameterTuningJobObjective;
  const best = record.BestTrainingJob;
  const definition = record.TrainingJobDefinition ?? record.TrainingJobDefinitions?.[0];
  return {
    region,
    name: record.HyperParameterTuningJobName ?? '',
    arn: record.HyperParameterTuningJobArn ?? '',
    status: record.HyperParameterTuningJobStatus ?? 'Unknown',
    strategy: config?.Strategy,
    created: record.CreationTime ?? new Date(0),
    ended: record.HyperParameterTuningEndTime,
    lastModified: record.LastModifiedTime,
    failureReason: record.FailureReason,
    counts: countsOf(record.TrainingJobStatusCounters),
    maxJobs: config?.ResourceLimits?.MaxNumberOfTrainingJobs,
    maxParallel: config?.ResourceLimits?.MaxParallelTrainingJobs,
    objective: objective?.MetricName && objective.Type ? { name: objective.MetricName, type: objective.Type } : undefined,
    best: best?.TrainingJobName
      ? { name: best.TrainingJobName, value: best.FinalHyperParameterTuningJobObjectiveMetric?.Value, status: best.TrainingJobStatus }
      : undefined,
    instanceType: definition?.ResourceConfig?.InstanceType ?? definition?.ResourceConfig?.InstanceGroups?.[0]?.InstanceType,
    detail: 'full',
  };
}

export function fromTuningSummary(region: string, summary: HyperParameterTuningJobSummary): TuningJob {
  return {
    region,
    name: summary.HyperParameterTuningJobName ?? '',
    arn: summary.HyperParameterTuningJobArn ?? '',
    status: summary.HyperParameterTuningJobStatus ?? 'Unknown',
    strategy: summary.Strategy,
    created: summary.CreationTime ?? new Date(0),
    ended: summary.HyperParameterTuningEndTime,
    lastModified: summary.LastModifiedTime,
    counts: countsOf(summary.TrainingJobStatusCounters),
    maxJobs: summary.ResourceLimits?.MaxNumberOfTrainingJobs,
    maxParallel: summary.ResourceLimits?.MaxParallelTrainingJobs,
    detail: 'summary',
  };
}

export interface TuningListOptions {
  readonly cache?: SettledCache<TuningJob>;
  readonly concurrency?: number;
  readonly log?: Logger;
}

/** One page of tuning jobs, newest first: Search, or List + Describe when Search is denied. */
export async function listTuningJobsPage(clients: AwsClients, region: string, request: PageRequest, options: TuningListOptions = {}): Promise<ListPage<TuningJob>> {
  const { page: found, calls } = await searchFirst(clients, region, request, {
    resource: 'HyperParameterTuningJob',
    statusProperty: 'HyperParameterTuningJobStatus',
    nameProperty: 'HyperParameterTuningJobName',
    fallbackDescription: 'listing tuning jobs with ListHyperParameterTuningJobs',
    log: options.log,
  });
  if (found) {
    const items = found.records.flatMap((record) => (record.HyperParameterTuningJob ? [toTuningJob(region, record.HyperParameterTuningJob)] : []));
    return { items, nextToken: found.nextToken, source: 'search', calls, notes: [] };
  }
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const page = await listThenDescribe<HyperParameterTuningJobSummary, TuningJob>(
    {
      region,
      request,
      list: async (NextToken) => {
        const answer = await client.send(new sagemaker.ListHyperParameterTuningJobsCommand(newestFirstWithStatus<HyperParameterTuningJobStatus>(request, NextToken)), {
          abortSignal: request.signal,
        });
        return { items: answer.HyperParameterTuningJobSummaries ?? [], nextToken: answer.NextToken };
      },
      nameOf: (summary) => summary.HyperParameterTuningJobName ?? '',
      statusOf: (summary) => summary.HyperParameterTuningJobStatus,
      describe: async (name) => toTuningJob(region, await describeTuningJob(clients, region, name, request.signal)),
      fromSummary: (summary) => fromTuningSummary(region, summary),
      cache: options.cache,
      concurrency: options.concurrency,
      unknownWithoutDescribe: 'objective and best job',
    },
    listContinuation(request),
  );
  return {
    items: page.items,
    nextToken: listToken(page.nextToken),
    source: 'listAndDescribe',
    calls: calls + page.calls,
    notes: ['sagemaker:Search is not allowed for this identity: tuning jobs are listed, then described one by one.', ...page.notes],
  };
}

export async function describeTuningJob(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<DescribeHyperParameterTuningJobResponse> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  return client.send(new sagemaker.DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }), { abortSignal: signal });
}

/** One training job launched by a tuning job, with its objective value if it reported one. */
export interface TuningTrial {
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly tuningJobName: string;
  readonly status: string;
  readonly created: Date;
  readonly trainingStart?: Date;
  readonly trainingEnd?: Date;
  readonly failureReason?: string;
  readonly objectiveValue?: number;
  readonly objectiveStatus?: string;
  readonly hyperParameters: Readonly<Record<string, string>>;
}

export function toTuningTrial(region: string, tuningJobName: string, summary: HyperParameterTrainingJobSummary): TuningTrial {
  return {
    region,
    name: summary.TrainingJobName ?? '',
    arn: summary.TrainingJobArn ?? '',
    tuningJobName,
    status: summary.TrainingJobStatus ?? 'Unknown',
    created: summary.CreationTime ?? new Date(0),
    trainingStart: summary.TrainingStartTime,
    trainingEnd: summary.TrainingEndTime,
    failureReason: summary.FailureReason,
    objectiveValue: summary.FinalHyperParameterTuningJobObjectiveMetric?.Value,
    objectiveStatus: summary.ObjectiveStatus,
    hyperParameters: summary.TunedHyperParameters ?? {},
  };
}

/**
 * Every training job of a tuning job (bounded by its MaxNumberOfTrainingJobs), ordered by
 * objective: best first, then those without a value yet (running, failed), newest first.
 * Listed by name rather than by objective because the service leaves out jobs without a value
 * when sorting by objective, and a running job must still show.
 */
export async function listTuningTrials(
  clients: AwsClients,
  region: string,
  tuningJobName: string,
  objectiveType: ObjectiveType | undefined,
  signal?: AbortSignal,
): Promise<{ trials: TuningTrial[]; calls: number }> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  let calls = 0;
  const summaries = await collectPages(
    async (NextToken) => {
      calls++;
      const answer = await client.send(
        new sagemaker.ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: tuningJobName, MaxResults: 100, NextToken }),
        { abortSignal: signal },
      );
      return { items: answer.TrainingJobSummaries ?? [], nextToken: answer.NextToken };
    },
    { signal, maxPages: 200 },
  );
  const trials = summaries.map((summary) => toTuningTrial(region, tuningJobName, summary));
  return { trials: sortByObjective(trials, objectiveType), calls };
}

export function sortByObjective(trials: readonly TuningTrial[], objectiveType: ObjectiveType | undefined): TuningTrial[] {
  const sign = objectiveType === 'Minimize' ? 1 : -1;
  return [...trials].sort((a, b) => {
    const av = a.objectiveValue;
    const bv = b.objectiveValue;
    if (av !== undefined && bv !== undefined && av !== bv) return sign * (av - bv);
    if (av !== undefined && bv === undefined) return -1;
    if (av === undefined && bv !== undefined) return 1;
    return b.created.getTime() - a.created.getTime() || a.name.localeCompare(b.name);
  });
}

/** The trial the service calls best, or failing that the best value among those listed. */
export function bestTrialName(job: TuningJob | undefined, sorted: readonly TuningTrial[]): string | undefined {
  if (job?.best?.name) return job.best.name;
  return sorted.find((trial) => trial.objectiveValue !== undefined)?.name;
}

/** "7 of 20 jobs · 2 running · 1 failed". */
export function tuningProgress(job: TuningJob): string {
  const total = totalTrainingJobs(job.counts);
  const failed = job.counts.nonRetryableError + job.counts.retryableError;
  return [
    `${job.counts.completed} of ${job.maxJobs ?? total} jobs done`,
    job.counts.inProgress ? `${job.counts.inProgress} running` : undefined,
    failed ? `${failed} failed` : undefined,
    job.counts.stopped ? `${job.counts.stopped} stopped` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function formatObjectiveValue(value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
}
