import type { DescribeHyperParameterTuningJobResponse, DescribeTrainingJobResponse, ResourceConfig } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { classifyAwsError } from '../aws/errors';
import { describeTrainingJob } from '../resources/trainingJobs';
import { describeTuningJob } from '../resources/tuningJobs';
import type { Timers } from '../util/timers';
import { backoff, waitUntil } from '../util/waitUntil';
import { jobCost, type QuoteFn } from './estimates';

/** How a launched job ended, for the notification. */
export interface JobEnd {
  readonly kind: 'training' | 'tuning';
  readonly name: string;
  readonly status: string;
  readonly failureReason?: string;
  readonly durationMs?: number;
  readonly costUsd?: number;
  readonly costApproximate?: boolean;
  /** Tuning: the best training job and its objective. */
  readonly best?: { readonly name: string; readonly metric?: string; readonly value?: number };
}

const terminal = new Set(['Completed', 'Failed', 'Stopped']);

export interface WatchOptions {
  readonly signal?: AbortSignal;
  readonly pollMs?: number;
  readonly quote: QuoteFn;
  readonly timers?: Timers;
}

/** Waits (polling with backoff) until a job ends, then says how it went and what it cost. */
export async function watchJob(clients: AwsClients, region: string, kind: 'training' | 'tuning', name: string, options: WatchOptions): Promise<JobEnd> {
  const base = options.pollMs ?? 30_000;
  const wait = {
    delaysMs: backoff(base, 1.5, base * 4),
    // A job runs for hours: a dropped connection or an expired session must not end the watch.
    retryOn: (error: unknown) => transient.has(classifyAwsError(error).kind),
    signal: options.signal,
    timers: options.timers,
  };
  if (kind === 'training') {
    const job = await waitUntil({
      ...wait,
      probe: (signal) => describeTrainingJob(clients, region, name, signal),
      reached: (answer) => terminal.has(answer.TrainingJobStatus ?? ''),
    });
    return trainingEnd(job, region, options.quote);
  }
  const job = await waitUntil({
    ...wait,
    probe: (signal) => describeTuningJob(clients, region, name, signal),
    reached: (answer) => terminal.has(answer.HyperParameterTuningJobStatus ?? ''),
  });
  return tuningEnd(clients, region, job, options);
}

const transient = new Set(['network', 'throttled', 'serviceError', 'malformedResponse', 'expiredCredentials', 'ssoExpired']);

function groupsOf(config: ResourceConfig | undefined): Array<{ instanceType: string; count: number }> {
  if (config?.InstanceGroups?.length) return config.InstanceGroups.map((group) => ({ instanceType: group.InstanceType ?? '', count: group.InstanceCount ?? 1 }));
  return config?.InstanceType ? [{ instanceType: config.InstanceType, count: config.InstanceCount ?? 1 }] : [];
}

export function trainingEnd(job: DescribeTrainingJobResponse, region: string, quote: QuoteFn): JobEnd {
  const start = job.TrainingStartTime ?? job.CreationTime;
  const end = job.TrainingEndTime ?? job.LastModifiedTime;
  const cost = jobCost(job.BillableTimeInSeconds, groupsOf(job.ResourceConfig), job.EnableManagedSpotTraining === true, region, quote);
  return {
    kind: 'training',
    name: job.TrainingJobName ?? '',
    status: job.TrainingJobStatus ?? 'Unknown',
    failureReason: job.FailureReason,
    durationMs: start && end ? end.getTime() - start.getTime() : undefined,
    costUsd: cost?.usd,
    costApproximate: cost?.approximate,
  };
}

async function tuningEnd(clients: AwsClients, region: string, job: DescribeHyperParameterTuningJobResponse, options: WatchOptions): Promise<JobEnd> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const definition = job.TrainingJobDefinition ?? job.TrainingJobDefinitions?.[0];
  const groups = groupsOf(definition?.ResourceConfig);
  let usd = 0;
  let approximate = true;
  let known = groups.length > 0;
  let token: string | undefined;
  do {
    const page = await client.send(
      new sagemaker.ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: job.HyperParameterTuningJobName, NextToken: token, MaxResults: 100 }),
      { abortSignal: options.signal },
    );
    for (const summary of page.TrainingJobSummaries ?? []) {
      if (!summary.TrainingStartTime || !summary.TrainingEndTime) continue;
      const seconds = (summary.TrainingEndTime.getTime() - summary.TrainingStartTime.getTime()) / 1000;
      const cost = jobCost(seconds, groups, definition?.EnableManagedSpotTraining === true, region, options.quote);
      if (!cost) known = false;
      else {
        usd += cost.usd;
        approximate = true;
      }
    }
    token = page.NextToken;
  } while (token);
  const best = job.BestTrainingJob;
  const start = job.CreationTime;
  const end = job.HyperParameterTuningEndTime ?? job.LastModifiedTime;
  return {
    kind: 'tuning',
    name: job.HyperParameterTuningJobName ?? '',
    status: job.HyperParameterTuningJobStatus ?? 'Unknown',
    failureReason: job.FailureReason,
    durationMs: start && end ? end.getTime() - start.getTime() : undefined,
    costUsd: known ? usd : undefined,
    costApproximate: approximate,
    best: best?.TrainingJobName
      ? { name: best.TrainingJobName, metric: best.FinalHyperParameterTuningJobObjectiveMetric?.MetricName, value: best.FinalHyperParameterTuningJobObjectiveMetric?.Value }
      : undefined,
  };
}
