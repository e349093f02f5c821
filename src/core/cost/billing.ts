import type { BillableKind, BillableResource, InstanceUsage } from './billable';
import type { PriceCatalog, PriceQuery, PriceQuote } from './priceCatalog';

/** One line of instances with the price the catalog knows for it (undefined: unknown). */
export interface PricedInstances extends InstanceUsage {
  readonly quote?: PriceQuote;
}

/** Hourly price of a set of instances: a sum, unknown as soon as one part is unknown. */
export interface HourlyPrice {
  readonly parts: readonly PricedInstances[];
  /** Undefined when any part's price is unknown (never 0 for unknown). */
  readonly usdPerHour?: number;
  /** What is known, for "at least" totals. */
  readonly knownUsdPerHour: number;
  /** True when a rate stands in for another use (labelled `≈`). */
  readonly estimated: boolean;
  /** How the rates were obtained, de-duplicated ("Studio rate of 2025-12-05"). */
  readonly bases: readonly string[];
}

export interface PricedResource extends BillableResource {
  readonly price: HourlyPrice;
  /** How long it has run, when its start is known. */
  readonly runningMs?: number;
  /** Its current hourly price times how long it has run (instance counts may have moved). */
  readonly costSoFar?: number;
}

/** Prices instances with what the catalog knows now (it fetches the rest in the background). */
export function priceInstances(catalog: Pick<PriceCatalog, 'quote'>, region: string, instances: readonly InstanceUsage[]): HourlyPrice {
  const parts = instances.map((instance) => ({
    ...instance,
    quote: catalog.quote({ region, instanceType: instance.instanceType, use: instance.use, appType: instance.appType }),
  }));
  let known = 0;
  let unknown = false;
  for (const part of parts) {
    if (part.quote) known += part.quote.usdPerHour * part.count;
    else unknown = true;
  }
  const bases = [...new Set(parts.flatMap((part) => (part.quote?.basis && part.quote.source !== 'pricingApi' ? [part.quote.basis] : [])))];
  return {
    parts,
    usdPerHour: unknown ? undefined : known,
    knownUsdPerHour: known,
    estimated: parts.some((part) => part.quote?.source === 'estimate'),
    bases,
  };
}

export function priceResources(resources: readonly BillableResource[], catalog: Pick<PriceCatalog, 'quote'>, now: number): PricedResource[] {
  return resources.map((resource) => {
    const price = priceInstances(catalog, resource.region, resource.instances);
    const runningMs = resource.since ? Math.max(0, now - resource.since.getTime()) : undefined;
    const costSoFar = runningMs !== undefined && price.usdPerHour !== undefined ? (price.usdPerHour * runningMs) / 3_600_000 : undefined;
    return { ...resource, price, runningMs, costSoFar };
  });
}

/** The distinct price questions a set of resources raises (for `prepareQuotes`). */
export function priceQueries(resources: readonly BillableResource[]): PriceQuery[] {
  const queries = new Map<string, PriceQuery>();
  for (const resource of resources) {
    for (const instance of resource.instances) {
      const query = { region: resource.region, instanceType: instance.instanceType, use: instance.use, appType: instance.appType };
      queries.set(JSON.stringify(query), query);
    }
  }
  return [...queries.values()];
}

/** Most expensive first; unknown prices (which may be high) before free ones; then by name. */
export function byCost(a: PricedResource, b: PricedResource): number {
  const rank = (resource: PricedResource): number => resource.price.usdPerHour ?? -0.5;
  const weight = (resource: PricedResource): number => (resource.price.usdPerHour === 0 ? -1 : rank(resource));
  return weight(b) - weight(a) || a.name.localeCompare(b.name);
}

export interface CostGroup {
  readonly key: string;
  readonly count: number;
  readonly knownUsdPerHour: number;
  readonly unknownCount: number;
  /** Some price in the group is an estimate. */
  readonly estimated: boolean;
}

export interface CostSummary {
  readonly count: number;
  /** Sum of the known prices. */
  readonly knownUsdPerHour: number;
  /** Resources whose price is unknown (the total is then "at least"). */
  readonly unknownCount: number;
  /** Whether any price in the total is an estimate. */
  readonly estimated: boolean;
  readonly byRegion: readonly CostGroup[];
  readonly byKind: ReadonlyArray<CostGroup & { readonly key: BillableKind }>;
}

export function summarize(priced: readonly PricedResource[]): CostSummary {
  const group = <K extends string>(keyOf: (resource: PricedResource) => K): Array<CostGroup & { key: K }> => {
    const groups = new Map<K, { key: K; count: number; knownUsdPerHour: number; unknownCount: number; estimated: boolean }>();
    for (const resource of priced) {
      const key = keyOf(resource);
      const entry = groups.get(key) ?? { key, count: 0, knownUsdPerHour: 0, unknownCount: 0, estimated: false };
      entry.count++;
      entry.estimated ||= resource.price.estimated;
      entry.knownUsdPerHour += resource.price.knownUsdPerHour;
      if (resource.price.usdPerHour === undefined) entry.unknownCount++;
      groups.set(key, entry);
    }
    return [...groups.values()].sort((a, b) => b.knownUsdPerHour - a.knownUsdPerHour || a.key.localeCompare(b.key));
  };
  return {
    count: priced.length,
    knownUsdPerHour: priced.reduce((sum, resource) => sum + resource.price.knownUsdPerHour, 0),
    unknownCount: priced.filter((resource) => resource.price.usdPerHour === undefined).length,
    estimated: priced.some((resource) => resource.price.estimated),
    byRegion: group((resource) => resource.region),
    byKind: group((resource) => resource.kind),
  };
}
