import { createContext, Script } from 'node:vm';
import type { MetricRegex } from '../resources/trainingJobs';
import { decodeCapturedText } from './capturedText';
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
  /** Set when the regex ran out of its time budget: it is not tried again. */
  stopped?: string;
}

/**
 * Turns a MetricDefinitions regex (Python `re` syntax, as the SageMaker docs write them) into a
 * JavaScript one: named groups `(?P<x>…)` become `(?<x>…)`; everything else the two share.
 */
export function toJsRegex(regex: string): RegExp {
  return new RegExp(regex.replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>'));
}

/** How much work a metric regex may cost the process that runs it. */
export interface MetricLimits {
  /** Characters of a line a regex sees (the rest is ignored); metric lines are short. */
  readonly maxLineLength: number;
  /** Time one regex may take over one chunk of lines before it is stopped for good. */
  readonly budgetMs: number;
  /** Lines matched per timed run. */
  readonly chunkLines: number;
}

export const defaultMetricLimits: MetricLimits = { maxLineLength: 4_096, budgetMs: 500, chunkLines: 2_000 };

/**
 * The matching loop, run in a separate V8 context with a timeout: a regex that backtracks
 * catastrophically (`(a+)+$` on a long line) is interrupted there instead of freezing the
 * process. It tries each line as captured first (SageMaker applies MetricDefinitions to the text
 * CloudWatch holds, which is why the built-in algorithms' regexes spell a tab `#011`), then, if
 * that did not match, the line with the capture's escapes decoded (so a regex written against
 * what the job printed, `\t`, matches too). Output: line index, captured text, pairs flattened.
 */
const matchLoop = new Script(`(() => {
  const found = [];
  for (let i = 0; i < raw.length; i++) {
    let match = pattern.exec(raw[i]);
    if (!match && decoded[i] !== raw[i]) match = pattern.exec(decoded[i]);
    if (match) found.push(i, match[1] ?? match[0]);
  }
  return found;
})()`);

/**
 * Extracts metric values from log lines the way SageMaker does with a training job's
 * MetricDefinitions: the first capture group of each regex that matches a line is the value
 * (the whole match when there is no group), timestamped with the line. Definitions whose regex
 * JavaScript cannot compile are reported, not fatal; a regex that exceeds its time budget is
 * stopped (reported in `stopped`), and the others go on.
 */
export class MetricExtractor {
  private readonly definitions: CompiledDefinition[] = [];
  private readonly series = new Map<string, MetricSeries>();
  private readonly sandbox = createContext(Object.create(null) as object);
  readonly invalid: Array<{ name: string; reason: string }> = [];

  constructor(
    definitions: readonly MetricRegex[],
    private readonly limits: MetricLimits = defaultMetricLimits,
  ) {
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

  /** Definitions stopped for taking too long, with why. */
  get stopped(): Array<{ name: string; reason: string }> {
    return this.definitions.flatMap((definition) => (definition.stopped ? [{ name: definition.name, reason: definition.stopped }] : []));
  }

  push(lines: readonly LogLine[]): void {
    if (this.definitions.length === 0) return;
    const { chunkLines, maxLineLength } = this.limits;
    for (let start = 0; start < lines.length; start += chunkLines) {
      const chunk = lines.slice(start, start + chunkLines);
      const raw = chunk.map((line) => line.message.slice(0, maxLineLength));
      const decoded = chunk.map((line) => decodeCapturedText(line.message).slice(0, maxLineLength));
      for (const definition of this.definitions) {
        if (definition.stopped) continue;
        const found = this.run(definition, raw, decoded);
        if (!found) continue;
        const series = this.series.get(definition.name)!;
        for (let k = 0; k < found.length; k += 2) {
          const value = Number.parseFloat(String(found[k + 1]));
          if (!Number.isFinite(value)) continue;
          series.times.push(chunk[found[k] as number]!.timestamp);
          series.values.push(value);
        }
      }
    }
  }

  private run(definition: CompiledDefinition, raw: string[], decoded: string[]): unknown[] | undefined {
    const sandbox = this.sandbox as { pattern?: RegExp; raw?: string[]; decoded?: string[] };
    sandbox.pattern = definition.pattern;
    sandbox.raw = raw;
    sandbox.decoded = decoded;
    try {
      return matchLoop.runInContext(this.sandbox, { timeout: this.limits.budgetMs }) as unknown[];
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
      definition.stopped = `its regex took longer than ${this.limits.budgetMs} ms on ${raw.length} lines, so it is no longer applied`;
      return undefined;
    } finally {
      sandbox.pattern = undefined;
      sandbox.raw = undefined;
      sandbox.decoded = undefined;
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
