import type { VirtualClock } from '../core/clock';
export interface LogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

/**
 * Produces a stream's lines lazily: `produce(from, to, push)` pushes, in time order, the lines
 * whose timestamps fall in (from, to]. Lines are generated only when someone reads the stream,
 * so thousands of seeded jobs cost nothing until their logs are opened.
 */
export interface LineSource {
  produce(from: number, to: number, push: (timestamp: number, message: string) => void): void;
  /** Time of the first and last line at or before `now`, without generating them (approximate). */
  span?(now: number): { first: number; last: number } | undefined;
}

/** Ingestion lags the event a little, as with the real agent. */
const INGESTION_LAG_MS = 350;

export class LogStream {
  readonly events: LogEvent[] = [];
  private readonly sources: LineSource[] = [];
  private producedUntil: number;
  storedBytes = 0;

  readonly creationTime: number;

  constructor(
    readonly name: string,
    creationTime: number,
  ) {
    // CloudWatch Logs times are whole epoch milliseconds.
    this.creationTime = Math.floor(creationTime);
    this.producedUntil = this.creationTime - 1;
  }

  addSource(source: LineSource): void {
    this.sources.push(source);
  }

  /** Generates every line due by `now`. */
  materialize(now: number): void {
    if (now <= this.producedUntil || this.sources.length === 0) {
      this.producedUntil = Math.max(this.producedUntil, now);
      return;
    }
    const batch: { timestamp: number; message: string; order: number }[] = [];
    let order = 0;
    for (const source of this.sources) {
      source.produce(this.producedUntil, now, (timestamp, message) => batch.push({ timestamp, message, order: order++ }));
    }
    this.producedUntil = now;
    if (batch.length > 1) batch.sort((a, b) => a.timestamp - b.timestamp || a.order - b.order);
    for (const e of batch) this.push(e.timestamp, e.message);
  }

  /** Appends lines at `now` (after generating what is due, so the stream stays in time order). */
  append(now: number, lines: readonly string[]): void {
    this.materialize(now);
    for (const line of lines) this.push(now, line);
  }

  private push(timestamp: number, message: string): void {
    const last = this.events[this.events.length - 1];
    const ts = last && timestamp < last.timestamp ? last.timestamp : Math.floor(timestamp);
    this.events.push({ timestamp: ts, message, ingestionTime: ts + INGESTION_LAG_MS });
    this.storedBytes += message.length + 26;
  }

  /** First/last event times at `now`, from the events if generated, else from the sources' estimate. */
  span(now: number): { first: number; last: number } | undefined {
    if (this.producedUntil >= now || this.sources.length === 0) {
      this.materialize(now);
      const first = this.events[0];
      const last = this.events[this.events.length - 1];
      return first && last ? { first: first.timestamp, last: last.timestamp } : undefined;
    }
    let span: { first: number; last: number } | undefined;
    const known = this.events.length ? { first: this.events[0]!.timestamp, last: this.events[this.events.length - 1]!.timestamp } : undefined;
    for (const s of this.sources) {
      const estimate = s.span?.(now);
      if (!estimate) continue;
      span = span ? { first: Math.min(span.first, estimate.first), last: Math.max(span.last, estimate.last) } : estimate;
    }
    if (!span) {
      this.materialize(now);
      return this.span(now);
    }
    const merged = known ? { first: Math.min(known.first, span.first), last: Math.max(known.last, span.last) } : span;
    return { first: Math.floor(merged.first), last: Math.floor(merged.last) };
  }
}

export class LogGroup {
  readonly streams = new Map<string, LogStream>();
  private sortedNames: string[] | undefined;

  constructor(
    readonly name: string,
    public creationTime: number,
  ) {
    this.creationTime = Math.floor(creationTime);
  }

  stream(name: string, creationTime: number): LogStream {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = new LogStream(name, creationTime);
      this.streams.set(name, stream);
      this.sortedNames = undefined;
    }
    return stream;
  }

  /** Stream names in byte order (DescribeLogStreams' default order). */
  names(): readonly string[] {
    this.sortedNames ??= [...this.streams.keys()].sort();
    return this.sortedNames;
  }
}

/** The log groups of one account and region. */
export class LogStore {
  readonly groups = new Map<string, LogGroup>();
  /** Maps virtual to wall times for answers (set by the region's state). */
  clock: VirtualClock | undefined;
  private sortedNames: string[] | undefined;

  group(name: string, creationTime: number): LogGroup {
    let group = this.groups.get(name);
    if (!group) {
      group = new LogGroup(name, creationTime);
      this.groups.set(name, group);
      this.sortedNames = undefined;
    } else if (creationTime < group.creationTime) {
      group.creationTime = Math.floor(creationTime);
    }
    return group;
  }

  names(): readonly string[] {
    this.sortedNames ??= [...this.groups.keys()].sort();
    return this.sortedNames;
  }

  /** Adds a stream (creating its group if needed); visible once `creationTime` has passed. */
  stream(groupName: string, streamName: string, creationTime: number): LogStream {
    const group = this.group(groupName, creationTime);
    return group.stream(streamName, creationTime);
  }
}

export const TRAINING_LOG_GROUP = '/aws/sagemaker/TrainingJobs';
export const PROCESSING_LOG_GROUP = '/aws/sagemaker/ProcessingJobs';
export const TRANSFORM_LOG_GROUP = '/aws/sagemaker/TransformJobs';
export const endpointLogGroup = (endpointName: string): string => `/aws/sagemaker/Endpoints/${endpointName}`;
