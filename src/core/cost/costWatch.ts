import type { Subscription } from '../util/events';
import type { PricedResource, CostSummary } from './billing';
import type { ScanResult } from './billableScan';

/** Why the cost guard shows nothing, or what it is doing. */
export type CostWatchState = 'idle' | 'scanning' | 'waitingForCredentials' | 'disabled';

/** What the cost guard knows now: the last scan, priced with the catalog as it stands. */
export interface CostSnapshot {
  readonly state: CostWatchState;
  /** The last scan that finished (kept while a new one runs, and after a failed one). */
  readonly scan?: ScanResult;
  /** Its resources, priced, most expensive first. */
  readonly priced: readonly PricedResource[];
  readonly summary: CostSummary;
  /** Regions named in the setting that cannot be scanned with this connection (other partition, typo). */
  readonly ignoredRegions: readonly string[];
  /** The last scan failed as a whole (every region unreachable): its reason. */
  readonly failure?: string;
  readonly consecutiveFailures: number;
}

/**
 * The cost guard as commands and tests see it: the current snapshot, a way to scan at once,
 * and change notifications. The status bar item implements it.
 */
export interface CostWatch {
  readonly current: CostSnapshot;
  /** Scans now (joins a scan already running) and resolves with the new snapshot. */
  scanNow(): Promise<CostSnapshot>;
  onDidChange(listener: (snapshot: CostSnapshot) => void): Subscription;
}

/** A key-value store such as VS Code's `globalState`. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}
