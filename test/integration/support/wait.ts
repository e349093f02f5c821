// Polling for conditions that settle asynchronously (tree refreshes, status changes, requests).

export interface WaitForOptions {
  /** Default 10 000 ms. */
  timeout?: number;
  /** Default 100 ms. */
  interval?: number;
  /** Says what was awaited, in the timeout error. */
  message?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `condition` until it returns a truthy value (which is returned) or the time is up.
 * A throwing condition counts as "not yet"; its last error is quoted in the timeout error.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: number | WaitForOptions = {},
): Promise<NonNullable<T>> {
  const { timeout = 10_000, interval = 100, message = 'a condition' } = typeof options === 'number' ? { timeout: options } : options;
  const deadline = Date.now() + timeout;
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      last = await condition();
      lastError = undefined;
      if (last) return last as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const why = lastError !== undefined ? `last error: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`timed out after ${timeout} ms waiting for ${message} (${why})`);
    }
    await sleep(interval);
  }
}
