import type { DescribeTrainingJobResponse, TrainingJob as SearchTrainingJob, TrainingJobStatus, TrainingJobSummary } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import type { PriceCatalog, PriceQuote } from '../cost/priceCatalog';
import { formatQuote } from '../cost/priceCatalog';
import type { Logger } from '../util/logger';
import { isTerminalJobStatus, jobDuration, listThenDescribe, newestFirstWithStatus, type ListPage, type PageRequest, type SettledCache } from './jobs';
import { listContinuation, listToken, searchFirst } from './search';

/** Instances of one kind in a job's cluster (heterogeneous clusters have several groups). */
export interface InstanceAllocation {
  readonly type: string;
  readonly count: number;
  readonly group?: string;
}

export interface MetricRegex {
  readonly name: string;
  readonly regex: string;
}

/** A training job as the explorer shows it. */
export interface TrainingJob {
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly secondaryStatus?: string;
  readonly failureReason?: string;
  readonly created: Date;
  readonly trainingStart?: Date;
  readonly trainingEnd?: Date;
  readonly lastModified?: Date;
  /** Empty when unknown (a ListTrainingJobs summary that could not be described). */
  readonly instances: readonly InstanceAllocation[];
  readonly spot?: boolean;
  readonly trainingSeconds?: number;
  /** Per instance; AWS bills this × the instance count (set once the job has finished). */
  readonly billableSeconds?: number;
  readonly maxRuntimeSeconds?: number;
  readonly modelArtifacts?: string;
  readonly tuningJobArn?: string;
  readonly finalMetrics: ReadonlyArray<{ readonly name: string; readonly value: number }>;
  readonly metricDefinitions: readonly MetricRegex[];
  /** `summary`: only what ListTrainingJobs says (no instances, spot flag or billable time). */
  readonly detail: 'full' | 'summary';
}

export function instancesOf(config: DescribeTrainingJobResponse['ResourceConfig']): InstanceAllocation[] {
  if (!config) return [];
  if (config.InstanceGroups && config.InstanceGroups.length > 0) {
    return config.InstanceGroups.map((group) => ({ type: group.InstanceType ?? 'unknown', count: group.InstanceCount ?? 1, group: group.InstanceGroupName }));
  }
  const type = config.SelectedInstanceType ?? config.InstanceType;
  return type ? [{ type, count: config.SelectedInstanceCount ?? config.InstanceCount ?? 1 }] : [];
}

/** From a Search record or a DescribeTrainingJob answer (the same members). */
export function toTrainingJob(region: string, record: SearchTrainingJob | DescribeTrainingJobResponse): TrainingJob {
  return {
    region,
    name: record.TrainingJobName ?? '',
    arn: record.TrainingJobArn ?? '',
    status: record.TrainingJobStatus ?? 'Unknown',
    secondaryStatus: record.SecondaryStatus,
    failureReason: record.FailureReason,
    created: record.CreationTime ?? new Date(0),
    trainingStart: record.TrainingStartTime,
    trainingEnd: record.TrainingEndTime,
    lastModified: record.LastModifiedTime,
    instances: instancesOf(record.ResourceConfig),
    spot: record.EnableManagedSpotTraining ?? false,
    trainingSeconds: record.TrainingTimeInSeconds,
    billableSeconds: record.BillableTimeInSeconds,
    maxRuntimeSeconds: record.StoppingCondition?.MaxRuntimeInSeconds,
    modelArtifacts: record.ModelArtifacts?.S3ModelArtifacts,
    tuningJobArn: record.TuningJobArn,
    finalMetrics: (record.FinalMetricDataList ?? []).flatMap((metric) =>
      metric.MetricName !== undefined && metric.Value !== undefined ? [{ name: metric.MetricName, value: metric.Value }] : [],
    ),
    metricDefinitions: (record.AlgorithmSpecification?.MetricDefinitions ?? []).flatMap((definition) =>
      definition.Name && definition.Regex ? [{ name: definition.Name, regex: definition.Regex }] : [],
    ),
    detail: 'full',
  };
}

export function fromTrainingSummary(region: string, summary: TrainingJobSummary): TrainingJob {
  return {
    region,
    name: summary.TrainingJobName ?? '',
    arn: summary.TrainingJobArn ?? '',
    status: summary.TrainingJobStatus ?? 'Unknown',
    secondaryStatus: summary.SecondaryStatus,
    created: summary.CreationTime ?? new Date(0),
    trainingEnd: summary.TrainingEndTime,
    lastModified: summary.LastModifiedTime,
    instances: [],
    finalMetrics: [],
    metricDefinitions: [],
    detail: 'summary',
  };
}

export const searchDeniedNote = 'sagemaker:Search is not allowed for this identity: jobs are listed with ListTrainingJobs and described one by one.';

export interface TrainingListOptions {
  /** Describe answers of finished jobs, kept across pages and refreshes (fallback path only). */
  readonly cache?: SettledCache<TrainingJob>;
  /** Describe calls in flight at once on the fallback path. */
  readonly concurrency?: number;
  readonly log?: Logger;
}

/**
 * One page of training jobs, newest first. `Search` gives full records in one call; when it is
 * denied, `ListTrainingJobs` lists the page and `DescribeTrainingJob` fills in each job on it.
 */
export async function listTrainingJobsPage(clients: AwsClients, region: string, request: PageRequest, options: TrainingListOptions = {}): Promise<ListPage<TrainingJob>> {
  const { page: found, calls } = await searchFirst(clients, region, request, {
    resource: 'TrainingJob',
    statusProperty: 'TrainingJobStatus',
    nameProperty: 'TrainingJobName',
    fallbackDescription: 'listing training jobs with ListTrainingJobs and DescribeTrainingJob',
    log: options.log,
  });
  if (found) {
    const items = found.records.flatMap((record) => (record.TrainingJob ? [toTrainingJob(region, record.TrainingJob)] : []));
    return { items, nextToken: found.nextToken, source: 'search', calls, notes: [] };
  }
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const page = await listThenDescribe<TrainingJobSummary, TrainingJob>(
    {
      region,
      request,
      list: async (NextToken) => {
        const answer = await client.send(new sagemaker.ListTrainingJobsCommand(newestFirstWithStatus<TrainingJobStatus>(request, NextToken)), { abortSignal: request.signal });
        return { items: answer.TrainingJobSummaries ?? [], nextToken: answer.NextToken };
      },
      nameOf: (summary) => summary.TrainingJobName ?? '',
      statusOf: (summary) => summary.TrainingJobStatus,
      describe: async (name) => toTrainingJob(region, await describeTrainingJob(clients, region, name, request.signal)),
      fromSummary: (summary) => fromTrainingSummary(region, summary),
      cache: options.cache,
      concurrency: options.concurrency,
      unknownWithoutDescribe: 'instance type, spot flag and cost',
    },
    listContinuation(request),
  );
  if (page.notes.length > 0) options.log?.warn(`Training jobs in ${region}: ${page.notes.join(' ')}`);
  return {
    items: page.items,
    nextToken: listToken(page.nextToken),
    source: 'listAndDescribe',
    calls: calls + page.calls,
    notes: [searchDeniedNote, ...page.notes],
  };
}

/** One training job, described (for details, the panel and reveal). */
export async function describeTrainingJob(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<DescribeTrainingJobResponse> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  return client.send(new sagemaker.DescribeTrainingJobCommand({ TrainingJobName: name }), { abortSignal: signal });
}

// ------------------------------------------------------------------ time and cost

/** Wall-clock time from creation to the end (or to now while it runs). */
export function trainingJobDuration(job: TrainingJob, now = Date.now()): number {
  return jobDuration(job.created, job.trainingEnd, job.status, job.lastModified, now);
}

/** "ml.m5.xlarge × 2", "ml.p4d.24xlarge × 2 + ml.c5.2xlarge"; undefined when unknown. */
export function formatInstances(instances: readonly InstanceAllocation[]): string | undefined {
  if (instances.length === 0) return undefined;
  return instances.map((instance) => (instance.count === 1 ? instance.type : `${instance.type} × ${instance.count}`)).join(' + ');
}

export interface CostSoFar {
  readonly usd: number;
  /** Billed seconds per instance the figure rests on. */
  readonly billableSeconds: number;
  /** True once the job has finished and AWS reported its billable time. */
  readonly final: boolean;
  /** The hourly rate(s) used, as `formatQuote` words them. */
  readonly rate: string;
  /** True when a rate stands in for another (estimate, or on-demand for spot). */
  readonly estimate: boolean;
  readonly note?: string;
}

/**
 * What a training job has cost so far: billable seconds × instances × the hourly rate. Spot jobs
 * use the spot rate, or the on-demand rate (labelled as such) when no spot rate is known. While the
 * job runs, billable time is counted from its training start. Undefined when the instances or a
 * rate are unknown (shown "cost unknown", never $0).
 */
export function trainingJobCost(job: TrainingJob, prices: PriceCatalog, now = Date.now()): CostSoFar | undefined {
  if (job.instances.length === 0) return undefined;
  const running = !isTerminalJobStatus(job.status);
  let seconds: number;
  if (job.billableSeconds !== undefined) seconds = job.billableSeconds;
  else if (running && job.trainingStart) seconds = Math.max(0, (now - job.trainingStart.getTime()) / 1000);
  else if (job.trainingSeconds !== undefined) seconds = job.trainingSeconds;
  else seconds = 0;

  let usd = 0;
  let estimate = false;
  let note: string | undefined;
  const rates: string[] = [];
  for (const instance of job.instances) {
    const picked = trainingRate(job, instance.type, prices);
    if (!picked) return undefined;
    usd += (seconds / 3600) * instance.count * picked.quote.usdPerHour;
    estimate ||= picked.quote.source === 'estimate' || picked.onDemandForSpot;
    if (picked.onDemandForSpot) note = 'on-demand rate: no spot rate is known';
    rates.push(formatQuote(picked.quote));
  }
  return { usd, billableSeconds: seconds, final: !running && job.billableSeconds !== undefined, rate: [...new Set(rates)].join(' + '), estimate, note };
}

function trainingRate(job: TrainingJob, instanceType: string, prices: PriceCatalog): { quote: PriceQuote; onDemandForSpot: boolean } | undefined {
  if (job.spot) {
    const spot = prices.quote({ region: job.region, instanceType, use: 'spotTraining' });
    if (spot) return { quote: spot, onDemandForSpot: false };
    const onDemand = prices.quote({ region: job.region, instanceType, use: 'training' });
    return onDemand && { quote: onDemand, onDemandForSpot: true };
  }
  const quote = prices.quote({ region: job.region, instanceType, use: 'training' });
  return quote && { quote, onDemandForSpot: false };
}
