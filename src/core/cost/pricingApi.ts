import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { collectPages } from '../aws/paging';
import { parseOfferProduct } from './offerFile';

export const sageMakerServiceCode = 'AmazonSageMaker';

/** Which offer-file attributes name the region, the instance type and the use. */
export interface OfferSchema {
  readonly regionAttribute: string;
  readonly instanceAttribute: string;
  readonly useAttribute: string;
  /** The values the use attribute takes, as `GetAttributeValues` reported them. */
  readonly useValues: readonly string[];
}

/** Preferred attribute names, best first; `DescribeServices` says which of them exist. */
const useAttributeNames = ['platoinstancetype', 'component'];
const instanceAttributeNames = ['instanceName'];
const regionAttributeNames = ['regionCode'];

export class OfferSchemaError extends Error {
  override readonly name = 'OfferSchemaError';
}

/**
 * Learns the SageMaker offer's attribute names (`DescribeServices`) and the values of its use
 * attribute (`GetAttributeValues`, paged): two or three calls, cached by the catalog.
 */
export async function discoverOfferSchema(clients: AwsClients, signal?: AbortSignal): Promise<OfferSchema> {
  const { pricing } = await loadSdk();
  const client = await clients.pricing();
  const described = await client.send(new pricing.DescribeServicesCommand({ ServiceCode: sageMakerServiceCode, FormatVersion: 'aws_v1' }), {
    abortSignal: signal,
  });
  const names = new Set(described.Services?.find((service) => service.ServiceCode === sageMakerServiceCode)?.AttributeNames ?? []);
  const pick = (preferred: readonly string[], what: string): string => {
    const found = preferred.find((name) => names.has(name));
    if (!found) throw new OfferSchemaError(`The SageMaker offer has no ${what} attribute (looked for ${preferred.join(', ')}).`);
    return found;
  };
  const useAttribute = pick(useAttributeNames, 'use');
  const schema = { regionAttribute: pick(regionAttributeNames, 'region'), instanceAttribute: pick(instanceAttributeNames, 'instance'), useAttribute };
  const useValues = await collectPages(
    async (NextToken) => {
      const page = await client.send(
        new pricing.GetAttributeValuesCommand({ ServiceCode: sageMakerServiceCode, AttributeName: useAttribute, NextToken, MaxResults: 100 }),
        { abortSignal: signal },
      );
      return { items: (page.AttributeValues ?? []).flatMap((value) => (value.Value ? [value.Value] : [])), nextToken: page.NextToken };
    },
    { signal, maxPages: 20 },
  );
  return { ...schema, useValues };
}

/**
 * Every instance type's hourly rate for one use in one region: `GetProducts` with the region and
 * use filters only, paged (about one page per use and region). Cheaper than one query per type
 * when many types are wanted at once, as an instance-type picker does.
 */
export async function fetchHourlyRatesOfUse(
  clients: AwsClients,
  schema: OfferSchema,
  query: Omit<OfferQuery, 'instanceType'>,
  signal?: AbortSignal,
): Promise<Map<string, number>> {
  const products = await getProducts(clients, [
    { Type: 'TERM_MATCH', Field: schema.regionAttribute, Value: query.region },
    { Type: 'TERM_MATCH', Field: schema.useAttribute, Value: query.useValue },
  ], signal);
  const rates = new Map<string, number>();
  for (const item of products) {
    const product = parseOfferProduct(item);
    const type = product?.attributes[schema.instanceAttribute];
    if (!product || product.usdPerHour === undefined || !type || product.attributes[schema.regionAttribute] !== query.region) continue;
    rates.set(type, Math.max(rates.get(type) ?? 0, product.usdPerHour));
  }
  return rates;
}

async function getProducts(clients: AwsClients, filters: Array<{ Type: 'TERM_MATCH'; Field: string; Value: string }>, signal?: AbortSignal): Promise<unknown[]> {
  const { pricing } = await loadSdk();
  const client = await clients.pricing();
  return collectPages(
    async (NextToken) => {
      const page = await client.send(
        new pricing.GetProductsCommand({ ServiceCode: sageMakerServiceCode, Filters: filters, FormatVersion: 'aws_v1', NextToken, MaxResults: 100 }),
        { abortSignal: signal },
      );
      const list: unknown = page.PriceList;
      return { items: Array.isArray(list) ? (list as unknown[]) : [], nextToken: page.NextToken };
    },
    { signal, maxPages: 20 },
  );
}

export interface OfferQuery {
  readonly region: string;
  readonly instanceType: string;
  /** The use attribute's value, e.g. `Hosting`. */
  readonly useValue: string;
}

/**
 * The on-demand hourly USD rate of one instance type for one use in one region (`GetProducts`
 * with three TERM_MATCH filters; one call unless the answer is paged). Undefined when the offer
 * has no such product. Should several products match, the highest rate is taken: a guard
 * that errs high warns too early rather than too late.
 */
export async function fetchHourlyRate(clients: AwsClients, schema: OfferSchema, query: OfferQuery, signal?: AbortSignal): Promise<number | undefined> {
  const items = await getProducts(clients, [
    { Type: 'TERM_MATCH', Field: schema.regionAttribute, Value: query.region },
    { Type: 'TERM_MATCH', Field: schema.instanceAttribute, Value: query.instanceType },
    { Type: 'TERM_MATCH', Field: schema.useAttribute, Value: query.useValue },
  ], signal);
  const rates = items.flatMap((item) => {
    const product = parseOfferProduct(item);
    if (!product || product.usdPerHour === undefined) return [];
    // TERM_MATCH is the service's job; checking again guards against a loose stand-in.
    const { attributes } = product;
    if (attributes[schema.instanceAttribute] !== undefined && attributes[schema.instanceAttribute] !== query.instanceType) return [];
    if (attributes[schema.regionAttribute] !== undefined && attributes[schema.regionAttribute] !== query.region) return [];
    return [product.usdPerHour];
  });
  return rates.length > 0 ? Math.max(...rates) : undefined;
}
