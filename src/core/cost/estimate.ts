import { formatHourly, formatUsd } from '../util/format';
import type { InstanceUsage } from './billable';
import { priceInstances, type HourlyPrice } from './billing';
import type { PriceCatalog } from './priceCatalog';

/**
 * What a launch will cost, before it runs: the hourly price of its instances and, when a
 * limit on its run time is known (a job's MaxRuntimeInSeconds), the most one run can cost.
 */
export interface LaunchEstimate extends HourlyPrice {
  /** Hourly price × hours, when both are known. */
  readonly maxUsd?: number;
  /** "≈ $4.60/h, at most ≈ $110.40 for 24h (on-demand training rate, …)", or "price unknown". */
  readonly text: string;
}

/**
 * Prices a launch with the catalog (call `prepareQuotes` / `prepare` first for live prices).
 * `maxHours` is the run-time limit, if the launch has one.
 */
export function estimateLaunch(
  catalog: Pick<PriceCatalog, 'quote'>,
  region: string,
  instances: readonly InstanceUsage[],
  maxHours?: number,
): LaunchEstimate {
  const price = priceInstances(catalog, region, instances);
  const maxUsd = price.usdPerHour !== undefined && maxHours !== undefined ? price.usdPerHour * maxHours : undefined;
  return { ...price, maxUsd, text: describeEstimate(price, maxUsd, maxHours) };
}

function describeEstimate(price: HourlyPrice, maxUsd: number | undefined, maxHours: number | undefined): string {
  if (price.usdPerHour === undefined) {
    const unknown = price.parts.filter((part) => !part.quote).map((part) => part.instanceType);
    return `price unknown for ${[...new Set(unknown)].join(', ')}`;
  }
  const approx = price.estimated ? '≈ ' : '';
  const parts = [`${approx}${formatHourly(price.usdPerHour)}`];
  if (maxUsd !== undefined && maxHours !== undefined) parts.push(`at most ${approx}${formatUsd(maxUsd)} for ${formatHours(maxHours)}`);
  const basis = price.bases.length > 0 ? ` (${price.bases.join('; ')})` : '';
  return `${parts.join(', ')}${basis}`;
}

function formatHours(hours: number): string {
  return Number.isInteger(hours) ? `${hours}h` : `${hours.toFixed(1)}h`;
}
