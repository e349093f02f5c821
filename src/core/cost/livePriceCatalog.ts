import type { AwsClients } from '../aws/clientFactory';
import { classifyAwsError, type ErrorKind } from '../aws/errors';
import { CancelledError } from '../util/cancellation';
import { Emitter } from '../util/events';
import { silentLogger, type Logger } from '../util/logger';
import { BundledPrices, type BundledPriceTable } from './bundledPrices';
import { concurrencyLimiter } from './concurrency';
import { parsePriceCache, rateKey, serializePriceCache, type PriceCacheContents, type PriceCacheStore } from './priceCache';
import type { PriceCatalog, PriceQuery, PriceQuote } from './priceCatalog';
import { offerUseFor, resolveOfferValue, type UseKey } from './priceUses';
import { discoverOfferSchema, fetchHourlyRate, fetchHourlyRatesOfUse, type OfferSchema } from './pricingApi';

export interface LivePriceCatalogOptions {
  /** The current connection's clients; undefined while there is no connection yet. */
  readonly clients: () => AwsClients | undefined;
  readonly loadBundled: () => Promise<BundledPriceTable>;
  readonly cache: PriceCacheStore;
  /** How long a Pricing API answer is trusted before it is asked again. */
  readonly ttlMs: number;
  /** After the Pricing API fails (denied, unreachable), how long to answer from cache and table alone. */
  readonly retryAfterMs?: number;
  /** Pricing API calls in flight at once. */
  readonly concurrency?: number;
  readonly now?: () => number;
  readonly log?: Logger;
}

/** Whether live prices are being used, for tooltips ("bundled table of 2025-12-05: Pricing API denied"). */
export type LivePricingState =
  | { readonly state: 'notAsked' }
  | { readonly state: 'available' }
  | { readonly state: 'unavailable'; readonly kind: ErrorKind | 'schema'; readonly reason: string; readonly retryAt: number };

export interface PriceSourceStatus {
  readonly live: LivePricingState;
  /** The date of the bundled table, once loaded. */
  readonly bundledAsOf?: string;
}

interface Wanted {
  readonly region: string;
  readonly instanceType: string;
  readonly use: UseKey;
}

const spotBasis = 'on-demand training rate, the most managed spot training can cost';

/** From this many instance types of one use and region wanted at once, one query fetches the whole use. */
const bulkThreshold = 3;

/**
 * The price catalog: the live Price List (`GetProducts`, one query per region × instance type ×
 * use, asked on demand), cached in a file with a time to live, over the table bundled with the
 * extension for when the Pricing API is denied or unreachable. `quote` never waits: a price not
 * yet known is fetched in the background and `onDidUpdate` fires when it arrives.
 */
export class LivePriceCatalog implements PriceCatalog {
  private bundled: BundledPrices | undefined;
  private contents: PriceCacheContents = { rates: {} };
  private loading: Promise<void> | undefined;
  private schemaLoading: Promise<OfferSchema> | undefined;
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly queued = new Map<string, Wanted>();
  private flushScheduled = false;
  private liveState: LivePricingState = { state: 'notAsked' };
  private ttl: number;
  private saveChain: Promise<void> = Promise.resolve();
  private readonly updated = new Emitter<void>();
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly limiter: <T>(task: () => Promise<T>) => Promise<T>;

  constructor(private readonly options: LivePriceCatalogOptions) {
    this.ttl = options.ttlMs;
    this.limiter = concurrencyLimiter(options.concurrency ?? 4);
    this.log = options.log ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  set ttlMs(value: number) {
    this.ttl = value;
  }

  get status(): PriceSourceStatus {
    return { live: this.liveState, bundledAsOf: this.bundled?.asOf };
  }

  quote(query: PriceQuery): PriceQuote | undefined {
    // Studio Classic's JupyterServer runs on the free `system` instance type; other apps on
    // `system` (Canvas, RStudio) are billed in ways the instance offer does not price.
    if (query.instanceType === 'system') {
      return query.use === 'studio' && (query.appType ?? 'JupyterServer') === 'JupyterServer' ? { usdPerHour: 0, source: 'pricingApi', basis: 'system instance, no charge' } : undefined;
    }
    void this.load();
    // Only ML instance types have instance-hour rates; anything else is unknown, not asked.
    if (!query.instanceType.startsWith('ml.')) return undefined;
    const use = offerUseFor(query);
    // A use without an instance-hour rate in the offer (Canvas) stays unknown: no stand-in fits.
    const quote = use ? this.liveOrFallback(query, use) : undefined;
    return query.use === 'spotTraining' && quote ? asSpotUpperBound(quote) : quote;
  }

  /** Loads the cache and the bundled table, then waits for any price of `region` being fetched. */
  async prepare(region: string, signal?: AbortSignal): Promise<void> {
    await this.load();
    const pending = [...this.inflight.entries()].filter(([key]) => key.startsWith(`${region}|`)).map(([, promise]) => promise);
    await abortable(Promise.all(pending), signal);
  }

  /** Fetches (or confirms cached) the prices for these queries, so `quote` answers them at once. */
  async prepareQuotes(queries: readonly PriceQuery[], signal?: AbortSignal): Promise<void> {
    await this.load();
    for (const query of queries) {
      const use = offerUseFor(query);
      if (use && query.instanceType.startsWith('ml.')) this.want({ region: query.region, instanceType: query.instanceType, use });
    }
    await abortable(this.flush(), signal);
  }

  onDidUpdate(listener: () => void): { dispose(): void } {
    return this.updated.event(listener);
  }

  /** Forgets that the Pricing API failed (the connection changed): the next quote asks again. */
  resetAvailability(): void {
    if (this.liveState.state === 'unavailable') this.liveState = { state: 'notAsked' };
  }

  dispose(): void {
    this.updated.dispose();
  }

  private liveOrFallback(query: PriceQuery, use: UseKey): PriceQuote | undefined {
    const cached = this.contents.rates[rateKey(query.region, use.key, query.instanceType)];
    const fresh = cached !== undefined && this.now() - cached.fetchedAt < this.ttl;
    if (!fresh) this.want({ region: query.region, instanceType: query.instanceType, use }, true);
    // A stale live rate still beats the bundled table.
    if (cached?.usdPerHour != null) return { usdPerHour: cached.usdPerHour, source: 'pricingApi' };
    return this.bundled?.quote(query);
  }

  private want(wanted: Wanted, schedule = false): void {
    const key = rateKey(wanted.region, wanted.use.key, wanted.instanceType);
    if (this.inflight.has(key) || !this.liveAllowed()) return;
    const cached = this.contents.rates[key];
    if (cached !== undefined && this.now() - cached.fetchedAt < this.ttl) return;
    this.queued.set(key, wanted);
    if (schedule && !this.flushScheduled) {
      this.flushScheduled = true;
      setTimeout(() => void this.flush(), 0);
    }
  }

  private liveAllowed(): boolean {
    return this.liveState.state !== 'unavailable' || this.now() >= this.liveState.retryAt;
  }

  /**
   * Fetches everything queued, a few calls at a time: one query per instance type, or, where
   * several types of one use and region are wanted at once (an instance-type picker), one query
   * for the whole use. Saves the cache and tells listeners when answers changed.
   */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const groups = new Map<string, Array<[string, Wanted]>>();
    for (const [key, wanted] of this.queued) {
      const group = `${wanted.region}|${wanted.use.key}`;
      groups.set(group, [...(groups.get(group) ?? []), [key, wanted]]);
    }
    this.queued.clear();
    const started: Array<Promise<void>> = [];
    for (const entries of groups.values()) {
      const tasks: Array<[string[], () => Promise<void>]> =
        entries.length >= bulkThreshold
          ? [[entries.map(([key]) => key), () => this.fetchUse(entries.map(([, wanted]) => wanted))]]
          : entries.map(([key, wanted]) => [[key], () => this.fetchUse([wanted])]);
      for (const [keys, task] of tasks) {
        const promise = this.limiter(task).finally(() => {
          for (const key of keys) if (this.inflight.get(key) === promise) this.inflight.delete(key);
        });
        for (const key of keys) this.inflight.set(key, promise);
        started.push(promise);
      }
    }
    // Joining fetches that other callers started is what makes prepareQuotes wait for them too.
    await Promise.all([...started, ...this.inflight.values()]);
  }

  /** Fetches the rates of `wanted` (all of one region and use when there are several). */
  private async fetchUse(wanted: readonly Wanted[]): Promise<void> {
    const clients = this.options.clients();
    const first = wanted[0];
    if (!clients || !first || !this.liveAllowed()) return;
    try {
      const schema = await this.schema(clients);
      const useValue = resolveOfferValue(first.use, schema.useValues);
      const rates = new Map<string, number | null>(wanted.map((item) => [item.instanceType, null]));
      if (useValue !== undefined && wanted.length === 1) {
        rates.set(first.instanceType, (await fetchHourlyRate(clients, schema, { region: first.region, instanceType: first.instanceType, useValue })) ?? null);
      } else if (useValue !== undefined) {
        // Every type of the use is kept, not only those asked for: the next picker needs no call.
        for (const [type, usd] of await fetchHourlyRatesOfUse(clients, schema, { region: first.region, useValue })) rates.set(type, usd);
      }
      let changed = false;
      for (const [type, usd] of rates) {
        const key = rateKey(first.region, first.use.key, type);
        changed ||= this.contents.rates[key]?.usdPerHour !== usd;
        this.contents.rates[key] = { usdPerHour: usd, fetchedAt: this.now() };
      }
      this.liveState = { state: 'available' };
      this.scheduleSave();
      if (changed) this.updated.fire();
    } catch (error) {
      this.markUnavailable(error);
    }
  }

  private schema(clients: AwsClients): Promise<OfferSchema> {
    const cached = this.contents.schema;
    if (cached && this.now() - cached.fetchedAt < this.ttl) return Promise.resolve(cached.value);
    this.schemaLoading ??= discoverOfferSchema(clients)
      .then((value) => {
        this.contents.schema = { value, fetchedAt: this.now() };
        this.log.debug(`Pricing API: SageMaker offer uses ${value.useAttribute} (${value.useValues.length} values)`);
        return value;
      })
      .finally(() => {
        this.schemaLoading = undefined;
      });
    return this.schemaLoading;
  }

  private markUnavailable(error: unknown): void {
    const wasAvailable = this.liveState.state !== 'unavailable';
    const classified = classifyAwsError(error);
    const kind = (error as { name?: unknown }).name === 'OfferSchemaError' ? 'schema' : classified.kind;
    const reason = kind === 'accessDenied' ? `access denied (${classified.code})` : `${classified.code}: ${classified.message}`;
    this.liveState = { state: 'unavailable', kind, reason, retryAt: this.now() + (this.options.retryAfterMs ?? 15 * 60_000) };
    if (wasAvailable) {
      this.log.warn(`Pricing API unavailable, using cached and bundled prices: ${reason}`);
      this.updated.fire();
    }
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      const [table, text] = await Promise.all([
        this.options.loadBundled().catch((error: unknown) => {
          // An unreadable table leaves prices unknown (shown as such), never a crash.
          this.log.error(`Could not read the bundled price table: ${String(error)}`);
          return undefined;
        }),
        this.options.cache.read(),
      ]);
      if (table) this.bundled = new BundledPrices(table);
      const cached = parsePriceCache(text);
      // Anything fetched while loading wins over the file.
      this.contents = { schema: this.contents.schema ?? cached.schema, rates: { ...cached.rates, ...this.contents.rates } };
      this.updated.fire();
    })();
    return this.loading;
  }

  private scheduleSave(): void {
    this.saveChain = this.saveChain
      .then(() => this.options.cache.write(serializePriceCache(this.contents, this.now())))
      .catch((error: unknown) => this.log.warn(`Could not save the price cache: ${String(error)}`));
  }

  /** Resolves once every save requested so far is written (tests, shutdown). */
  flushCache(): Promise<void> {
    return this.saveChain;
  }
}

/** Spot training has no fixed rate: the on-demand rate is the most it can cost, and is labelled so. */
function asSpotUpperBound(quote: PriceQuote): PriceQuote {
  if (quote.usdPerHour === 0) return quote;
  const basis = quote.source === 'pricingApi' ? spotBasis : `${quote.basis ?? 'estimate'} standing in for on-demand training, the most spot can cost`;
  return { usdPerHour: quote.usdPerHour, source: 'estimate', basis };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
