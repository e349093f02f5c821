import type { Subscription } from '../util/events';
import type { ActiveWarnings } from './activeWarnings';
import type { PricedResource, CostSummary } from './billing';
import type { MergedScan, ScanCompleteness } from './scanOutcome';

/** Why the cost guard shows nothing, or what it is doing. */
export type CostWatchState = 'idle' | 'scanning' | 'waitingForCredentials' | 'disabled';

/** What the cost guard knows now: the last scan, priced with the catalog as it stands. */
export interface CostSnapshot {
  readonly state: CostWatchState;
  /**
   * The last scan that finished (kept while a new one runs, and after a failed one), with the
   * last known resources of the parts it could not see.
   */
  readonly scan?: MergedScan;
  /** How much the last scan could see; `failed` keeps the scan before it in `scan`. */
  readonly completeness?: ScanCompleteness;
  /** When the last scan that finished (whatever it saw) ended. */
  readonly lastAttemptAt?: Date;
  /** Its resources, priced, most expensive first. */
  readonly priced: readonly PricedResource[];
  readonly summary: CostSummary;
  /** Regions named in the setting that cannot be scanned with this connection (other partition, typo). */
  readonly ignoredRegions: readonly string[];
  /** The last scan failed as a whole (no part of any region answered): its reason. */
  readonly failure?: string;
  readonly consecutiveFailures: number;
}

/**
 * The cost guard as commands and tests see it: the current snapshot, a way to scan at once,
 * and change notifications. The status bar item implements it.
 */
export interface CostWatch {
  readonly current: CostSnapshot;
  /** Long-running warnings not yet acted on. */
  readonly warnings: ActiveWarnings;
  /** Scans now (joins a scan already running) and resolves with the new snapshot. */
  scanNow(): Promise<CostSnapshot>;
  onDidChange(listener: (snapshot: CostSnapshot) => void): Subscription;
}

/** A key-value store such as VS Code's `globalState`. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}
