import type { AwsClients } from '../aws/clientFactory';
import { classifyAwsError, type ErrorKind } from '../aws/errors';
import { loadSdk } from '../aws/loadSdk';
import { collectPages } from '../aws/paging';
import { isCancellation } from '../util/cancellation';
import { silentLogger, type Logger } from '../util/logger';
import { listApps } from '../resources/apps';
import { EndpointConfigCache, type EndpointConfig } from '../resources/endpointConfigs';
import { describeEndpoint, toEndpoint } from '../resources/endpoints';
import { mapWithConcurrency } from '../resources/jobs';
import { toNotebookInstance } from '../resources/notebookInstances';
import { describeProcessingJob, toProcessingJob } from '../resources/processingJobs';
import { isSearchUnavailable, markSearchUnavailable, searchKnownUnavailable, searchPage, type SearchResource } from '../resources/search';
import { describeTrainingJob, toTrainingJob, type TrainingJob } from '../resources/trainingJobs';
import { describeTransformJob, toTransformJob } from '../resources/transformJobs';
import { fromTuningSummary } from '../resources/tuningJobs';
import {
  appResource,
  endpointResource,
  foldTuningJobs,
  notebookInstanceResource,
  processingJobResource,
  transformJobResource,
  type BillableResource,
} from './billable';
import { mapConcurrent } from './concurrency';

/** The parts of a region's scan; each fails (and is reported) on its own. */
export type ScanPart = 'apps' | 'notebookInstances' | 'endpoints' | 'trainingJobs' | 'processingJobs' | 'transformJobs';

/** Every part of a region's scan, in the order they are asked. */
export const scanParts: readonly ScanPart[] = ['apps', 'notebookInstances', 'endpoints', 'trainingJobs', 'processingJobs', 'transformJobs'];

export interface ScanProblem {
  readonly part?: ScanPart;
  readonly kind: ErrorKind;
  readonly code: string;
  readonly message: string;
}

export interface RegionScan {
  readonly region: string;
  readonly resources: readonly BillableResource[];
  /** Set when nothing in the region could be scanned (not enabled, denied, unreachable). */
  readonly skipped?: ScanProblem;
  /** Parts that failed while the rest of the region was scanned. */
  readonly problems: readonly ScanProblem[];
}

export interface ScanResult {
  readonly at: Date;
  readonly regions: readonly RegionScan[];
  readonly resources: readonly BillableResource[];
}

export interface BillableScannerOptions {
  readonly clients: AwsClients;
  /** Regions scanned at once. Each region is a handful of calls to its own endpoint. */
  readonly regionConcurrency?: number;
  /** Describe calls at once within a region, where List + Describe is needed. */
  readonly describeConcurrency?: number;
  /** How long a region found not enabled is skipped without asking again. */
  readonly notEnabledRecheckMs?: number;
  readonly now?: () => number;
  readonly log?: Logger;
}

/** Errors that say the region as a whole is out of reach, not that one call went wrong. */
const regionWideKinds = new Set<ErrorKind>([
  'regionNotEnabled',
  'accessDenied',
  'invalidCredentials',
  'expiredCredentials',
  'noCredentials',
  'ssoExpired',
  'unknownProfile',
  'network',
]);

const billableEndpointStatuses = ['InService', 'Updating', 'SystemUpdating', 'RollingBack'];

/**
 * Finds what bills by the hour, region by region, in as few calls as possible. Per region, in
 * parallel: one region-wide `ListApps`; `ListNotebookInstances` (InService); `Search` for
 * endpoints (InService or updating) and for training jobs (InProgress), which return whole
 * records a page at a time; `ListHyperParameterTuningJobs`, `ListProcessingJobs` and
 * `ListTransformJobs` (InProgress; a Describe only for each job found). That is seven calls for
 * a quiet region. Where `Search` is denied or missing, List + Describe stands in. Endpoint
 * configs never change and are described once. Regions run concurrently with a bound; one
 * that is not enabled or denies access is skipped and noted, not an error.
 */
export class BillableScanner {
  private readonly configs = new EndpointConfigCache();
  private readonly notEnabled = new Map<string, { until: number; problem: ScanProblem }>();
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly options: BillableScannerOptions) {
    this.log = options.log ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  async scan(regions: readonly string[], signal?: AbortSignal): Promise<ScanResult> {
    const scans = await mapConcurrent(regions, this.options.regionConcurrency ?? 20, (region) => this.scanRegion(region, signal));
    return { at: new Date(this.now()), regions: scans, resources: scans.flatMap((scan) => scan.resources) };
  }

  async scanRegion(region: string, signal?: AbortSignal): Promise<RegionScan> {
    const remembered = this.notEnabled.get(region);
    if (remembered && this.now() < remembered.until) return { region, resources: [], skipped: remembered.problem, problems: [] };
    const parts: Array<[ScanPart, () => Promise<BillableResource[]>]> = [
      ['apps', async () => (await listApps(this.options.clients, region, {}, signal)).flatMap((app) => appResource(app) ?? [])],
      ['notebookInstances', () => this.notebookInstances(region, signal)],
      ['endpoints', () => this.endpoints(region, signal)],
      ['trainingJobs', () => this.trainingAndTuningJobs(region, signal)],
      ['processingJobs', () => this.processingJobs(region, signal)],
      ['transformJobs', () => this.transformJobs(region, signal)],
    ];
    const outcomes = await Promise.all(
      parts.map(async ([part, run]) => {
        try {
          return { resources: await run() };
        } catch (error) {
          if (isCancellation(error)) throw error;
          const classified = classifyAwsError(error);
          return { problem: { part, kind: classified.kind, code: classified.code, message: classified.message } };
        }
      }),
    );
    const problems = outcomes.flatMap((outcome) => (outcome.problem ? [outcome.problem] : []));
    const first = problems[0];
    if (first && problems.length === parts.length && regionWideKinds.has(first.kind)) {
      const skipped: ScanProblem = { kind: first.kind, code: first.code, message: first.message };
      if (first.kind === 'regionNotEnabled') this.notEnabled.set(region, { until: this.now() + (this.options.notEnabledRecheckMs ?? 3_600_000), problem: skipped });
      this.log.debug(`cost scan: ${region} skipped (${first.code})`);
      return { region, resources: [], skipped, problems: [] };
    }
    for (const problem of problems) this.log.debug(`cost scan: ${region} ${problem.part ?? ''} failed (${problem.code}): ${problem.message}`);
    return { region, resources: outcomes.flatMap((outcome) => outcome.resources ?? []), problems };
  }

  /** Forgets cached configs and regions found not enabled (after a connection change). */
  reset(): void {
    this.configs.clear();
    this.notEnabled.clear();
  }

  private async notebookInstances(region: string, signal?: AbortSignal): Promise<BillableResource[]> {
    const { sagemaker } = await loadSdk();
    const client = await this.options.clients.sagemaker(region);
    const summaries = await collectPages(async (NextToken) => {
      const page = await client.send(new sagemaker.ListNotebookInstancesCommand({ NextToken, MaxResults: 100, StatusEquals: 'InService' }), { abortSignal: signal });
      return { items: page.NotebookInstances ?? [], nextToken: page.NextToken };
    }, { signal });
    return summaries.flatMap((summary) => notebookInstanceResource(toNotebookInstance(region, summary)) ?? []);
  }

  private async endpoints(region: string, signal?: AbortSignal): Promise<BillableResource[]> {
    const { clients } = this.options;
    const records: Array<Parameters<typeof toEndpoint>[1]> =
      (await this.searchAll(region, 'Endpoint', [{ Name: 'EndpointStatus', Operator: 'In', Value: billableEndpointStatuses.join(',') }], signal, (record) =>
        record.Endpoint ? [record.Endpoint] : [],
      )) ??
      (await (async () => {
        const { sagemaker } = await loadSdk();
        const client = await clients.sagemaker(region);
        const summaries = await collectPages(async (NextToken) => {
          const page = await client.send(new sagemaker.ListEndpointsCommand({ NextToken, MaxResults: 100 }), { abortSignal: signal });
          return { items: page.Endpoints ?? [], nextToken: page.NextToken };
        }, { signal });
        const billable = summaries.filter((summary) => billableEndpointStatuses.includes(summary.EndpointStatus ?? ''));
        return mapWithConcurrency(billable, this.describeConcurrency, (summary) => describeEndpoint(clients, region, summary.EndpointName ?? '', signal), signal);
      })());
    const resources = await mapWithConcurrency(
      records,
      this.describeConcurrency,
      async (record) => {
        let config: EndpointConfig | undefined;
        try {
          config = record.EndpointConfigName ? await this.configs.get(clients, region, record.EndpointConfigName, signal) : undefined;
        } catch (error) {
          // Without its config the endpoint is still listed, at a price unknown.
          if (isCancellation(error)) throw error;
        }
        return endpointResource(toEndpoint(region, record, config), config?.asyncInference ?? false);
      },
      signal,
    );
    return resources.flatMap((resource) => resource ?? []);
  }

  private async trainingAndTuningJobs(region: string, signal?: AbortSignal): Promise<BillableResource[]> {
    const { clients } = this.options;
    const { sagemaker } = await loadSdk();
    const client = await clients.sagemaker(region);
    const [training, tuners] = await Promise.all([
      (async (): Promise<TrainingJob[]> =>
        (await this.searchAll(region, 'TrainingJob', [{ Name: 'TrainingJobStatus', Operator: 'Equals', Value: 'InProgress' }], signal, (record) =>
          record.TrainingJob ? [toTrainingJob(region, record.TrainingJob)] : [],
        )) ??
        // ListTrainingJobs applies MaxResults before the status filter: pages can be short.
        this.listThenDescribeAll(
          async (NextToken) => {
            const page = await client.send(new sagemaker.ListTrainingJobsCommand({ NextToken, MaxResults: 100, StatusEquals: 'InProgress' }), { abortSignal: signal });
            return { items: (page.TrainingJobSummaries ?? []).map((summary) => summary.TrainingJobName ?? ''), nextToken: page.NextToken };
          },
          async (name) => toTrainingJob(region, await describeTrainingJob(clients, region, name, signal)),
          signal,
        ))(),
      collectPages(async (NextToken) => {
        const page = await client.send(new sagemaker.ListHyperParameterTuningJobsCommand({ NextToken, MaxResults: 100, StatusEquals: 'InProgress' }), {
          abortSignal: signal,
        });
        return { items: (page.HyperParameterTuningJobSummaries ?? []).map((summary) => fromTuningSummary(region, summary)), nextToken: page.NextToken };
      }, { signal }),
    ]);
    return foldTuningJobs(tuners, training);
  }

  private async processingJobs(region: string, signal?: AbortSignal): Promise<BillableResource[]> {
    const { clients } = this.options;
    const { sagemaker } = await loadSdk();
    const client = await clients.sagemaker(region);
    const jobs = await this.listThenDescribeAll(
      async (NextToken) => {
        const page = await client.send(new sagemaker.ListProcessingJobsCommand({ NextToken, MaxResults: 100, StatusEquals: 'InProgress' }), { abortSignal: signal });
        return { items: (page.ProcessingJobSummaries ?? []).map((summary) => summary.ProcessingJobName ?? ''), nextToken: page.NextToken };
      },
      async (name) => toProcessingJob(region, await describeProcessingJob(clients, region, name, signal)),
      signal,
    );
    return jobs.flatMap((job) => processingJobResource(job) ?? []);
  }

  private async transformJobs(region: string, signal?: AbortSignal): Promise<BillableResource[]> {
    const { clients } = this.options;
    const { sagemaker } = await loadSdk();
    const client = await clients.sagemaker(region);
    const jobs = await this.listThenDescribeAll(
      async (NextToken) => {
        const page = await client.send(new sagemaker.ListTransformJobsCommand({ NextToken, MaxResults: 100, StatusEquals: 'InProgress' }), { abortSignal: signal });
        return { items: (page.TransformJobSummaries ?? []).map((summary) => summary.TransformJobName ?? ''), nextToken: page.NextToken };
      },
      async (name) => toTransformJob(region, await describeTransformJob(clients, region, name, signal)),
      signal,
    );
    return jobs.flatMap((job) => transformJobResource(job) ?? []);
  }

  /** Every page of a List call (names), then one Describe per name, a few at a time. */
  private async listThenDescribeAll<T>(
    list: (token: string | undefined) => Promise<{ items: string[]; nextToken?: string }>,
    describe: (name: string) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T[]> {
    const names = (await collectPages(list, { signal })).filter((name) => name.length > 0);
    return mapWithConcurrency(names, this.describeConcurrency, describe, signal);
  }

  /**
   * Every page of a `Search`, or undefined when Search is denied or missing here (remembered
   * per connection and region, as the explorer does), so the caller lists and describes instead.
   */
  private async searchAll<T>(
    region: string,
    resource: SearchResource,
    filters: Parameters<typeof searchPage>[2]['filters'],
    signal: AbortSignal | undefined,
    pick: (record: Awaited<ReturnType<typeof searchPage>>['records'][number]) => T[],
  ): Promise<T[] | undefined> {
    const { clients } = this.options;
    if (searchKnownUnavailable(clients, region, resource)) return undefined;
    try {
      const records = await collectPages(async (nextToken) => {
        const page = await searchPage(clients, region, { resource, filters, maxResults: 100, nextToken, signal });
        return { items: page.records, nextToken: page.nextToken };
      }, { signal });
      return records.flatMap(pick);
    } catch (error) {
      if (!isSearchUnavailable(error)) throw error;
      markSearchUnavailable(clients, region, resource);
      this.log.debug(`cost scan: Search is unavailable in ${region} (${classifyAwsError(error).code}); listing and describing ${resource}s`);
      return undefined;
    }
  }

  private get describeConcurrency(): number {
    return this.options.describeConcurrency ?? 5;
  }
}
