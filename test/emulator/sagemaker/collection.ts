/** What every stored SageMaker resource has. `key` is the lower-cased identity used for lookups. */
export interface Resource {
  key: string;
  name: string;
  arn: string;
  creationTime: number;
  tags: { Key: string; Value: string }[];
}

const byCreation = (a: Resource, b: Resource): number =>
  a.creationTime - b.creationTime || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const byName = (a: Resource, b: Resource): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/**
 * One kind of resource in one account and region, kept sorted by creation time (the default
 * listing order) with a name-sorted index rebuilt only after a change, so a page is a binary
 * search plus a slice, never a sort.
 */
export class Collection<T extends Resource> {
  private readonly map = new Map<string, T>();
  private ordered: T[] = [];
  private nameIndex: T[] | undefined;

  get(key: string): T | undefined {
    return this.map.get(key.toLowerCase());
  }

  has(key: string): boolean {
    return this.map.has(key.toLowerCase());
  }

  add(item: T): void {
    if (this.map.has(item.key)) throw new Error(`duplicate ${item.key}`);
    this.map.set(item.key, item);
    const last = this.ordered[this.ordered.length - 1];
    if (!last || byCreation(last, item) <= 0) this.ordered.push(item);
    else this.ordered.splice(lowerBound(this.ordered, item, byCreation), 0, item);
    this.nameIndex = undefined;
  }

  /** Adds many at once (seeding): one sort instead of many inserts. */
  addAll(items: T[]): void {
    for (const item of items) {
      if (this.map.has(item.key)) throw new Error(`duplicate ${item.key}`);
      this.map.set(item.key, item);
    }
    this.ordered = [...this.ordered, ...items].sort(byCreation);
    this.nameIndex = undefined;
  }

  remove(key: string): T | undefined {
    const item = this.map.get(key.toLowerCase());
    if (!item) return undefined;
    this.map.delete(item.key);
    const i = lowerBound(this.ordered, item, byCreation);
    if (this.ordered[i] === item) this.ordered.splice(i, 1);
    else this.ordered = this.ordered.filter((x) => x !== item);
    this.nameIndex = undefined;
    return item;
  }

  get size(): number {
    return this.map.size;
  }

  /** Oldest first. */
  byCreationTime(): readonly T[] {
    return this.ordered;
  }

  byName(): readonly T[] {
    this.nameIndex ??= [...this.ordered].sort(byName);
    return this.nameIndex;
  }

  values(): IterableIterator<T> {
    return this.map.values();
  }
}

/** First index whose element is not less than `item`. */
export function lowerBound<T>(items: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(items[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const compareByCreation = byCreation;
export const compareByName = byName;
