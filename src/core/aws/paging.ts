import { throwIfAborted } from '../util/cancellation';

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/**
 * Follows `NextToken` through every page. One call per page; `signal` stops between pages.
 * `maxPages` bounds runaway listings (a service that keeps returning tokens).
 */
export async function collectPages<T>(
  fetchPage: (nextToken: string | undefined) => Promise<Page<T>>,
  options: { signal?: AbortSignal; maxPages?: number } = {},
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    throwIfAborted(options.signal);
    const page = await fetchPage(token);
    items.push(...page.items);
    token = page.nextToken || undefined;
    pages++;
  } while (token && pages < (options.maxPages ?? 1000));
  return items;
}
