import { isRegionCode, partitionOf, sagemakerRegionsLike } from '../aws/regions';

/**
 * The regions a scan covers: the user's list (narrowed to the current region's partition, whose
 * credentials are the only ones that work), or every SageMaker region of that partition when
 * the list is empty; the current region always.
 */
export function regionsToScan(currentRegion: string, configured: readonly string[]): { regions: string[]; ignored: string[] } {
  const partition = partitionOf(currentRegion);
  const wanted = configured.map((region) => region.trim()).filter((region) => region.length > 0);
  const ignored = wanted.filter((region) => !isRegionCode(region) || partitionOf(region) !== partition);
  const chosen = wanted.length > 0 ? wanted.filter((region) => !ignored.includes(region)) : sagemakerRegionsLike(currentRegion);
  return { regions: [...new Set([currentRegion, ...chosen])], ignored };
}

/**
 * The wait before the next scan: the interval, doubled for each failed scan in a row (so a
 * throttled or unreachable account is asked less), capped at an hour or the interval if longer.
 */
export function nextScanDelay(intervalMs: number, consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return intervalMs;
  return Math.min(intervalMs * 2 ** Math.min(consecutiveFailures, 10), Math.max(intervalMs, 3_600_000));
}
