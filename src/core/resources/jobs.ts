import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { classifyAwsError } from '../aws/errors';
import { isCancellation, throwIfAborted } from '../util/cancellation';

/** The job kinds that run on instances until they finish or are stopped. */
export type JobKind = 'trainingJob' | 'tuningJob' | 'processingJob' | 'transformJob';

export const jobKinds: readonly JobKind[] = ['trainingJob', 'tuningJob', 'processingJob', 'transformJob'];

/** "training job", "hyperparameter tuning job"...: for confirmations and messages. */
export const jobKindNoun: Record<JobKind, string> = {
  trainingJob: 'training job',
  tuningJob: 'hyperparameter tuning job',
  processingJob: 'processing job',
  transformJob: 'batch transform job',
};

/** The statuses each kind can be filtered by (the List APIs' `StatusEquals` values). */
export const jobStatuses: Record<JobKind, readonly string[]> = {
  trainingJob: ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'],
  tuningJob: ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped', 'Deleting', 'DeleteFailed'],
  processingJob: ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'],
  transformJob: ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'],
};

const terminalStatuses = new Set(['Completed', 'Failed', 'Stopped', 'DeleteFailed']);

/** Whether a job has settled for good (its Describe output no longer changes). */
export function isTerminalJobStatus(status: string | undefined): boolean {
  return status !== undefined && terminalStatuses.has(status);
}

/** Stops a running job; SageMaker moves it to Stopping, then Stopped (a tuning job stops its training jobs). */
export async function stopJob(clients: AwsClients, kind: JobKind, region: string, name: string, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const options = { abortSignal: signal };
  switch (kind) {
    case 'trainingJob':
      await client.send(new sagemaker.StopTrainingJobCommand({ TrainingJobName: name }), options);
      return;
    case 'tuningJob':
      await client.send(new sagemaker.StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }), options);
      return;
    case 'processingJob':
      await client.send(new sagemaker.StopProcessingJobCommand({ ProcessingJobName: name }), options);
      return;
    case 'transformJob':
      await client.send(new sagemaker.StopTransformJobCommand({ TransformJobName: name }), options);
      return;
  }
}

/** The current status of one job (one Describe call), e.g. to know when to stop following its log. */
export async function jobStatus(clients: AwsClients, kind: JobKind, region: string, name: string, signal?: AbortSignal): Promise<string | undefined> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const options = { abortSignal: signal };
  switch (kind) {
    case 'trainingJob':
      return (await client.send(new sagemaker.DescribeTrainingJobCommand({ TrainingJobName: name }), options)).TrainingJobStatus;
    case 'tuningJob':
      return (await client.send(new sagemaker.DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }), options))
        .HyperParameterTuningJobStatus;
    case 'processingJob':
      return (await client.send(new sagemaker.DescribeProcessingJobCommand({ ProcessingJobName: name }), options)).ProcessingJobStatus;
    case 'transformJob':
      return (await client.send(new sagemaker.DescribeTransformJobCommand({ TransformJobName: name }), options)).TransformJobStatus;
  }
}

// ------------------------------------------------------------------ listing pieces shared by every list

/** What a user narrowed a list to: one status and/or a part of the name. */
export interface ListFilter {
  readonly status?: string;
  readonly nameContains?: string;
}

export function isFiltered(filter: ListFilter | undefined): boolean {
  return Boolean(filter?.status || filter?.nameContains);
}

export interface PageRequest {
  /** The token of the page to fetch; undefined for the first page. */
  readonly nextToken?: string;
  readonly pageSize: number;
  readonly filter?: ListFilter;
  readonly signal?: AbortSignal;
}

/** The input every List call of the explorer sends: newest first, one page, the name filter. */
export function newestFirst(request: PageRequest, nextToken: string | undefined) {
  return {
    SortBy: 'CreationTime' as const,
    SortOrder: 'Descending' as const,
    MaxResults: Math.min(request.pageSize, 100),
    NextToken: nextToken,
    NameContains: request.filter?.nameContains || undefined,
  };
}

/** The same, with the status filter, for resources that have one (the enum is each operation's own). */
export function newestFirstWithStatus<Status extends string>(request: PageRequest, nextToken: string | undefined) {
  return { ...newestFirst(request, nextToken), StatusEquals: request.filter?.status as Status | undefined };
}

/** How a page was put together, for tooltips and the log ("sagemaker:Search is denied: listed instead"). */
export type ListSource = 'search' | 'list' | 'listAndDescribe';

export interface ListPage<T> {
  readonly items: T[];
  readonly nextToken?: string;
  readonly source: ListSource;
  /** AWS calls made for this page (benchmarks report them). */
  readonly calls: number;
  /** Things a user should know about this page (a denied Search, describes that failed...). */
  readonly notes: readonly string[];
}

/**
 * Runs `work` over `items` with at most `concurrency` calls in flight, keeping the input order.
 * Used to describe the jobs of one visible page without flooding the API (and its throttling).
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      throwIfAborted(signal);
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, concurrency), items.length) }, worker));
  return results;
}

/**
 * Remembers Describe answers of things that no longer change (finished jobs, endpoint configs),
 * so paging and refreshing describe each of them once. Bounded: the oldest entries go first.
 */
export class SettledCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity = 5_000) {}

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Fetches pages until one has an item or there are no more (bounded). `ListTrainingJobs` and its
 * kin apply `MaxResults` before `StatusEquals`, so a filtered page can come back empty while
 * `NextToken` is still set; showing an empty page with "Load more" would only puzzle people.
 */
export async function firstNonEmptyPage<S>(
  fetch: (token: string | undefined) => Promise<{ items: S[]; nextToken?: string }>,
  token: string | undefined,
  signal?: AbortSignal,
  maxCalls = 10,
): Promise<{ items: S[]; nextToken?: string; calls: number }> {
  let calls = 0;
  let page: { items: S[]; nextToken?: string };
  do {
    throwIfAborted(signal);
    page = await fetch(token);
    calls++;
    token = page.nextToken || undefined;
  } while (page.items.length === 0 && token && calls < maxCalls);
  return { items: page.items, nextToken: token, calls };
}

/** "AccessDeniedException: User ... is not authorized": for logs and notes (already redacted). */
export function errorSummary(error: unknown): string {
  const classified = classifyAwsError(error);
  return `${classified.code}: ${classified.message}`;
}

/** Rethrows a user's cancel; anything else is the caller's to handle. */
export function rethrowIfCancelled(error: unknown): void {
  if (isCancellation(error)) throw error;
}

export interface ListThenDescribe<S, T extends { readonly status: string }> {
  readonly region: string;
  readonly request: PageRequest;
  /** One List call; the token is the API's own. */
  list(token: string | undefined): Promise<{ items: S[]; nextToken?: string }>;
  nameOf(summary: S): string;
  statusOf(summary: S): string | undefined;
  describe(name: string): Promise<T>;
  /** What is shown when a describe fails: the summary alone. */
  fromSummary(summary: S): T;
  readonly cache?: SettledCache<T>;
  readonly concurrency?: number;
  /** "instance type and cost": what a failed describe leaves unknown, for the note. */
  readonly unknownWithoutDescribe: string;
}

/**
 * The List + Describe way of building a page: one List call (more if a filtered page comes back
 * empty), then one Describe per item on the page, a few at a time. Describe answers of settled
 * items are cached, so paging and refreshing describe each finished job once. A failed describe
 * leaves that item with its summary, and a note says so.
 */
export async function listThenDescribe<S, T extends { readonly status: string }>(
  spec: ListThenDescribe<S, T>,
  listApiToken: string | undefined,
): Promise<{ items: T[]; nextToken?: string; calls: number; notes: string[] }> {
  const { signal } = spec.request;
  const listed = await firstNonEmptyPage((token) => spec.list(token), listApiToken, signal);
  let calls = listed.calls;
  let failed = 0;
  let lastFailure = '';
  const items = await mapWithConcurrency(
    listed.items,
    spec.concurrency ?? 4,
    async (summary) => {
      const name = spec.nameOf(summary);
      const key = `${spec.region}/${name}`;
      const cached = spec.cache?.get(key);
      if (cached && cached.status === spec.statusOf(summary)) return cached;
      try {
        calls++;
        const item = await spec.describe(name);
        if (isTerminalJobStatus(item.status)) spec.cache?.set(key, item);
        return item;
      } catch (error) {
        rethrowIfCancelled(error);
        failed++;
        lastFailure = errorSummary(error);
        return spec.fromSummary(summary);
      }
    },
    signal,
  );
  const notes = failed > 0 ? [`Could not describe ${failed} of these (${lastFailure}): their ${spec.unknownWithoutDescribe} are unknown.`] : [];
  return { items, nextToken: listed.nextToken, calls, notes };
}

/** Wall-clock time from creation to the end, or to now while the job runs. */
export function jobDuration(created: Date, ended: Date | undefined, status: string, lastModified?: Date, now = Date.now()): number {
  const end = ended ?? (isTerminalJobStatus(status) ? lastModified : undefined);
  return (end?.getTime() ?? now) - created.getTime();
}
