import type { DescribeNotebookInstanceOutput, NotebookInstanceSummary } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { collectPages } from '../aws/paging';
import type { Timers } from '../util/timers';
import { waitUntil } from '../util/waitUntil';

/** A notebook instance as the explorer shows it (all from ListNotebookInstances: no Describe per row). */
export interface NotebookInstance {
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly instanceType?: string;
  readonly lifecycleConfig?: string;
  readonly created?: Date;
  readonly lastModified?: Date;
}

export function toNotebookInstance(region: string, summary: NotebookInstanceSummary): NotebookInstance {
  return {
    region,
    name: summary.NotebookInstanceName ?? '',
    arn: summary.NotebookInstanceArn ?? '',
    status: summary.NotebookInstanceStatus ?? 'Unknown',
    instanceType: summary.InstanceType,
    lifecycleConfig: summary.NotebookInstanceLifecycleConfigName || undefined,
    created: summary.CreationTime,
    lastModified: summary.LastModifiedTime,
  };
}

/** Every notebook instance in `region` (one ListNotebookInstances call per page), by name. */
export async function listNotebookInstances(clients: AwsClients, region: string, signal?: AbortSignal): Promise<NotebookInstance[]> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const summaries = await collectPages(
    async (NextToken) => {
      const page = await client.send(
        new sagemaker.ListNotebookInstancesCommand({ NextToken, MaxResults: 100, SortBy: 'Name', SortOrder: 'Ascending' }),
        { abortSignal: signal },
      );
      return { items: page.NotebookInstances ?? [], nextToken: page.NextToken };
    },
    { signal },
  );
  return summaries.map((summary) => toNotebookInstance(region, summary)).sort((a, b) => a.name.localeCompare(b.name));
}

export async function describeNotebookInstance(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<DescribeNotebookInstanceOutput> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  return client.send(new sagemaker.DescribeNotebookInstanceCommand({ NotebookInstanceName: name }), { abortSignal: signal });
}

export async function stopNotebookInstance(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  await client.send(new sagemaker.StopNotebookInstanceCommand({ NotebookInstanceName: name }), { abortSignal: signal });
}

export async function startNotebookInstance(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  await client.send(new sagemaker.StartNotebookInstanceCommand({ NotebookInstanceName: name }), { abortSignal: signal });
}

export async function deleteNotebookInstance(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  await client.send(new sagemaker.DeleteNotebookInstanceCommand({ NotebookInstanceName: name }), { abortSignal: signal });
}

/** What each notebook-instance action requires (SageMaker refuses the action in any other status). */
export const notebookActionStatuses = {
  stop: ['InService'],
  start: ['Stopped', 'Failed'],
  delete: ['Stopped', 'Failed'],
  open: ['InService'],
} as const satisfies Record<string, readonly string[]>;

/** Thrown when a notebook instance settles in a status other than the one waited for. */
export class UnexpectedNotebookStatusError extends Error {
  override readonly name = 'UnexpectedNotebookStatusError';
  constructor(
    readonly notebookInstance: string,
    readonly status: string,
    readonly expected: string,
    readonly failureReason?: string,
  ) {
    super(`Notebook instance ${notebookInstance} became ${status} instead of ${expected}${failureReason ? `: ${failureReason}` : ''}.`);
  }
}

export interface WaitOptions {
  readonly signal?: AbortSignal;
  /** Delays between DescribeNotebookInstance calls; the last one repeats. */
  readonly delaysMs?: readonly number[];
  readonly onStatus?: (status: string) => void;
  readonly timers?: Timers;
}

/** Polls until the instance reaches `target` (Stopping -> Stopped takes a minute or two); fails on Failed. */
export async function waitForNotebookInstanceStatus(
  clients: AwsClients,
  region: string,
  name: string,
  target: string,
  options: WaitOptions = {},
): Promise<void> {
  await waitUntil({
    probe: (signal) => describeNotebookInstance(clients, region, name, signal),
    reached: (description) => description.NotebookInstanceStatus === target,
    failed: (description) =>
      description.NotebookInstanceStatus === 'Failed' ? new UnexpectedNotebookStatusError(name, 'Failed', target, description.FailureReason) : undefined,
    onAnswer: (description) => options.onStatus?.(description.NotebookInstanceStatus ?? 'Unknown'),
    delaysMs: options.delaysMs ?? [2_000, 3_000, 5_000, 5_000, 10_000],
    signal: options.signal,
    timers: options.timers,
  });
}
