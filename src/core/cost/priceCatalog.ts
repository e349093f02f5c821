import { formatHourly } from '../util/format';

/**
 * The contract between the price catalog (live Pricing API, cache, bundled table) and everything
 * that shows or adds up prices: tree nodes, the cost guard, launch estimates.
 */

/** What an instance is used for; AWS prices each use separately. */
export type InstanceUse =
  | 'studio'
  | 'notebookInstance'
  | 'training'
  | 'spotTraining'
  | 'processing'
  | 'batchTransform'
  | 'hosting'
  | 'asyncInference';

export interface PriceQuery {
  readonly region: string;
  /** `ml.m5.xlarge`; Studio's `system` instance type is free. */
  readonly instanceType: string;
  readonly use: InstanceUse;
  /** For Studio apps: `JupyterLab`, `CodeEditor`, `KernelGateway`... (AWS prices some separately). */
  readonly appType?: string;
}

export interface PriceQuote {
  readonly usdPerHour: number;
  /**
   * `pricingApi`: the live Price List for this exact use; `bundled`: the table shipped with the
   * extension, for this exact use; `estimate`: a rate for another use standing in (say so!).
   */
  readonly source: 'pricingApi' | 'bundled' | 'estimate';
  /** For estimates and bundled prices: what the number is, e.g. "Studio rate of 2025-12-05". */
  readonly basis?: string;
}

export interface PriceCatalog {
  /** The best price known now, without waiting; undefined when unknown (never 0 for unknown). */
  quote(query: PriceQuery): PriceQuote | undefined;
  /** Loads live prices for a region into the cache (falls back silently to the bundled table). */
  prepare(region: string, signal?: AbortSignal): Promise<void>;
  /**
   * Fetches the prices of exactly these queries (the live catalog asks the Pricing API per
   * region × instance type × use), so that `quote` answers them at once. Optional: callers fall
   * back to `prepare(region)`.
   */
  prepareQuotes?(queries: readonly PriceQuery[], signal?: AbortSignal): Promise<void>;
  /** Subscribe to hear when prepared prices change what `quote` answers. */
  onDidUpdate(listener: () => void): { dispose(): void };
}

/**
 * "$0.23/h" (live), "$0.23/h (published rate of 2025-12-05)" (bundled: its date is always shown),
 * "≈ $0.23/h (Studio rate of 2025-12-05)" (estimate), "price unknown".
 */
export function formatQuote(quote: PriceQuote | undefined): string {
  if (!quote) return 'price unknown';
  const amount = formatHourly(quote.usdPerHour);
  const basis = quote.basis ? ` (${quote.basis})` : '';
  if (quote.source === 'estimate') return `≈ ${amount}${basis}`;
  if (quote.source === 'bundled') return `${amount}${basis}`;
  return amount;
}
