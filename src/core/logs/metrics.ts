import type { MetricRegex } from '../resources/trainingJobs';
import type { LogLine } from './logFollower';

/** One metric over time: parallel arrays (epoch ms, value), the shape chart libraries take. */
export interface MetricSeries {
  readonly name: string;
  readonly times: number[];
  readonly values: number[];
}

interface CompiledDefinition {
  readonly name: string;
  readonly pattern: RegExp;
}

/**
 * Turns a MetricDefinitions regex (Python `re` syntax, as the SageMaker docs write them) into a
 * JavaScript one: named groups `(?P<x>…)` become `(?<x>…)`; everything else the two share.
 */
export function toJsRegex(regex: string): RegExp {
  return new RegExp(regex.replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>'));
}

/**
 * Extracts metric values from log lines the way SageMaker does with a training job's
 * MetricDefinitions: the first capture group of each regex that matches a line is the value
 * (the whole match when there is no group), timestamped with the line. Definitions whose regex
 * JavaScript cannot compile are reported, not fatal.
 */
export class MetricExtractor {
  private readonly definitions: CompiledDefinition[] = [];
  private readonly series = new Map<string, MetricSeries>();
  readonly invalid: Array<{ name: string; reason: string }> = [];

  constructor(definitions: readonly MetricRegex[]) {
    for (const definition of definitions) {
      try {
        this.definitions.push({ name: definition.name, pattern: toJsRegex(definition.regex) });
        this.series.set(definition.name, { name: definition.name, times: [], values: [] });
      } catch (error) {
        this.invalid.push({ name: definition.name, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  get hasDefinitions(): boolean {
    return this.definitions.length > 0;
  }

  push(lines: readonly LogLine[]): void {
    if (this.definitions.length === 0) return;
    for (const line of lines) {
      for (const definition of this.definitions) {
        const match = definition.pattern.exec(line.message);
        if (!match) continue;
        const value = Number.parseFloat(match[1] ?? match[0]);
        if (!Number.isFinite(value)) continue;
        const series = this.series.get(definition.name)!;
        series.times.push(line.timestamp);
        series.values.push(value);
      }
    }
  }

  /** Every defined metric, in definition order (empty series included, so "no values yet" shows). */
  result(): MetricSeries[] {
    return [...this.series.values()];
  }
}

/**
 * Reduces a long series to at most `maxPoints` while keeping its shape: the series is cut into
 * buckets and each bucket keeps its first, lowest and highest point (in time order). A chart of
 * 100,000 points would only cost the webview time without showing more.
 */
export function downsample(series: MetricSeries, maxPoints: number): MetricSeries {
  const n = series.times.length;
  if (n <= maxPoints || maxPoints < 3) return series;
  const buckets = Math.floor(maxPoints / 3);
  const size = n / buckets;
  const times: number[] = [];
  const values: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(n, Math.floor((b + 1) * size));
    let lo = start;
    let hi = start;
    for (let i = start; i < end; i++) {
      if (series.values[i]! < series.values[lo]!) lo = i;
      if (series.values[i]! > series.values[hi]!) hi = i;
    }
    for (const i of [...new Set([start, lo, hi])].sort((x, y) => x - y)) {
      times.push(series.times[i]!);
      values.push(series.values[i]!);
    }
  }
  const last = n - 1;
  if (times[times.length - 1] !== series.times[last]) {
    times.push(series.times[last]!);
    values.push(series.values[last]!);
  }
  return { name: series.name, times, values };
}
