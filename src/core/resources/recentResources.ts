import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';

/** A row of a "pick a recent resource" list: what a quick pick needs, nothing more. */
export interface RecentResource {
  readonly name: string;
  readonly status?: string;
  readonly created?: Date;
}

/** One List page is what a picker shows: the newest 100, as the console's first page does. */
const PICKER_PAGE = 100;

/** The newest training or tuning jobs of a region, optionally only completed ones (one List call). */
export async function listRecentJobs(
  clients: AwsClients,
  region: string,
  kind: 'trainingJob' | 'tuningJob',
  options: { completedOnly?: boolean; signal?: AbortSignal } = {},
): Promise<RecentResource[]> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const request = { MaxResults: PICKER_PAGE, SortBy: 'CreationTime' as const, SortOrder: 'Descending' as const, StatusEquals: options.completedOnly ? ('Completed' as const) : undefined };
  if (kind === 'trainingJob') {
    const page = await client.send(new sagemaker.ListTrainingJobsCommand(request), { abortSignal: options.signal });
    return (page.TrainingJobSummaries ?? []).map((job) => ({ name: job.TrainingJobName ?? '', status: job.TrainingJobStatus, created: job.CreationTime }));
  }
  const page = await client.send(new sagemaker.ListHyperParameterTuningJobsCommand(request), { abortSignal: options.signal });
  return (page.HyperParameterTuningJobSummaries ?? []).map((job) => ({
    name: job.HyperParameterTuningJobName ?? '',
    status: job.HyperParameterTuningJobStatus,
    created: job.CreationTime,
  }));
}

/** The newest endpoints of a region that serve now (InService), for "deploy to which endpoint?". */
export async function listInServiceEndpoints(clients: AwsClients, region: string, signal?: AbortSignal): Promise<RecentResource[]> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const page = await client.send(
    new sagemaker.ListEndpointsCommand({ MaxResults: PICKER_PAGE, SortBy: 'CreationTime', SortOrder: 'Descending', StatusEquals: 'InService' }),
    { abortSignal: signal },
  );
  return (page.Endpoints ?? []).map((endpoint) => ({ name: endpoint.EndpointName ?? '', status: endpoint.EndpointStatus, created: endpoint.CreationTime }));
}
