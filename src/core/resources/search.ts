import type { Filter, SearchRecord } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { classifyAwsError } from '../aws/errors';
import { loadSdk } from '../aws/loadSdk';
import type { Logger } from '../util/logger';
import { errorSummary, type ListFilter, type PageRequest } from './jobs';

/**
 * SageMaker's `Search` API: one call returns up to 100 full records (a TrainingJob with its
 * instance type, spot flag and billable time, which `ListTrainingJobs` summaries lack). Many IAM
 * policies do not allow `sagemaker:Search`; callers fall back to List + Describe when it is denied.
 */

export type SearchResource = 'TrainingJob' | 'HyperParameterTuningJob' | 'Endpoint';

export interface SearchPageRequest {
  readonly resource: SearchResource;
  readonly filters?: readonly Filter[];
  readonly sortBy?: string;
  readonly sortOrder?: 'Ascending' | 'Descending';
  readonly maxResults: number;
  readonly nextToken?: string;
  readonly signal?: AbortSignal;
}

export interface SearchPage {
  readonly records: SearchRecord[];
  readonly nextToken?: string;
}

/** The largest page `Search` returns. */
export const maxSearchResults = 100;

export async function searchPage(clients: AwsClients, region: string, request: SearchPageRequest): Promise<SearchPage> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const answer = await client.send(
    new sagemaker.SearchCommand({
      Resource: request.resource,
      SearchExpression: request.filters && request.filters.length > 0 ? { Filters: [...request.filters], Operator: 'And' } : undefined,
      SortBy: request.sortBy ?? 'CreationTime',
      SortOrder: request.sortOrder ?? 'Descending',
      MaxResults: Math.min(request.maxResults, maxSearchResults),
      NextToken: request.nextToken,
    }),
    { abortSignal: request.signal },
  );
  return { records: answer.Results ?? [], nextToken: answer.NextToken || undefined };
}

/**
 * Search filters for a list filter: the status must equal, the name must contain (the one
 * `Contains` a SearchExpression may hold for these resources).
 */
export function searchFilters(filter: ListFilter | undefined, statusProperty: string, nameProperty: string): Filter[] {
  const filters: Filter[] = [];
  if (filter?.status) filters.push({ Name: statusProperty, Operator: 'Equals', Value: filter.status });
  if (filter?.nameContains) filters.push({ Name: nameProperty, Operator: 'Contains', Value: filter.nameContains });
  return filters;
}

/** Whether a failed Search means "use the List APIs instead" (not allowed, or not offered by this endpoint). */
export function isSearchUnavailable(error: unknown): boolean {
  const classified = classifyAwsError(error);
  if (classified.kind === 'accessDenied') return true;
  return /^(UnknownOperationException|UnsupportedOperation|InvalidAction|NotImplemented)/.test(classified.code);
}

/**
 * Where Search was found unavailable, per set of clients (a new connection tries again) and
 * region, so every later page goes straight to the fallback instead of failing first.
 */
const unavailable = new WeakMap<AwsClients, Set<string>>();

export function searchKnownUnavailable(clients: AwsClients, region: string, resource: SearchResource): boolean {
  return unavailable.get(clients)?.has(`${region}/${resource}`) ?? false;
}

export function markSearchUnavailable(clients: AwsClients, region: string, resource: SearchResource): void {
  let set = unavailable.get(clients);
  if (!set) unavailable.set(clients, (set = new Set()));
  set.add(`${region}/${resource}`);
}

/**
 * Tokens say which API produced them, so a page fetched by Search is never continued with a List
 * call or the reverse (after Search turned out to be denied, say).
 */
export function searchToken(token: string | undefined): string | undefined {
  return token ? `s:${token}` : undefined;
}

export function listToken(token: string | undefined): string | undefined {
  return token ? `l:${token}` : undefined;
}

export function parseToken(token: string | undefined): { api: 'search' | 'list'; token: string } | undefined {
  if (!token) return undefined;
  if (token.startsWith('s:')) return { api: 'search', token: token.slice(2) };
  if (token.startsWith('l:')) return { api: 'list', token: token.slice(2) };
  return { api: 'list', token };
}

export interface SearchFirst {
  readonly resource: SearchResource;
  readonly statusProperty: string;
  readonly nameProperty: string;
  /** For the log when falling back: "listing endpoints with ListEndpoints and DescribeEndpoint". */
  readonly fallbackDescription: string;
  readonly log?: Logger;
}

/**
 * Fetches a page with `Search` when it may be used for this request; `page` is undefined when the
 * caller must list instead: a page of a listing already begun with List, Search known to be
 * unavailable here, or Search failing now as unavailable (remembered for the next pages).
 * `calls` counts the Search call, answered or not.
 */
export async function searchFirst(
  clients: AwsClients,
  region: string,
  request: PageRequest,
  options: SearchFirst,
): Promise<{ page?: SearchPage; calls: number }> {
  const token = parseToken(request.nextToken);
  if (token?.api === 'list' || searchKnownUnavailable(clients, region, options.resource)) return { calls: 0 };
  try {
    const page = await searchPage(clients, region, {
      resource: options.resource,
      filters: searchFilters(request.filter, options.statusProperty, options.nameProperty),
      maxResults: request.pageSize,
      nextToken: token?.token,
      signal: request.signal,
    });
    return { page: { records: page.records, nextToken: searchToken(page.nextToken) }, calls: 1 };
  } catch (error) {
    if (!isSearchUnavailable(error)) throw error;
    markSearchUnavailable(clients, region, options.resource);
    options.log?.info(`Search is unavailable in ${region} (${errorSummary(error)}); ${options.fallbackDescription}.`);
    return { calls: 1 };
  }
}

/** The List token to continue with, when the page being asked for was begun with a List call. */
export function listContinuation(request: PageRequest): string | undefined {
  const token = parseToken(request.nextToken);
  return token?.api === 'list' ? token.token : undefined;
}
