/**
 * The messages between the extension and its panels, typed both ways. Panels post `PanelMessage`s
 * (checked with `isPanelMessage` before use: a webview is another process); the extension posts
 * `HostMessage`s. Shared by the host code and the browser bundles in src/webviews/client.
 */

/** A label and its value, in display order. */
export type Row = readonly [label: string, value: string];

export interface TimelineEntry {
  readonly status: string;
  /** Epoch ms. */
  readonly start: number;
  readonly end?: number;
  readonly message?: string;
}

export interface TrainingJobView {
  readonly name: string;
  readonly region: string;
  readonly status: string;
  readonly statusTone: 'running' | 'moving' | 'done' | 'stopped' | 'failed' | 'unknown';
  readonly failureReason?: string;
  readonly summary: readonly Row[];
  readonly configuration: readonly Row[];
  readonly hyperParameters: readonly Row[];
  readonly inputs: readonly Row[];
  readonly outputs: readonly Row[];
  readonly timeline: readonly TimelineEntry[];
  readonly finalMetrics: ReadonlyArray<{ readonly name: string; readonly value: number }>;
  readonly metricNames: readonly string[];
  readonly running: boolean;
}

/** One metric over time, epoch ms and values (already thinned for drawing). */
export interface SeriesData {
  readonly name: string;
  readonly times: readonly number[];
  readonly values: readonly number[];
  /** Points found in the log before thinning. */
  readonly total: number;
}

export type MetricsState =
  | { readonly state: 'loading'; readonly lines: number }
  | {
      readonly state: 'ready';
      readonly series: readonly SeriesData[];
      readonly lines: number;
      readonly following: boolean;
      /** Metrics no longer matched, with why (a regex over its time budget). */
      readonly stopped: readonly string[];
    }
  | { readonly state: 'none'; readonly reason: string }
  | { readonly state: 'error'; readonly reason: string };

export interface TuningTrialPoint {
  readonly name: string;
  /** When the trial ended (or was created, if it has not): epoch ms. */
  readonly time: number;
  readonly value?: number;
  readonly status: string;
}

export interface TuningJobView {
  readonly name: string;
  readonly region: string;
  readonly status: string;
  readonly statusTone: TrainingJobView['statusTone'];
  readonly objective?: { readonly name: string; readonly type: 'Maximize' | 'Minimize' };
  readonly summary: readonly Row[];
  readonly best?: { readonly name: string; readonly value?: number };
  readonly trials: readonly TuningTrialPoint[];
  /** The best trials, best first, with their tuned hyperparameters. */
  readonly leaders: ReadonlyArray<{ readonly name: string; readonly value?: number; readonly status: string; readonly parameters: string }>;
  readonly running: boolean;
}

export type HostMessage =
  | { readonly type: 'trainingJob'; readonly view: TrainingJobView }
  | { readonly type: 'metrics'; readonly metrics: MetricsState }
  | { readonly type: 'tuningJob'; readonly view: TuningJobView }
  | { readonly type: 'error'; readonly message: string }
  /** The last describe failed: the panel shows the data of `asOf` (epoch ms); undefined: current again. */
  | { readonly type: 'stale'; readonly asOf: number | undefined; readonly reason?: string };

export type PanelMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'openLogs' }
  | { readonly type: 'openTrainingJob'; readonly name: string };

export function isPanelMessage(value: unknown): value is PanelMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; name?: unknown };
  switch (message.type) {
    case 'ready':
    case 'refresh':
    case 'openLogs':
      return true;
    case 'openTrainingJob':
      return typeof message.name === 'string' && message.name.length > 0 && message.name.length <= 63;
    default:
      return false;
  }
}
