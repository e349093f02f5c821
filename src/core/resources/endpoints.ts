import type { DescribeEndpointOutput, Endpoint as SearchEndpoint, EndpointStatus, EndpointSummary, ProductionVariantSummary } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import type { PriceCatalog } from '../cost/priceCatalog';
import { formatQuote } from '../cost/priceCatalog';
import type { Logger } from '../util/logger';
import type { ConfigVariant, EndpointConfig, EndpointConfigCache, ServerlessConfig } from './endpointConfigs';
import { errorSummary, listThenDescribe, mapWithConcurrency, newestFirstWithStatus, rethrowIfCancelled, type ListPage, type PageRequest } from './jobs';
import { listContinuation, listToken, searchFirst } from './search';

/** One production variant of a running endpoint: counts from the endpoint, types from its config. */
export interface EndpointVariant {
  readonly name: string;
  readonly modelName?: string;
  readonly instanceType?: string;
  readonly currentCount?: number;
  readonly desiredCount?: number;
  readonly serverless?: ServerlessConfig;
  readonly weight?: number;
}

/** An endpoint as the explorer shows it. */
export interface Endpoint {
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly configName?: string;
  readonly created: Date;
  readonly lastModified?: Date;
  readonly failureReason?: string;
  readonly variants: readonly EndpointVariant[];
  /** `summary`: only ListEndpoints' answer (no variants). */
  readonly detail: 'full' | 'summary';
}

type EndpointRecord = SearchEndpoint | DescribeEndpointOutput;

/** Joins an endpoint's live variants (counts) with its config's (instance types, models). */
export function toEndpoint(region: string, record: EndpointRecord, config: EndpointConfig | undefined): Endpoint {
  const configured = new Map((config?.variants ?? []).map((variant) => [variant.name, variant]));
  const live = record.ProductionVariants ?? [];
  const variants: EndpointVariant[] =
    live.length > 0
      ? live.map((variant) => joinVariant(variant, configured.get(variant.VariantName ?? '')))
      : // While Creating, the endpoint lists no variants yet: show what the config asks for.
        [...configured.values()].map((variant) => ({
          name: variant.name,
          modelName: variant.modelName,
          instanceType: variant.instanceType,
          desiredCount: variant.initialCount,
          serverless: variant.serverless,
          weight: variant.weight,
        }));
  return {
    region,
    name: record.EndpointName ?? '',
    arn: record.EndpointArn ?? '',
    status: record.EndpointStatus ?? 'Unknown',
    configName: record.EndpointConfigName,
    created: record.CreationTime ?? new Date(0),
    lastModified: record.LastModifiedTime,
    failureReason: record.FailureReason,
    variants,
    detail: 'full',
  };
}

function joinVariant(live: ProductionVariantSummary, configured: ConfigVariant | undefined): EndpointVariant {
  const serverless = live.CurrentServerlessConfig ?? live.DesiredServerlessConfig;
  return {
    name: live.VariantName ?? '',
    modelName: configured?.modelName,
    instanceType: configured?.instanceType,
    currentCount: live.CurrentInstanceCount,
    desiredCount: live.DesiredInstanceCount,
    serverless: serverless?.MemorySizeInMB
      ? { memoryMb: serverless.MemorySizeInMB, maxConcurrency: serverless.MaxConcurrency ?? 1, provisionedConcurrency: serverless.ProvisionedConcurrency }
      : configured?.serverless,
    weight: live.CurrentWeight ?? configured?.weight,
  };
}

export function fromEndpointSummary(region: string, summary: EndpointSummary): Endpoint {
  return {
    region,
    name: summary.EndpointName ?? '',
    arn: summary.EndpointArn ?? '',
    status: summary.EndpointStatus ?? 'Unknown',
    created: summary.CreationTime ?? new Date(0),
    lastModified: summary.LastModifiedTime,
    variants: [],
    detail: 'summary',
  };
}

export interface EndpointListOptions {
  readonly configs: EndpointConfigCache;
  readonly concurrency?: number;
  readonly log?: Logger;
}

/**
 * One page of endpoints, newest first: Search (full records) or ListEndpoints + DescribeEndpoint,
 * then each endpoint's config through the cache for instance types and model names.
 */
export async function listEndpointsPage(clients: AwsClients, region: string, request: PageRequest, options: EndpointListOptions): Promise<ListPage<Endpoint>> {
  const search = await searchFirst(clients, region, request, {
    resource: 'Endpoint',
    statusProperty: 'EndpointStatus',
    nameProperty: 'EndpointName',
    fallbackDescription: 'listing endpoints with ListEndpoints and DescribeEndpoint',
    log: options.log,
  });
  let calls = search.calls;
  let records = search.page?.records.flatMap((record): Array<{ record?: EndpointRecord; summary?: EndpointSummary }> => (record.Endpoint ? [{ record: record.Endpoint }] : []));
  let nextToken = search.page?.nextToken;
  let source: ListPage<Endpoint>['source'] = 'search';
  const notes: string[] = [];
  if (!records) {
    source = 'listAndDescribe';
    notes.push('sagemaker:Search is not allowed for this identity: endpoints are listed, then described one by one.');
    const { sagemaker } = await loadSdk();
    const client = await clients.sagemaker(region);
    const page = await listThenDescribe<EndpointSummary, { status: string; record?: EndpointRecord; summary?: EndpointSummary }>(
      {
        region,
        request,
        list: async (NextToken) => {
          const answer = await client.send(new sagemaker.ListEndpointsCommand(newestFirstWithStatus<EndpointStatus>(request, NextToken)), { abortSignal: request.signal });
          return { items: answer.Endpoints ?? [], nextToken: answer.NextToken };
        },
        nameOf: (summary) => summary.EndpointName ?? '',
        statusOf: (summary) => summary.EndpointStatus,
        describe: async (name) => {
          const record = await describeEndpoint(clients, region, name, request.signal);
          return { status: record.EndpointStatus ?? 'Unknown', record };
        },
        fromSummary: (summary) => ({ status: summary.EndpointStatus ?? 'Unknown', summary }),
        concurrency: options.concurrency,
        unknownWithoutDescribe: 'variants and prices',
      },
      listContinuation(request),
    );
    calls += page.calls;
    notes.push(...page.notes);
    records = page.items;
    nextToken = listToken(page.nextToken);
  }

  const describedBefore = options.configs.calls;
  let configFailures = 0;
  let lastFailure = '';
  const items = await mapWithConcurrency(
    records,
    options.concurrency ?? 4,
    async ({ record, summary }): Promise<Endpoint> => {
      if (!record) return fromEndpointSummary(region, summary!);
      let config: EndpointConfig | undefined;
      if (record.EndpointConfigName) {
        try {
          config = await options.configs.get(clients, region, record.EndpointConfigName, request.signal);
        } catch (error) {
          rethrowIfCancelled(error);
          configFailures++;
          lastFailure = errorSummary(error);
        }
      }
      return toEndpoint(region, record, config);
    },
    request.signal,
  );
  if (configFailures > 0) notes.push(`Could not describe the configs of ${configFailures} endpoints (${lastFailure}): their instance types and prices are unknown.`);
  return { items, nextToken, source, calls: calls + options.configs.calls - describedBefore, notes };
}

export async function describeEndpoint(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<DescribeEndpointOutput> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  return client.send(new sagemaker.DescribeEndpointCommand({ EndpointName: name }), { abortSignal: signal });
}

/** Deletes an endpoint (its instances stop billing); its config and model are left alone. */
export async function deleteEndpoint(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  await client.send(new sagemaker.DeleteEndpointCommand({ EndpointName: name }), { abortSignal: signal });
}

// ------------------------------------------------------------------ prices

export interface HourlyCost {
  /** Instance-backed variants only; undefined when a rate or a count is unknown. */
  readonly usdPerHour?: number;
  readonly rate?: string;
  readonly estimate: boolean;
  /** Serverless variants bill per request and per GB-second, not by the hour. */
  readonly serverless: boolean;
}

/** What the endpoint's instances cost per hour now: current count × the hosting rate, per variant. */
export function endpointHourlyCost(endpoint: Endpoint, prices: PriceCatalog): HourlyCost {
  let usd = 0;
  let known = true;
  let estimate = false;
  let instances = 0;
  const rates: string[] = [];
  for (const variant of endpoint.variants) {
    if (variant.serverless && !variant.instanceType) continue;
    const count = variant.currentCount ?? variant.desiredCount;
    if (!variant.instanceType || count === undefined) {
      known = false;
      continue;
    }
    instances++;
    const quote = prices.quote({ region: endpoint.region, instanceType: variant.instanceType, use: 'hosting' });
    if (!quote) {
      known = false;
      continue;
    }
    usd += count * quote.usdPerHour;
    estimate ||= quote.source === 'estimate';
    rates.push(formatQuote(quote));
  }
  const serverless = endpoint.variants.some((variant) => variant.serverless && !variant.instanceType);
  if (!known || instances === 0) return { estimate, serverless };
  return { usdPerHour: usd, rate: [...new Set(rates)].join(' + '), estimate, serverless };
}

// ------------------------------------------------------------------ invoking

export interface InvokeRequest {
  readonly region: string;
  readonly name: string;
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly accept?: string;
  readonly targetVariant?: string;
}

export interface InvokeResult {
  readonly body: Uint8Array;
  readonly contentType?: string;
  readonly invokedVariant?: string;
  /** From sending the request to the whole answer (network included). */
  readonly latencyMs: number;
}

/** Sends one request to an endpoint (SageMaker Runtime InvokeEndpoint) and times the round trip. */
export async function invokeEndpoint(clients: AwsClients, request: InvokeRequest, signal?: AbortSignal): Promise<InvokeResult> {
  const { runtime } = await loadSdk();
  const client = await clients.runtime(request.region);
  const started = performance.now();
  const answer = await client.send(
    new runtime.InvokeEndpointCommand({
      EndpointName: request.name,
      Body: request.body,
      ContentType: request.contentType,
      Accept: request.accept,
      TargetVariant: request.targetVariant,
    }),
    { abortSignal: signal },
  );
  const latencyMs = performance.now() - started;
  return { body: answer.Body ?? new Uint8Array(), contentType: answer.ContentType, invokedVariant: answer.InvokedProductionVariant, latencyMs };
}
