/** Runs at most `limit` tasks at once, in arrival order. */
export function concurrencyLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** Maps `items` through `fn` with at most `limit` calls in flight; results keep the input order. */
export function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const limited = concurrencyLimiter(Math.max(1, limit));
  return Promise.all(items.map((item, index) => limited(() => fn(item, index))));
}
