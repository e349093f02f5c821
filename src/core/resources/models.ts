import type { DescribeModelOutput, ModelSummary } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { newestFirst, type ListPage, type PageRequest } from './jobs';
import { listToken, parseToken } from './search';

/** A SageMaker model (an image plus model artifacts, deployable to endpoints and transform jobs). */
export interface Model {
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly created: Date;
}

export function toModel(region: string, summary: ModelSummary | DescribeModelOutput): Model {
  return { region, name: summary.ModelName ?? '', arn: summary.ModelArn ?? '', created: summary.CreationTime ?? new Date(0) };
}

/** One page of models, newest first (models have no status: the summary is all the list needs). */
export async function listModelsPage(clients: AwsClients, region: string, request: PageRequest): Promise<ListPage<Model>> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const answer = await client.send(new sagemaker.ListModelsCommand(newestFirst(request, parseToken(request.nextToken)?.token)), { abortSignal: request.signal });
  return {
    items: (answer.Models ?? []).map((summary) => toModel(region, summary)),
    nextToken: listToken(answer.NextToken),
    source: 'list',
    calls: 1,
    notes: [],
  };
}

export async function describeModel(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<DescribeModelOutput> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  return client.send(new sagemaker.DescribeModelCommand({ ModelName: name }), { abortSignal: signal });
}

/** Where the model's artifacts are: the primary (or first) container's model data in S3. */
export function modelArtifactUri(model: DescribeModelOutput): string | undefined {
  const containers = [model.PrimaryContainer, ...(model.Containers ?? [])];
  for (const container of containers) {
    const uri = container?.ModelDataUrl ?? container?.ModelDataSource?.S3DataSource?.S3Uri;
    if (uri) return uri;
  }
  return undefined;
}

/** Deletes a model (endpoints already running it keep running; new deployments cannot use it). */
export async function deleteModel(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  await client.send(new sagemaker.DeleteModelCommand({ ModelName: name }), { abortSignal: signal });
}
