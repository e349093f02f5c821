import type { TransformJobStatus, DescribeTransformJobResponse, TransformJobSummary } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { jobDuration, listThenDescribe, newestFirstWithStatus, type ListPage, type PageRequest } from './jobs';
import type { DescribedListOptions } from './processingJobs';
import { listContinuation, listToken } from './search';
import type { InstanceAllocation } from './trainingJobs';

/** A batch transform job as the explorer shows it. */
export interface TransformJob {
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly created: Date;
  readonly started?: Date;
  readonly ended?: Date;
  readonly lastModified?: Date;
  readonly failureReason?: string;
  /** Empty when unknown (the job could not be described). */
  readonly instances: readonly InstanceAllocation[];
  readonly modelName?: string;
  readonly input?: string;
  readonly output?: string;
  readonly detail: 'full' | 'summary';
}

export function toTransformJob(region: string, answer: DescribeTransformJobResponse): TransformJob {
  const resources = answer.TransformResources;
  return {
    region,
    name: answer.TransformJobName ?? '',
    arn: answer.TransformJobArn ?? '',
    status: answer.TransformJobStatus ?? 'Unknown',
    created: answer.CreationTime ?? new Date(0),
    started: answer.TransformStartTime,
    ended: answer.TransformEndTime,
    failureReason: answer.FailureReason,
    instances: resources?.InstanceType ? [{ type: resources.InstanceType, count: resources.InstanceCount ?? 1 }] : [],
    modelName: answer.ModelName,
    input: answer.TransformInput?.DataSource?.S3DataSource?.S3Uri,
    output: answer.TransformOutput?.S3OutputPath,
    detail: 'full',
  };
}

export function fromTransformSummary(region: string, summary: TransformJobSummary): TransformJob {
  return {
    region,
    name: summary.TransformJobName ?? '',
    arn: summary.TransformJobArn ?? '',
    status: summary.TransformJobStatus ?? 'Unknown',
    created: summary.CreationTime ?? new Date(0),
    ended: summary.TransformEndTime,
    lastModified: summary.LastModifiedTime,
    failureReason: summary.FailureReason,
    instances: [],
    detail: 'summary',
  };
}

export function transformJobDuration(job: TransformJob, now = Date.now()): number {
  return jobDuration(job.created, job.ended, job.status, job.lastModified, now);
}

/** One page of batch transform jobs, newest first; each described (summaries lack the instance type). */
export async function listTransformJobsPage(
  clients: AwsClients,
  region: string,
  request: PageRequest,
  options: DescribedListOptions<TransformJob> = {},
): Promise<ListPage<TransformJob>> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const page = await listThenDescribe<TransformJobSummary, TransformJob>(
    {
      region,
      request,
      list: async (NextToken) => {
        const answer = await client.send(new sagemaker.ListTransformJobsCommand(newestFirstWithStatus<TransformJobStatus>(request, NextToken)), { abortSignal: request.signal });
        return { items: answer.TransformJobSummaries ?? [], nextToken: answer.NextToken };
      },
      nameOf: (summary) => summary.TransformJobName ?? '',
      statusOf: (summary) => summary.TransformJobStatus,
      describe: async (name) => toTransformJob(region, await describeTransformJob(clients, region, name, request.signal)),
      fromSummary: (summary) => fromTransformSummary(region, summary),
      cache: options.cache,
      concurrency: options.concurrency,
      unknownWithoutDescribe: 'instance types',
    },
    listContinuation(request),
  );
  return { items: page.items, nextToken: listToken(page.nextToken), source: 'listAndDescribe', calls: page.calls, notes: page.notes };
}

export async function describeTransformJob(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<DescribeTransformJobResponse> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  return client.send(new sagemaker.DescribeTransformJobCommand({ TransformJobName: name }), { abortSignal: signal });
}
