import { validationError } from '../core/errors';
import { type Collection, compareByCreation, compareByName, lowerBound, type Resource } from './collection';

export type SortOrder = 'Ascending' | 'Descending';

export interface ListOptions<T extends Resource> {
  sortBy?: string;
  sortOrder?: string;
  defaultSortBy?: string;
  defaultSortOrder?: SortOrder;
  maxResults?: number;
  defaultMaxResults?: number;
  nextToken?: string;
  /** Epoch ms, exclusive bounds on CreationTime. */
  createdAfter?: number;
  createdBefore?: number;
  /** Filters applied while filling the page (NameContains, ...). */
  filter?: (item: T) => boolean;
  /** Filters applied after MaxResults items were taken (ListTrainingJobs' StatusEquals). */
  filterAfterLimit?: (item: T) => boolean;
  /** Needed for SortBy=Status. */
  status?: (item: T) => string;
  /** Needed for SortBy=LastModifiedTime. */
  lastModified?: (item: T) => number;
  /** Needed for other sort keys (tuning children by objective value...): ascending comparator. */
  compare?: (a: T, b: T) => number;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

interface Cursor {
  s: string;
  o: SortOrder;
  /** Last item returned, for the indexed orders. */
  t?: number;
  k?: string;
  n?: string;
  /** Offset, for orders computed per call. */
  i?: number;
}

const encode = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64');

function decode(token: string, sortBy: string, order: SortOrder): Cursor {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Cursor;
    if (c.s === sortBy && c.o === order) return c;
  } catch {
    // fall through
  }
  throw validationError('The provided pagination token is invalid.');
}

/**
 * One page of a listing, the way SageMaker pages: sorted by CreationTime (default), Name,
 * Status or LastModifiedTime, ascending or descending, `MaxResults` per page, an opaque
 * `NextToken` that remembers the last item (so inserts between calls do not shift pages).
 */
export function listPage<T extends Resource>(source: Collection<T> | readonly T[], o: ListOptions<T>): Page<T> {
  const sortBy = o.sortBy ?? o.defaultSortBy ?? 'CreationTime';
  const order: SortOrder = o.sortOrder === 'Ascending' || o.sortOrder === 'Descending' ? o.sortOrder : (o.defaultSortOrder ?? 'Descending');
  const max = o.maxResults ?? o.defaultMaxResults ?? 10;
  const cursor = o.nextToken ? decode(o.nextToken, sortBy, order) : undefined;
  const all = Array.isArray(source) ? [...(source as readonly T[])].sort(compareByCreation) : (source as Collection<T>).byCreationTime();

  let ordered: readonly T[];
  let lo = 0;
  let hi = all.length; // exclusive
  let indexed = false;
  if (sortBy === 'CreationTime') {
    ordered = all;
    indexed = true;
    if (o.createdAfter !== undefined) lo = lowerBound(all, probe(o.createdAfter + 0.001), compareByCreation);
    if (o.createdBefore !== undefined) hi = lowerBound(all, probe(o.createdBefore), compareByCreation);
  } else if (sortBy === 'Name') {
    ordered = Array.isArray(source) ? [...all].sort(compareByName) : (source as Collection<T>).byName();
    indexed = true;
  } else if (sortBy === 'Status' && o.status) {
    ordered = bucketByStatus(all, o.status);
  } else if (sortBy === 'LastModifiedTime' && o.lastModified) {
    const lm = o.lastModified;
    ordered = [...all].sort((a, b) => lm(a) - lm(b) || compareByCreation(a, b));
  } else if (o.compare) {
    ordered = [...all].sort(o.compare);
  } else {
    throw validationError(`SortBy ${sortBy} is not supported for this listing.`);
  }
  if (!indexed) hi = ordered.length;

  const inRange = (item: T): boolean =>
    (o.createdAfter === undefined || item.creationTime > o.createdAfter) &&
    (o.createdBefore === undefined || item.creationTime < o.createdBefore);
  const passes = (item: T): boolean => (sortBy === 'CreationTime' || inRange(item)) && (!o.filter || o.filter(item));

  // Position of the first candidate in iteration order.
  const step = order === 'Ascending' ? 1 : -1;
  let i = step === 1 ? lo : hi - 1;
  if (cursor) {
    if (indexed) {
      const last = sortBy === 'CreationTime' ? probe(cursor.t ?? 0, cursor.k ?? '') : probeName(cursor.n ?? '', cursor.k ?? '');
      const cmp = sortBy === 'CreationTime' ? compareByCreation : compareByName;
      const at = lowerBound(ordered, last as T, cmp);
      const exact = at < ordered.length && cmp(ordered[at]!, last) === 0;
      i = step === 1 ? (exact ? at + 1 : at) : at - 1;
      i = step === 1 ? Math.max(i, lo) : Math.min(i, hi - 1);
    } else {
      i = cursor.i ?? 0;
      i = step === 1 ? i : hi - 1 - i;
    }
  }

  const items: T[] = [];
  let scanned = 0;
  let lastTaken: T | undefined;
  let lastIndex = i - step;
  for (; step === 1 ? i < hi : i >= lo; i += step) {
    const item = ordered[i]!;
    if (!passes(item)) continue;
    if (o.filterAfterLimit ? scanned >= max : items.length >= max) break;
    scanned++;
    lastTaken = item;
    lastIndex = i;
    if (!o.filterAfterLimit || o.filterAfterLimit(item)) items.push(item);
  }
  // More to come when a further candidate exists.
  let more = false;
  for (let j = lastIndex + step; step === 1 ? j < hi : j >= lo; j += step) {
    if (passes(ordered[j]!)) {
      more = true;
      break;
    }
  }
  if (!more || !lastTaken) return { items };
  const next: Cursor = { s: sortBy, o: order };
  if (indexed) {
    next.k = lastTaken.key;
    if (sortBy === 'CreationTime') next.t = lastTaken.creationTime;
    else next.n = lastTaken.name;
  } else {
    next.i = step === 1 ? lastIndex + 1 : hi - lastIndex;
  }
  return { items, nextToken: encode(next) };
}

function probe(creationTime: number, key = ''): Resource {
  return { key, name: '', arn: '', creationTime, tags: [] };
}

function probeName(name: string, key: string): Resource {
  return { key, name, arn: '', creationTime: 0, tags: [] };
}

/** Orders by status name, then creation time, in one pass per status: no sort of the items. */
function bucketByStatus<T extends Resource>(items: readonly T[], status: (item: T) => string): T[] {
  const buckets = new Map<string, T[]>();
  for (const item of items) {
    const s = status(item);
    let b = buckets.get(s);
    if (!b) buckets.set(s, (b = []));
    b.push(item);
  }
  return [...buckets.keys()].sort().flatMap((k) => buckets.get(k)!);
}

/** `MaxResults` default and the request's time filters in epoch ms. */
export function toMs(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value * 1000;
  if (typeof value === 'string') {
    const n = Number(value);
    return Number.isFinite(n) ? n * 1000 : Date.parse(value);
  }
  if (value instanceof Date) return value.getTime();
  return undefined;
}
