import type { AwsClients } from '../aws/clientFactory';
import { classifyAwsError } from '../aws/errors';
import { loadSdk } from '../aws/loadSdk';
import { delay, isCancellation } from '../util/cancellation';
import type { LogSource } from './logSources';

/** One log event, with the stream it came from. */
export interface LogLine {
  readonly timestamp: number;
  readonly stream: string;
  readonly message: string;
}

/**
 * `waiting`: no log group or stream yet ("the job has not started logging"); `reading`: catching
 * up with what is there; `following`: caught up, polling for new lines; then `done` or `stopped`.
 */
export type FollowState = 'waiting' | 'reading' | 'following' | 'done' | 'stopped';

export interface FollowResult {
  /** `drained`: the source ended and every line was read; `noLogs`: it ended without logging; `stopped`: the caller aborted. */
  readonly outcome: 'drained' | 'noLogs' | 'stopped';
  readonly lines: number;
  readonly streams: number;
  /** AWS calls made (GetLogEvents, DescribeLogStreams and the liveness checks). */
  readonly calls: number;
}

export interface FollowOptions {
  readonly clients: AwsClients;
  readonly region: string;
  readonly source: LogSource;
  /** Keep polling while the source runs; false reads what is there and stops. */
  readonly follow: boolean;
  /** Whether more lines may still come (the job runs, the endpoint exists); asked when a poll finds nothing new. */
  readonly isLive: () => Promise<boolean>;
  /** Each batch, in time order across streams. */
  readonly onLines: (lines: readonly LogLine[]) => void;
  readonly onState?: (state: FollowState) => void;
  readonly signal?: AbortSignal;
  /** Pauses between polls that found nothing: short first, then longer (reset when lines arrive). */
  readonly pollDelaysMs?: readonly number[];
  /** Events per GetLogEvents call (the service's maximum is 10,000). */
  readonly pageLimit?: number;
  /** Failed polls in a row tolerated while following (network blips) before giving up. */
  readonly maxConsecutiveFailures?: number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Read only the last this-many ms of logging, counted back from the newest event the streams
   * report (the service's clock, not this machine's): an endpoint logs for as long as it lives,
   * and its streams' beginnings are days of health checks. Undefined: every stream from its head.
   */
  readonly recentMs?: number;
}

export const defaultPollDelaysMs = [1_000, 2_000, 3_000, 5_000, 10_000];

interface StreamCursor {
  token?: string;
  /** Pages in a row that moved the token without events (bounded, so a gap cannot spin). */
  emptyMoves: number;
}

/** Empty pages with a new token read on at once this many times in a row, then wait like any idle poll. */
const maxEmptyMoves = 3;

/** GetLogEvents stops a page at 1 MB: a page this big is treated as full (more is waiting). */
const fullPageBytes = 900_000;

/**
 * Reads a job's or endpoint's CloudWatch log streams in order and, while the source runs, follows
 * them: each round reads one page of every stream (GetLogEvents from the head, forward tokens),
 * merges the round's events by time, and hands them over; a round that found nothing waits a
 * little longer before the next (backoff). When the source has ended, one last round drains what
 * was ingested late, then the follower stops. Lines are passed on, never kept: memory stays flat.
 */
export async function followLog(options: FollowOptions): Promise<FollowResult> {
  const { logs } = await loadSdk();
  const client = await options.clients.logs(options.region);
  const sleep = options.sleep ?? delay;
  const delays = options.pollDelaysMs ?? defaultPollDelaysMs;
  const streams = new Map<string, StreamCursor>();
  const { group, streamPrefix } = options.source;
  const pageLimit = options.pageLimit ?? 10_000;
  let calls = 0;
  let lines = 0;
  /** Where reading starts (epoch ms), fixed at the first discovery that finds a stream. */
  let startTime: number | undefined;
  let freshLines = false;
  let idleStep = 0;
  let failures = 0;
  let finalRound = false;
  let state: FollowState | undefined;
  const setState = (next: FollowState): void => {
    if (next !== state) options.onState?.((state = next));
  };
  const result = (outcome: FollowResult['outcome']): FollowResult => {
    setState(outcome === 'stopped' ? 'stopped' : 'done');
    return { outcome, lines, streams: streams.size, calls };
  };

  const discover = async (): Promise<void> => {
    let nextToken: string | undefined;
    let newest = 0;
    do {
      calls++;
      const answer = await client.send(
        new logs.DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: streamPrefix, nextToken }),
        { abortSignal: options.signal },
      );
      for (const stream of answer.logStreams ?? []) {
        if (stream.logStreamName && !streams.has(stream.logStreamName)) streams.set(stream.logStreamName, { emptyMoves: 0 });
        if (options.recentMs !== undefined && startTime === undefined) newest = Math.max(newest, stream.lastEventTimestamp ?? stream.creationTime ?? 0);
      }
      nextToken = answer.nextToken;
    } while (nextToken);
    if (options.recentMs !== undefined && startTime === undefined && newest > 0) startTime = newest - options.recentMs;
  };

  /**
   * One page of every stream. True when a stream answered a full page (a backlog: read on at
   * once); a partial page means caught up, and the next read waits like any poll, so a chatty
   * job costs about one call per stream per second rather than a tight loop.
   */
  const readRound = async (): Promise<boolean> => {
    const batch: LogLine[] = [];
    let backlog = false;
    for (const [name, cursor] of streams) {
      calls++;
      const answer = await client.send(
        new logs.GetLogEventsCommand({
          logGroupName: group,
          logStreamName: name,
          startFromHead: true,
          startTime,
          nextToken: cursor.token,
          limit: pageLimit,
        }),
        { abortSignal: options.signal },
      );
      const events = answer.events ?? [];
      let bytes = 0;
      for (const event of events) {
        const message = event.message ?? '';
        bytes += message.length + 26;
        batch.push({ timestamp: event.timestamp ?? 0, stream: name, message });
      }
      // The service answers the same token at the end of a stream; a new one means read on.
      if (answer.nextForwardToken && answer.nextForwardToken !== cursor.token) {
        cursor.token = answer.nextForwardToken;
        cursor.emptyMoves = events.length > 0 ? 0 : cursor.emptyMoves + 1;
        // A page ends at 10,000 events or 1 MB; an empty page with a new token may hide a gap.
        const full = events.length >= pageLimit || bytes >= fullPageBytes;
        const gap = events.length === 0 && cursor.emptyMoves <= maxEmptyMoves;
        // Reading (not following) goes on until the token stops moving: never end early on a guess.
        backlog ||= options.follow ? full || gap : events.length > 0 || gap;
      }
    }
    if (streams.size > 1) batch.sort((a, b) => a.timestamp - b.timestamp);
    if (batch.length > 0) {
      lines += batch.length;
      options.onLines(batch);
      freshLines = true;
    }
    return backlog;
  };

  let catchingUp = false;
  let quiet = true;
  let roundsSinceDiscovery = Infinity;
  for (;;) {
    if (options.signal?.aborted) return result('stopped');
    try {
      // New streams (another host, a restarted spot job) are looked for when caught up and quiet,
      // and now and then while lines flow.
      if (!catchingUp && (quiet || roundsSinceDiscovery >= 10)) {
        await discoverQuietly(discover);
        roundsSinceDiscovery = 0;
      }
      roundsSinceDiscovery++;
      if (streams.size === 0) setState('waiting');
      else if (state !== 'following') setState('reading');
      catchingUp = await readRound();
      failures = 0;
    } catch (error) {
      if (isCancellation(error) || options.signal?.aborted) return result('stopped');
      catchingUp = false;
      failures++;
      const retryable = classifyAwsError(error).retryable;
      if (!options.follow || !retryable || failures > (options.maxConsecutiveFailures ?? 5)) throw error;
    }
    if (catchingUp) {
      idleStep = 0;
      continue;
    }
    if (!options.follow) return result(streams.size === 0 ? 'noLogs' : 'drained');
    if (finalRound && !freshLines) return result(streams.size === 0 ? 'noLogs' : 'drained');
    let live = true;
    if (freshLines) {
      // Lines are still coming: poll again soon, without asking whether the source still runs.
      idleStep = 0;
    } else {
      try {
        calls++;
        live = await options.isLive();
      } catch (error) {
        if (isCancellation(error)) return result('stopped');
        // Could not tell: keep following; the next idle round asks again.
      }
    }
    quiet = !freshLines;
    freshLines = false;
    if (streams.size > 0) setState('following');
    const pause = delays[Math.min(idleStep, delays.length - 1)] ?? 5_000;
    idleStep++;
    if (!live) finalRound = true;
    try {
      await sleep(finalRound ? Math.min(pause, delays[0] ?? pause) : pause, options.signal);
    } catch {
      return result('stopped');
    }
  }
}

/** A missing log group is no error here: the job has not started logging yet. */
async function discoverQuietly(discover: () => Promise<void>): Promise<void> {
  try {
    await discover();
  } catch (error) {
    if (classifyAwsError(error).kind !== 'notFound') throw error;
  }
}

/** Reads everything a source has logged so far (no following), e.g. to chart metrics. */
export async function readWholeLog(
  options: Omit<FollowOptions, 'follow' | 'isLive'>,
): Promise<FollowResult> {
  return followLog({ ...options, follow: false, isLive: () => Promise.resolve(false) });
}
