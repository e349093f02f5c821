import { CancelledError, isCancellation, throwIfAborted } from './cancellation';
import { realTimers, type Timers } from './timers';

/** How one wait probes, decides and backs off. */
export interface WaitSpec<T> {
  /** One look at the resource (a Describe). */
  probe(signal?: AbortSignal): Promise<T>;
  /** The state waited for has been reached: the wait resolves with this answer. */
  reached(answer: T): boolean;
  /** The resource settled somewhere else: the wait fails with this error. */
  failed?(answer: T): Error | undefined;
  /** Failures of a probe that do not end the wait (a dropped connection during an hour-long job). */
  retryOn?(error: unknown): boolean;
  /** Each answer as it comes, for progress messages. */
  onAnswer?(answer: T): void;
  /** Delays between probes; the last one repeats. */
  readonly delaysMs: readonly number[];
  readonly signal?: AbortSignal;
  readonly timers?: Timers;
}

/** Resolves after `ms` on the given clock, or rejects with CancelledError when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, timers: Timers = realTimers): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    const onAbort = (): void => {
      timers.clearTimeout(handle);
      reject(new CancelledError());
    };
    const handle = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The one wait for a resource to settle: probe, decide, back off along `delaysMs`, until the
 * state is reached (resolves with that answer), it settles elsewhere (rejects), or the signal
 * aborts (rejects with CancelledError).
 */
export async function waitUntil<T>(spec: WaitSpec<T>): Promise<T> {
  const timers = spec.timers ?? realTimers;
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(spec.signal);
    try {
      const answer = await spec.probe(spec.signal);
      spec.onAnswer?.(answer);
      if (spec.reached(answer)) return answer;
      const failure = spec.failed?.(answer);
      if (failure) throw failure;
    } catch (error) {
      if (isCancellation(error) || !spec.retryOn?.(error)) throw error;
    }
    await sleep(spec.delaysMs[Math.min(attempt, spec.delaysMs.length - 1)] ?? 5_000, spec.signal, timers);
  }
}

/** Delays that grow by `factor` from `first` up to `cap`: 30 s, 45 s, 67 s... */
export function backoff(first: number, factor: number, cap: number, steps = 12): number[] {
  return Array.from({ length: steps }, (_, index) => Math.min(cap, Math.round(first * factor ** index)));
}
