import type { BillableKind, BillableResource } from './billable';
import { scanParts, type ScanPart, type ScanProblem, type ScanResult } from './billableScan';

/**
 * What a scan could see. `complete`: every part of every region answered (a region that is not
 * enabled, or denies access, answered too: nothing of it can run for this connection). `partial`:
 * some part failed for a passing cause (throttled after retries, 5xx, timeout, unreachable), so
 * what was found is a lower bound. `failed`: no part of any region answered (whatever the cause:
 * then nothing is known).
 */
export type ScanCompleteness = 'complete' | 'partial' | 'failed';

/** One part of one region (or the whole region when `part` is absent) that could not be seen. */
export interface FailedPart {
  readonly region: string;
  readonly part?: ScanPart;
  readonly problem: ScanProblem;
}

/** A resource not seen by this scan because its part failed: its last known figures, and when they were seen. */
export interface CarriedResource {
  readonly id: string;
  readonly seenAt: Date;
}

/** A scan merged with what the previous one knew of the parts this one could not see. */
export interface MergedScan extends ScanResult {
  readonly completeness: ScanCompleteness;
  readonly failed: readonly FailedPart[];
  /** Resources kept from an earlier scan (they are also in `resources`). */
  readonly carried: readonly CarriedResource[];
}

/** Answers that say what is there (nothing, for this connection), rather than failing to say. */
const settledKinds = new Set<ScanProblem['kind']>(['regionNotEnabled', 'accessDenied']);

const partOfKind: Record<BillableKind, ScanPart> = {
  app: 'apps',
  notebookInstance: 'notebookInstances',
  endpoint: 'endpoints',
  trainingJob: 'trainingJobs',
  tuningJob: 'trainingJobs',
  processingJob: 'processingJobs',
  transformJob: 'transformJobs',
};

export function scanPartOf(kind: BillableKind): ScanPart {
  return partOfKind[kind];
}

/** The parts of a scan that failed for a passing cause. */
export function failedParts(result: ScanResult): FailedPart[] {
  return result.regions.flatMap((region): FailedPart[] => {
    if (region.skipped) return settledKinds.has(region.skipped.kind) ? [] : [{ region: region.region, problem: region.skipped }];
    return region.problems.filter((problem) => !settledKinds.has(problem.kind)).map((problem) => ({ region: region.region, ...(problem.part ? { part: problem.part } : {}), problem }));
  });
}

export function scanCompleteness(result: ScanResult, failed: readonly FailedPart[] = failedParts(result)): ScanCompleteness {
  if (result.regions.length === 0) return 'complete';
  const answered = result.regions.some((region) => !region.skipped && region.problems.length < scanParts.length);
  if (!answered) return 'failed';
  return failed.length === 0 ? 'complete' : 'partial';
}

/** Why a scan saw nothing: the first problem it met, as `Code: message`. */
export function failureReason(result: ScanResult): string | undefined {
  const problem = failedParts(result)[0]?.problem ?? result.regions.flatMap((region) => (region.skipped ? [region.skipped] : region.problems))[0];
  return problem ? `${problem.code}: ${problem.message}` : undefined;
}

/** Whether a resource (by what it is and where) lies in a part this scan could not see. */
export function isUnseen(resource: Pick<BillableResource, 'region' | 'kind'>, failed: readonly FailedPart[]): boolean {
  const part = scanPartOf(resource.kind);
  return failed.some((entry) => entry.region === resource.region && (entry.part === undefined || entry.part === part));
}

/** The same for a resource id (`region/kind/...`), for state kept by id. */
export function isUnseenId(id: string, failed: readonly FailedPart[]): boolean {
  const [region, kind] = id.split('/');
  return region !== undefined && kind !== undefined && kind in partOfKind && isUnseen({ region, kind: kind as BillableKind }, failed);
}

/**
 * The scan as the guard shows it: what it found, plus the previous scan's resources in the parts
 * it could not see (with the time each was last seen), so a throttled part never reads as
 * "nothing runs there".
 */
export function mergeScan(result: ScanResult, previous: MergedScan | ScanResult | undefined): MergedScan {
  const failed = failedParts(result);
  const completeness = scanCompleteness(result, failed);
  if (failed.length === 0 || !previous) return { ...result, completeness, failed, carried: [] };
  const previousSeen = new Map(('carried' in previous ? previous.carried : []).map((entry) => [entry.id, entry.seenAt]));
  const fresh = new Set(result.resources.map((resource) => resource.id));
  const kept = previous.resources.filter((resource) => !fresh.has(resource.id) && isUnseen(resource, failed));
  const carried = kept.map((resource) => ({ id: resource.id, seenAt: previousSeen.get(resource.id) ?? previous.at }));
  return { ...result, resources: [...result.resources, ...kept], completeness, failed, carried };
}

/**
 * Failed scans in a row after this one, for the backoff: only a complete scan resets it; a
 * partial one counts as a failure (a throttled account is asked less often, not more).
 */
export function failuresAfter(completeness: ScanCompleteness, previous: number): number {
  return completeness === 'complete' ? 0 : previous + 1;
}
