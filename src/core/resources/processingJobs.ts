import type { ProcessingJobStatus, DescribeProcessingJobResponse, ProcessingJobSummary } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { jobDuration, listThenDescribe, newestFirstWithStatus, type ListPage, type PageRequest, type SettledCache } from './jobs';
import { listContinuation, listToken } from './search';
import type { InstanceAllocation } from './trainingJobs';

/** A processing job as the explorer shows it. */
export interface ProcessingJob {
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly created: Date;
  readonly started?: Date;
  readonly ended?: Date;
  readonly lastModified?: Date;
  readonly failureReason?: string;
  readonly exitMessage?: string;
  /** Empty when unknown (the job could not be described). */
  readonly instances: readonly InstanceAllocation[];
  readonly image?: string;
  readonly trainingJobArn?: string;
  readonly detail: 'full' | 'summary';
}

export function toProcessingJob(region: string, answer: DescribeProcessingJobResponse): ProcessingJob {
  const cluster = answer.ProcessingResources?.ClusterConfig;
  const type = cluster?.SelectedInstanceType ?? cluster?.InstanceType;
  return {
    region,
    name: answer.ProcessingJobName ?? '',
    arn: answer.ProcessingJobArn ?? '',
    status: answer.ProcessingJobStatus ?? 'Unknown',
    created: answer.CreationTime ?? new Date(0),
    started: answer.ProcessingStartTime,
    ended: answer.ProcessingEndTime,
    lastModified: answer.LastModifiedTime,
    failureReason: answer.FailureReason,
    exitMessage: answer.ExitMessage,
    instances: type ? [{ type, count: cluster?.SelectedInstanceCount ?? cluster?.InstanceCount ?? 1 }] : [],
    image: answer.AppSpecification?.ImageUri,
    trainingJobArn: answer.TrainingJobArn,
    detail: 'full',
  };
}

export function fromProcessingSummary(region: string, summary: ProcessingJobSummary): ProcessingJob {
  return {
    region,
    name: summary.ProcessingJobName ?? '',
    arn: summary.ProcessingJobArn ?? '',
    status: summary.ProcessingJobStatus ?? 'Unknown',
    created: summary.CreationTime ?? new Date(0),
    ended: summary.ProcessingEndTime,
    lastModified: summary.LastModifiedTime,
    failureReason: summary.FailureReason,
    exitMessage: summary.ExitMessage,
    instances: [],
    detail: 'summary',
  };
}

export function processingJobDuration(job: ProcessingJob, now = Date.now()): number {
  return jobDuration(job.created, job.ended, job.status, job.lastModified, now);
}

export interface DescribedListOptions<T> {
  readonly cache?: SettledCache<T>;
  readonly concurrency?: number;
}

/**
 * One page of processing jobs, newest first. Their summaries have no instance type and `Search`
 * does not cover processing jobs, so each job on the page is described (finished ones once).
 */
export async function listProcessingJobsPage(
  clients: AwsClients,
  region: string,
  request: PageRequest,
  options: DescribedListOptions<ProcessingJob> = {},
): Promise<ListPage<ProcessingJob>> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const page = await listThenDescribe<ProcessingJobSummary, ProcessingJob>(
    {
      region,
      request,
      list: async (NextToken) => {
        const answer = await client.send(new sagemaker.ListProcessingJobsCommand(newestFirstWithStatus<ProcessingJobStatus>(request, NextToken)), { abortSignal: request.signal });
        return { items: answer.ProcessingJobSummaries ?? [], nextToken: answer.NextToken };
      },
      nameOf: (summary) => summary.ProcessingJobName ?? '',
      statusOf: (summary) => summary.ProcessingJobStatus,
      describe: async (name) => toProcessingJob(region, await describeProcessingJob(clients, region, name, request.signal)),
      fromSummary: (summary) => fromProcessingSummary(region, summary),
      cache: options.cache,
      concurrency: options.concurrency,
      unknownWithoutDescribe: 'instance types',
    },
    listContinuation(request),
  );
  return { items: page.items, nextToken: listToken(page.nextToken), source: 'listAndDescribe', calls: page.calls, notes: page.notes };
}

export async function describeProcessingJob(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<DescribeProcessingJobResponse> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  return client.send(new sagemaker.DescribeProcessingJobCommand({ ProcessingJobName: name }), { abortSignal: signal });
}
