import { Emitter } from '../util/events';
import type { InstanceUse, PriceCatalog, PriceQuery, PriceQuote } from './priceCatalog';

/**
 * The price table shipped with the extension (data/sagemaker-prices.json): AWS's published
 * Studio-notebook ("Studio Classic") rates by region, and nothing else. For any other use the
 * Studio rate is only an estimate, and is labelled as one.
 */
export interface BundledPriceTable {
  readonly source: { readonly aws_publication_date: string };
  readonly prices: Readonly<Record<string, { readonly studio_classic?: Readonly<Record<string, number>> }>>;
}

/** App types that run on Studio Classic's metering (the component the bundled table covers). */
const studioClassicAppTypes = new Set(['JupyterServer', 'KernelGateway']);

export class BundledPrices {
  readonly asOf: string;

  constructor(private readonly table: BundledPriceTable) {
    this.asOf = table.source.aws_publication_date.slice(0, 10);
  }

  quote(query: PriceQuery): PriceQuote | undefined {
    // Studio's default JupyterServer runs on the free `system` instance type.
    if (query.instanceType === 'system') return { usdPerHour: 0, source: 'bundled', basis: 'system instance, no charge' };
    const rate = this.table.prices[query.region]?.studio_classic?.[query.instanceType];
    if (rate === undefined) return undefined;
    if (isStudioClassic(query.use, query.appType)) return { usdPerHour: rate, source: 'bundled', basis: `published rate of ${this.asOf}` };
    return { usdPerHour: rate, source: 'estimate', basis: `Studio rate of ${this.asOf}` };
  }

  /** Regions the table covers (for tests and the catalog's fallback reporting). */
  get regions(): string[] {
    return Object.keys(this.table.prices);
  }
}

function isStudioClassic(use: InstanceUse, appType: string | undefined): boolean {
  return use === 'studio' && appType !== undefined && studioClassicAppTypes.has(appType);
}

/**
 * A catalog backed by the bundled table alone, loaded on first use (kept out of the activation
 * path). The cost guard layers the live Pricing API and its cache over the same table.
 */
export class BundledPriceCatalog implements PriceCatalog {
  private prices: BundledPrices | undefined;
  private loading: Promise<void> | undefined;
  private readonly updated = new Emitter<void>();

  constructor(private readonly loadTable: () => Promise<BundledPriceTable>) {}

  quote(query: PriceQuery): PriceQuote | undefined {
    if (!this.prices) void this.prepare(query.region);
    return this.prices?.quote(query);
  }

  prepare(_region: string): Promise<void> {
    // An unreadable table leaves every price unknown (shown as such), never a crash.
    this.loading ??= this.loadTable().then(
      (table) => {
        this.prices = new BundledPrices(table);
        this.updated.fire();
      },
      () => undefined,
    );
    return this.loading;
  }

  prepareQuotes(queries: readonly PriceQuery[]): Promise<void> {
    return this.prepare(queries[0]?.region ?? '');
  }

  onDidUpdate(listener: () => void): { dispose(): void } {
    return this.updated.event(listener);
  }
}
