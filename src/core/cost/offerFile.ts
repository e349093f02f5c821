/**
 * Reads products in the Price List's offer-file format, as `GetProducts` returns them: each
 * `PriceList` item is a JSON document (a string, or an already parsed object in some SDKs) with
 * `product.attributes` and `terms.OnDemand.<offer>.priceDimensions.<rate>.pricePerUnit.USD`.
 */

export interface OfferProduct {
  readonly sku: string;
  readonly productFamily?: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** The on-demand USD price per hour; undefined when the product has no hourly USD rate. */
  readonly usdPerHour?: number;
}

interface PriceDimension {
  unit?: unknown;
  beginRange?: unknown;
  endRange?: unknown;
  pricePerUnit?: { USD?: unknown };
}

interface OfferDocument {
  product?: { sku?: unknown; productFamily?: unknown; attributes?: Record<string, unknown> };
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, PriceDimension> }> };
}

const hourlyUnits = new Set(['hrs', 'hr', 'hour', 'hours']);

/** Parses one `PriceList` item; returns undefined for anything that is not a product document. */
export function parseOfferProduct(item: unknown): OfferProduct | undefined {
  let document: OfferDocument;
  try {
    // Items are JSON strings, or SDK wrappers whose string form is the JSON.
    const isDocument = typeof item === 'object' && item !== null && 'product' in item;
    document = (isDocument ? item : JSON.parse(String(item))) as OfferDocument;
  } catch {
    return undefined;
  }
  if (typeof document !== 'object' || document === null || typeof document.product !== 'object' || document.product === null) return undefined;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(document.product.attributes ?? {})) {
    if (typeof value === 'string') attributes[key] = value;
  }
  return {
    sku: typeof document.product.sku === 'string' ? document.product.sku : '',
    productFamily: typeof document.product.productFamily === 'string' ? document.product.productFamily : undefined,
    attributes,
    usdPerHour: onDemandHourlyUsd(document.terms?.OnDemand),
  };
}

/**
 * The hourly USD rate among the on-demand price dimensions. Tiered offers (a free tier, then a
 * rate) are read at the tier that runs to infinity: that is what a long-running instance pays.
 */
function onDemandHourlyUsd(onDemand: Record<string, { priceDimensions?: Record<string, PriceDimension> }> | undefined): number | undefined {
  const rates: Array<{ usd: number; openEnded: boolean }> = [];
  for (const offer of Object.values(onDemand ?? {})) {
    for (const dimension of Object.values(offer.priceDimensions ?? {})) {
      const unit = typeof dimension.unit === 'string' ? dimension.unit.toLowerCase() : '';
      const usd = typeof dimension.pricePerUnit?.USD === 'string' ? Number(dimension.pricePerUnit.USD) : NaN;
      if (!hourlyUnits.has(unit) || !Number.isFinite(usd) || usd < 0) continue;
      rates.push({ usd, openEnded: dimension.endRange === undefined || dimension.endRange === 'Inf' });
    }
  }
  const openEnded = rates.filter((rate) => rate.openEnded);
  const candidates = openEnded.length > 0 ? openEnded : rates;
  if (candidates.length === 0) return undefined;
  return Math.max(...candidates.map((rate) => rate.usd));
}
