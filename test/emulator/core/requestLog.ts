/** One request the service received, as tests and the demo inspect it. */
export interface RequestRecord {
  requestId: string;
  /** Real time the request arrived (ISO). */
  time: string;
  /** The virtual clock's time when it arrived (ISO). */
  virtualTime: string;
  service: string;
  operation: string;
  region: string;
  accountId?: string;
  accessKeyId?: string;
  /** The parsed input (JSON body, query parameters, S3 bucket/key...); never a body stream. */
  input: unknown;
  /** HTTP status answered; 0 when the connection was dropped. */
  status: number;
  errorCode?: string;
  durationMs: number;
}

export interface RequestFilter {
  service?: string;
  operation?: string;
  region?: string;
  accountId?: string;
  accessKeyId?: string;
  status?: number;
  errorCode?: string;
  /** Only requests that arrived at or after this real time (ISO or epoch ms). */
  since?: string | number;
}

export type RequestPredicate = (record: RequestRecord) => boolean;

/** Keeps at most this many records, oldest dropped first, so long benchmarks stay bounded. */
const MAX_RECORDS = 50_000;

export function matchesFilter(record: RequestRecord, filter: RequestFilter): boolean {
  if (filter.service !== undefined && record.service !== filter.service) return false;
  if (filter.operation !== undefined && record.operation !== filter.operation) return false;
  if (filter.region !== undefined && record.region !== filter.region) return false;
  if (filter.accountId !== undefined && record.accountId !== filter.accountId) return false;
  if (filter.accessKeyId !== undefined && record.accessKeyId !== filter.accessKeyId) return false;
  if (filter.status !== undefined && record.status !== filter.status) return false;
  if (filter.errorCode !== undefined && record.errorCode !== filter.errorCode) return false;
  if (filter.since !== undefined) {
    const since = typeof filter.since === 'number' ? filter.since : Date.parse(filter.since);
    if (Date.parse(record.time) < since) return false;
  }
  return true;
}

const toPredicate = (filter?: RequestFilter | RequestPredicate): RequestPredicate =>
  typeof filter === 'function' ? filter : (r) => (filter ? matchesFilter(r, filter) : true);

/** The log of every request received, with waiting for one to arrive. */
export class RequestLog {
  private records: RequestRecord[] = [];
  private waiters = new Set<{ predicate: RequestPredicate; resolve: (r: RequestRecord) => void }>();

  add(record: RequestRecord): void {
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(record)) {
        this.waiters.delete(waiter);
        waiter.resolve(record);
      }
    }
  }

  list(filter?: RequestFilter | RequestPredicate): RequestRecord[] {
    const predicate = toPredicate(filter);
    return this.records.filter((r) => predicate(r));
  }

  clear(): void {
    this.records = [];
  }

  /** The first request (already received or still to come) that matches, or a rejection after `timeoutMs`. */
  waitFor(filter: RequestFilter | RequestPredicate, timeoutMs = 5000): Promise<RequestRecord> {
    const predicate = toPredicate(filter);
    const existing = this.records.find((r) => predicate(r));
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (r: RequestRecord) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`No matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
