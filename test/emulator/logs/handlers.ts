import { logsAnswerInWallTime, logsRequestInVirtualTime } from '../core/wallTime';
import type * as CWL from '@aws-sdk/client-cloudwatch-logs';
import { AwsError } from '../core/errors';
import { hash32 } from '../core/random';
import type { Wire } from '../sagemaker/wire';
import { compact } from '../sagemaker/wire';
import type { LogEvent, LogGroup, LogStore, LogStream } from './store';

export interface LogsContext {
  logs: LogStore;
  now: number;
  region: string;
  accountId: string;
}

export type LogsHandler = (ctx: LogsContext, input: Record<string, unknown>) => unknown;

type In<T> = Wire<T>;
const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);
const groupNotFound = (): AwsError => new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
const streamNotFound = (): AwsError => new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');

const groupArn = (ctx: LogsContext, name: string): string => `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;

function groupNameOf(input: { logGroupName?: string; logGroupIdentifier?: string }): string {
  if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined) {
    throw invalid('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  const id = input.logGroupName ?? input.logGroupIdentifier;
  if (id === undefined) throw invalid('Either logGroupName or logGroupIdentifier must be specified.');
  const arn = /^arn:[^:]+:logs:[^:]*:\d*:log-group:(.+?)(:\*)?$/.exec(id);
  return arn ? arn[1]! : id;
}

function visibleGroup(ctx: LogsContext, name: string): LogGroup {
  const group = ctx.logs.groups.get(name);
  if (!group || group.creationTime > ctx.now) throw groupNotFound();
  return group;
}

function visibleStream(ctx: LogsContext, group: LogGroup, name: string): LogStream {
  const stream = group.streams.get(name);
  if (!stream || stream.creationTime > ctx.now) throw streamNotFound();
  return stream;
}

const encodeToken = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');
function decodeToken<T>(token: string): T {
  try {
    return JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as T;
  } catch {
    throw invalid('The specified nextToken is invalid.');
  }
}

function lowerBound(names: readonly string[], name: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid]! < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First event index with timestamp >= t. */
function firstAtOrAfter(events: readonly LogEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.timestamp < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const DescribeLogGroups: LogsHandler = (ctx, input) => {
  const i = input as In<CWL.DescribeLogGroupsRequest>;
  if (i.logGroupNamePrefix !== undefined && i.logGroupNamePattern !== undefined) {
    throw invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  const limit = i.limit ?? 50;
  const names = ctx.logs.names();
  const after = i.nextToken ? decodeToken<{ n: string }>(i.nextToken).n : undefined;
  let k = after !== undefined ? lowerBound(names, after) + (names[lowerBound(names, after)] === after ? 1 : 0) : i.logGroupNamePrefix ? lowerBound(names, i.logGroupNamePrefix) : 0;
  const out: Wire<CWL.LogGroup>[] = [];
  let last: string | undefined;
  let more = false;
  const pattern = i.logGroupNamePattern?.toLowerCase();
  for (; k < names.length; k++) {
    const name = names[k]!;
    if (i.logGroupNamePrefix && !name.startsWith(i.logGroupNamePrefix)) break;
    const group = ctx.logs.groups.get(name)!;
    if (group.creationTime > ctx.now) continue;
    if (pattern && !name.toLowerCase().includes(pattern)) continue;
    if (out.length >= limit) {
      more = true;
      break;
    }
    let stored = 0;
    for (const s of group.streams.values()) stored += s.storedBytes;
    out.push({
      logGroupName: name,
      creationTime: group.creationTime,
      metricFilterCount: 0,
      arn: `${groupArn(ctx, name)}:*`,
      storedBytes: stored,
      logGroupClass: 'STANDARD',
      logGroupArn: groupArn(ctx, name),
    });
    last = name;
  }
  return compact({ logGroups: out, nextToken: more && last ? encodeToken({ n: last }) : undefined }) satisfies Wire<CWL.DescribeLogGroupsResponse>;
};

function streamSummary(ctx: LogsContext, group: LogGroup, stream: LogStream): Wire<CWL.LogStream> {
  const span = stream.span(ctx.now);
  return compact({
    logStreamName: stream.name,
    creationTime: stream.creationTime,
    firstEventTimestamp: span?.first,
    lastEventTimestamp: span?.last,
    lastIngestionTime: span ? span.last + 350 : undefined,
    uploadSequenceToken: String(49_600_000_000_000_000n + BigInt(hash32(`${group.name}/${stream.name}`))),
    arn: `${groupArn(ctx, group.name)}:log-stream:${stream.name}`,
    storedBytes: 0,
  });
}

const DescribeLogStreams: LogsHandler = (ctx, input) => {
  const i = input as In<CWL.DescribeLogStreamsRequest>;
  const group = visibleGroup(ctx, groupNameOf(i));
  const orderBy = i.orderBy ?? 'LogStreamName';
  if (orderBy === 'LastEventTime' && i.logStreamNamePrefix !== undefined) {
    throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const limit = i.limit ?? 50;
  const descending = i.descending === true;
  const out: Wire<CWL.LogStream>[] = [];
  if (orderBy === 'LogStreamName') {
    const names = group.names();
    const prefix = i.logStreamNamePrefix ?? '';
    const lo = lowerBound(names, prefix);
    // End of the prefix range.
    const hi = prefix ? lowerBound(names, `${prefix}\u{10FFFF}`) : names.length;
    const cursor = i.nextToken ? decodeToken<{ n: string }>(i.nextToken).n : undefined;
    let k: number;
    if (descending) {
      k = cursor !== undefined ? lowerBound(names, cursor) - 1 : hi - 1;
      k = Math.min(k, hi - 1);
    } else {
      k = cursor !== undefined ? lowerBound(names, cursor) + (names[lowerBound(names, cursor)] === cursor ? 1 : 0) : lo;
      k = Math.max(k, lo);
    }
    let last: string | undefined;
    let more = false;
    for (; descending ? k >= lo : k < hi; k += descending ? -1 : 1) {
      const stream = group.streams.get(names[k]!)!;
      if (stream.creationTime > ctx.now) continue;
      if (out.length >= limit) {
        more = true;
        break;
      }
      out.push(streamSummary(ctx, group, stream));
      last = stream.name;
    }
    return compact({ logStreams: out, nextToken: more && last ? encodeToken({ n: last }) : undefined }) satisfies Wire<CWL.DescribeLogStreamsResponse>;
  }
  const visible = [...group.streams.values()].filter((s) => s.creationTime <= ctx.now).map((s) => ({ s, last: s.span(ctx.now)?.last ?? s.creationTime }));
  visible.sort((a, b) => a.last - b.last || (a.s.name < b.s.name ? -1 : 1));
  if (descending) visible.reverse();
  const offset = i.nextToken ? decodeToken<{ i: number }>(i.nextToken).i : 0;
  const page = visible.slice(offset, offset + limit);
  return compact({
    logStreams: page.map((v) => streamSummary(ctx, group, v.s)),
    nextToken: offset + limit < visible.length ? encodeToken({ i: offset + limit }) : undefined,
  }) satisfies Wire<CWL.DescribeLogStreamsResponse>;
};

const TOKEN_DIGITS = 56;
const forwardToken = (i: number): string => `f/${String(i).padStart(TOKEN_DIGITS, '0')}/s`;
const backwardToken = (i: number): string => `b/${String(i).padStart(TOKEN_DIGITS, '0')}/s`;
const MAX_BYTES = 1_048_576;

const GetLogEvents: LogsHandler = (ctx, input) => {
  const i = input as In<CWL.GetLogEventsRequest>;
  const group = visibleGroup(ctx, groupNameOf(i));
  const stream = visibleStream(ctx, group, i.logStreamName);
  stream.materialize(ctx.now);
  const events = stream.events;
  const lo = i.startTime !== undefined ? firstAtOrAfter(events, i.startTime) : 0;
  const hi = i.endTime !== undefined ? firstAtOrAfter(events, i.endTime) : events.length;
  const limit = i.limit ?? 10_000;
  let direction: 'f' | 'b';
  let at: number;
  if (i.nextToken) {
    const m = /^([fb])\/(\d+)\/s$/.exec(i.nextToken);
    if (!m) throw invalid('The specified nextToken is invalid.');
    direction = m[1] as 'f' | 'b';
    at = Math.min(Math.max(Number(m[2]), lo), Math.max(hi, lo));
  } else if (i.startFromHead) {
    direction = 'f';
    at = lo;
  } else {
    direction = 'b';
    at = Math.max(hi, lo);
  }
  let start: number;
  let end: number;
  if (direction === 'f') {
    start = at;
    end = start;
    let bytes = 0;
    while (end < hi && end - start < limit) {
      bytes += Buffer.byteLength(events[end]!.message) + 26;
      if (bytes > MAX_BYTES && end > start) break;
      end++;
    }
  } else {
    end = at;
    start = end;
    let bytes = 0;
    while (start > lo && end - start < limit) {
      bytes += Buffer.byteLength(events[start - 1]!.message) + 26;
      if (bytes > MAX_BYTES && start < end) break;
      start--;
    }
  }
  return {
    events: events.slice(start, end).map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    // At the end of the stream the same forward token comes back, so followers can poll with it.
    nextForwardToken: forwardToken(end),
    nextBackwardToken: backwardToken(start),
  } satisfies Wire<CWL.GetLogEventsResponse>;
};

/** CloudWatch's term filters: all terms, `?any` alternatives, `-excluded` terms, "quoted phrases". */
export function compileFilterPattern(pattern: string | undefined): (message: string) => boolean {
  const p = (pattern ?? '').trim();
  if (!p || p === '""' || p.startsWith('{') || p.startsWith('[')) return () => true;
  const terms = [...p.matchAll(/([?-]?)"([^"]*)"|([?-]?)(\S+)/g)].map((m) => ({ op: m[1] || m[3] || '', text: m[2] ?? m[4] ?? '' }));
  const all = terms.filter((t) => t.op === '').map((t) => t.text);
  const any = terms.filter((t) => t.op === '?').map((t) => t.text);
  const none = terms.filter((t) => t.op === '-').map((t) => t.text);
  return (m) => all.every((t) => m.includes(t)) && (any.length === 0 || any.some((t) => m.includes(t))) && !none.some((t) => m.includes(t));
}

interface Cursor {
  t: number;
  s: string;
  i: number;
}

const FilterLogEvents: LogsHandler = (ctx, input) => {
  const i = input as In<CWL.FilterLogEventsRequest>;
  const group = visibleGroup(ctx, groupNameOf(i));
  if (i.logStreamNames !== undefined && i.logStreamNamePrefix !== undefined) {
    throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  const limit = i.limit ?? 10_000;
  const match = compileFilterPattern(i.filterPattern);
  const names = i.logStreamNames ?? group.names().filter((n) => !i.logStreamNamePrefix || n.startsWith(i.logStreamNamePrefix));
  const streams = names.map((n) => group.streams.get(n)).filter((s): s is LogStream => s !== undefined && s.creationTime <= ctx.now);
  const cursor = i.nextToken ? decodeToken<Cursor>(i.nextToken) : undefined;
  // One position per stream, then a k-way merge by (timestamp, stream name).
  const heads = streams.map((s) => {
    s.materialize(ctx.now);
    let k = i.startTime !== undefined ? firstAtOrAfter(s.events, i.startTime) : 0;
    if (cursor) {
      const after = firstAtOrAfter(s.events, cursor.t);
      k = Math.max(k, after);
      while (k < s.events.length && s.events[k]!.timestamp === cursor.t && (s.name < cursor.s || (s.name === cursor.s && k <= cursor.i))) k++;
    }
    return { s, k };
  });
  const inRange = (e: LogEvent): boolean => i.endTime === undefined || e.timestamp <= i.endTime;
  const events: Wire<CWL.FilteredLogEvent>[] = [];
  let last: Cursor | undefined;
  let more = false;
  for (;;) {
    let best: (typeof heads)[number] | undefined;
    for (const h of heads) {
      if (h.k >= h.s.events.length || !inRange(h.s.events[h.k]!)) continue;
      if (!best || h.s.events[h.k]!.timestamp < best.s.events[best.k]!.timestamp || (h.s.events[h.k]!.timestamp === best.s.events[best.k]!.timestamp && h.s.name < best.s.name)) best = h;
    }
    if (!best) break;
    const e = best.s.events[best.k]!;
    if (match(e.message)) {
      if (events.length >= limit) {
        more = true;
        break;
      }
      events.push({
        logStreamName: best.s.name,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.ingestionTime,
        eventId: `${e.timestamp}${String(hash32(best.s.name)).padStart(10, '0')}${String(best.k).padStart(12, '0')}`.padEnd(56, '0'),
      });
      last = { t: e.timestamp, s: best.s.name, i: best.k };
    }
    best.k++;
  }
  return compact({
    events,
    searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: !more })),
    nextToken: more && last ? encodeToken(last) : undefined,
  }) satisfies Wire<CWL.FilterLogEventsResponse>;
};

const inVirtualTime: Record<string, LogsHandler> = { DescribeLogGroups, DescribeLogStreams, GetLogEvents, FilterLogEvents };

/** The operations, taking and answering wall times (see `VirtualClock`). */
export const logsHandlers: Readonly<Record<string, LogsHandler>> = Object.fromEntries(
  Object.entries(inVirtualTime).map(([name, handler]): [string, LogsHandler] => [
    name,
    (ctx, input) => {
      const clock = ctx.logs.clock;
      return clock ? logsAnswerInWallTime(handler(ctx, logsRequestInVirtualTime(input, clock)), clock) : handler(ctx, input);
    },
  ]),
);
