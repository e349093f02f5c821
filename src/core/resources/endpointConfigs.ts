import type { DescribeEndpointConfigOutput, EndpointConfigSummary, ProductionVariant } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { errorSummary, mapWithConcurrency, newestFirst, rethrowIfCancelled, type ListPage, type PageRequest } from './jobs';
import { listToken, parseToken } from './search';

export interface ServerlessConfig {
  readonly memoryMb: number;
  readonly maxConcurrency: number;
  readonly provisionedConcurrency?: number;
}

/** One production variant as an endpoint config defines it. */
export interface ConfigVariant {
  readonly name: string;
  readonly modelName?: string;
  readonly instanceType?: string;
  readonly initialCount?: number;
  readonly serverless?: ServerlessConfig;
  readonly weight?: number;
}

export interface EndpointConfig {
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly created: Date;
  /** Undefined when the config could not be described. */
  readonly variants?: readonly ConfigVariant[];
  readonly asyncInference?: boolean;
}

export function toConfigVariant(variant: ProductionVariant): ConfigVariant {
  const serverless = variant.ServerlessConfig;
  return {
    name: variant.VariantName ?? '',
    modelName: variant.ModelName,
    instanceType: variant.InstanceType,
    initialCount: variant.InitialInstanceCount,
    serverless: serverless?.MemorySizeInMB
      ? { memoryMb: serverless.MemorySizeInMB, maxConcurrency: serverless.MaxConcurrency ?? 1, provisionedConcurrency: serverless.ProvisionedConcurrency }
      : undefined,
    weight: variant.InitialVariantWeight,
  };
}

export function toEndpointConfig(region: string, answer: DescribeEndpointConfigOutput): EndpointConfig {
  return {
    region,
    name: answer.EndpointConfigName ?? '',
    arn: answer.EndpointConfigArn ?? '',
    created: answer.CreationTime ?? new Date(0),
    variants: (answer.ProductionVariants ?? []).map(toConfigVariant),
    asyncInference: answer.AsyncInferenceConfig !== undefined,
  };
}

/**
 * Endpoint configs never change once created, so each is described once per name and region
 * (for the endpoints that use it and for the config list). A failed describe is not kept.
 */
export class EndpointConfigCache {
  private readonly entries = new Map<string, Promise<EndpointConfig>>();
  /** Describe calls made (benchmarks and tests read it). */
  calls = 0;

  constructor(private readonly capacity = 2_000) {}

  get(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<EndpointConfig> {
    const key = `${region}/${name}`;
    let pending = this.entries.get(key);
    if (!pending) {
      this.calls++;
      pending = describeEndpointConfig(clients, region, name, signal).then((answer) => toEndpointConfig(region, answer));
      this.entries.set(key, pending);
      pending.catch(() => this.entries.delete(key));
      while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    }
    return pending;
  }

  /** A config was deleted (and a new one may take its name). */
  forget(region: string, name: string): void {
    this.entries.delete(`${region}/${name}`);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** One page of endpoint configs, newest first, each described through the cache. */
export async function listEndpointConfigsPage(
  clients: AwsClients,
  region: string,
  request: PageRequest,
  cache: EndpointConfigCache,
): Promise<ListPage<EndpointConfig>> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const answer = await client.send(new sagemaker.ListEndpointConfigsCommand(newestFirst(request, parseToken(request.nextToken)?.token)), { abortSignal: request.signal });
  const before = cache.calls;
  let failed = 0;
  let lastFailure = '';
  const items = await mapWithConcurrency(
    answer.EndpointConfigs ?? [],
    4,
    async (summary: EndpointConfigSummary): Promise<EndpointConfig> => {
      try {
        return await cache.get(clients, region, summary.EndpointConfigName ?? '', request.signal);
      } catch (error) {
        rethrowIfCancelled(error);
        failed++;
        lastFailure = errorSummary(error);
        return { region, name: summary.EndpointConfigName ?? '', arn: summary.EndpointConfigArn ?? '', created: summary.CreationTime ?? new Date(0) };
      }
    },
    request.signal,
  );
  const notes = failed > 0 ? [`Could not describe ${failed} of these configs (${lastFailure}): their variants are unknown.`] : [];
  return { items, nextToken: listToken(answer.NextToken), source: 'listAndDescribe', calls: 1 + cache.calls - before, notes };
}

export async function describeEndpointConfig(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<DescribeEndpointConfigOutput> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  return client.send(new sagemaker.DescribeEndpointConfigCommand({ EndpointConfigName: name }), { abortSignal: signal });
}

/** Deletes an endpoint config (endpoints already using it keep running). */
export async function deleteEndpointConfig(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  await client.send(new sagemaker.DeleteEndpointConfigCommand({ EndpointConfigName: name }), { abortSignal: signal });
}
