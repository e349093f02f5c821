import type { InstanceUse, PriceCatalog, PriceQuery, PriceQuote } from '../../../../src/core/cost/priceCatalog';

/** A price catalog answering from a fixed table: `{ 'ml.m5.xlarge/training': quote }`. */
export function fixedPrices(table: Readonly<Record<string, PriceQuote>>): PriceCatalog & { readonly asked: PriceQuery[] } {
  const asked: PriceQuery[] = [];
  return {
    asked,
    quote: (query) => {
      asked.push(query);
      return table[`${query.instanceType}/${query.use}`];
    },
    prepare: () => Promise.resolve(),
    onDidUpdate: () => ({ dispose: () => undefined }),
  };
}

export const live = (usdPerHour: number): PriceQuote => ({ usdPerHour, source: 'pricingApi' });
export const estimated = (usdPerHour: number, basis: string): PriceQuote => ({ usdPerHour, source: 'estimate', basis });
export const key = (instanceType: string, use: InstanceUse): string => `${instanceType}/${use}`;
