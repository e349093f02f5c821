import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { OfferSchema } from './pricingApi';

/** Where the catalog keeps what the Pricing API said, between sessions. */
export interface PriceCacheStore {
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

/** One answer of the Pricing API: a rate, or null when the offer has no such product. */
export interface CachedRate {
  readonly usdPerHour: number | null;
  /** Epoch ms when it was fetched. */
  readonly fetchedAt: number;
}

export interface PriceCacheContents {
  schema?: { readonly value: OfferSchema; readonly fetchedAt: number };
  /** By `region|useKey|instanceType`. */
  rates: Record<string, CachedRate>;
}

const formatVersion = 1;
/** Answers older than this are dropped on save, so the file does not grow forever. */
const keepForMs = 30 * 24 * 3_600_000;

export function rateKey(region: string, useKey: string, instanceType: string): string {
  return `${region}|${useKey}|${instanceType}`;
}

/** Reads the cache file; anything unreadable or from another format version counts as empty. */
export function parsePriceCache(text: string | undefined): PriceCacheContents {
  if (!text) return { rates: {} };
  try {
    const parsed = JSON.parse(text) as { version?: unknown; schema?: PriceCacheContents['schema']; rates?: unknown };
    if (parsed.version !== formatVersion || typeof parsed.rates !== 'object' || parsed.rates === null) return { rates: {} };
    const rates: Record<string, CachedRate> = {};
    for (const [key, value] of Object.entries(parsed.rates as Record<string, Partial<CachedRate>>)) {
      const usd = value.usdPerHour;
      if (typeof value.fetchedAt === 'number' && (usd === null || (typeof usd === 'number' && Number.isFinite(usd) && usd >= 0))) {
        rates[key] = { usdPerHour: usd, fetchedAt: value.fetchedAt };
      }
    }
    const schema = parsed.schema;
    const schemaOk = schema && typeof schema.fetchedAt === 'number' && Array.isArray(schema.value?.useValues);
    return { rates, ...(schemaOk ? { schema } : {}) };
  } catch {
    return { rates: {} };
  }
}

export function serializePriceCache(contents: PriceCacheContents, now: number): string {
  const rates = Object.fromEntries(Object.entries(contents.rates).filter(([, rate]) => now - rate.fetchedAt < keepForMs));
  return JSON.stringify({ version: formatVersion, schema: contents.schema, rates });
}

/** A cache file in the extension's global storage, written atomically (temp file, then rename). */
export function fileCacheStore(path: string): PriceCacheStore {
  return {
    async read() {
      try {
        return await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    async write(text) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, path);
    },
  };
}

/** A cache held in memory only (tests, or when no storage folder is available). */
export function memoryCacheStore(initial?: string): PriceCacheStore & { text: string | undefined } {
  const store = {
    text: initial,
    read: () => Promise.resolve(store.text),
    write: (text: string) => {
      store.text = text;
      return Promise.resolve();
    },
  };
  return store;
}
