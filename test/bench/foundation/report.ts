// How a benchmark hands its figures to the runner (test/bench/run.ts), which prints them as a
// table with the aims. Benchmarks print figures; they never assert on time.

export const FIGURE_PREFIX = 'SAGEMAKER_BENCH_FIGURE ';

export interface Aim {
  /** The figure meets the aim when it is at most this value (same unit as the figure). */
  max: number;
  /** As shown, e.g. `< 50 ms`. */
  text: string;
}

export interface Figure {
  /** What is measured, e.g. `activation: activate() in the extension host (median)`. */
  name: string;
  value: number;
  unit: 'ms' | 'bytes' | 'MB' | 'count' | 'x';
  /** Spread of repeated measurements, e.g. `min 31, max 44 (5 starts)`. */
  spread?: string;
  aim?: Aim;
}

export function reportFigure(figure: Figure): void {
  console.log(FIGURE_PREFIX + JSON.stringify(figure));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function spreadOf(values: number[], unit: string, what: string): string {
  const digits = unit === 'ms' ? 1 : 0;
  return `min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)} (${values.length} ${what})`;
}

export function formatValue(value: number, unit: Figure['unit']): string {
  switch (unit) {
    case 'bytes':
      return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(2)} MB` : `${(value / 1024).toFixed(1)} KB`;
    case 'MB':
      return `${value.toFixed(1)} MB`;
    case 'ms':
      return `${value.toFixed(1)} ms`;
    case 'x':
      return `${value.toFixed(2)}x`;
    default:
      return String(value);
  }
}
