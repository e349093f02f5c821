/**
 * A typed client for the local service's HTTP control API (`/_emulator/`), with the same method
 * names as the in-process `Emulator`, all async: for the demo, benchmarks and anything else that
 * runs the service in another process (`npm run emulator`).
 */
import type { DenyRule } from './core/access';
import type { RegisterKey, SsoRefreshGrant, SsoToken } from './core/accounts';
import type { FaultRule } from './core/faults';
import type { RequestFilter, RequestRecord } from './core/requestLog';
import type { EmitOptions, EmitResult, ResetOptions } from './emulator';
import type { AddressServiceName, RoutingMode, RoutingViolation } from './http/routing';
import type { LogEvent } from './logs/store';
import type { PutOptions, ResourceKind, TrainingOutcomeOverride } from './stateApi';

export interface ControlInfo {
  url: string;
  controlUrl: string;
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  regions: string[];
  data: string;
  seed: number;
  latencyMs: number;
  clock: ClockState;
  routing: RoutingMode;
  ssoRegions: string[];
}

export interface RoutingInfo {
  routing: RoutingMode;
  ssoRegions: string[];
  /** Each service's address with `{region}` for the region. */
  templates: Record<AddressServiceName, string>;
}

export interface ClockState {
  now: string;
  nowMs: number;
  speed: number;
}

/** Deny rules over HTTP can only match inputs by a plain-object subset. */
export type RemoteDenyRule = Omit<DenyRule, 'match'> & { match?: Record<string, unknown> };

export class EmulatorControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class EmulatorControl {
  private readonly base: string;

  /** `url` is the service's endpoint (`http://127.0.0.1:PORT`) or its control URL. */
  constructor(url: string) {
    this.base = `${url.replace(/\/+$/, '').replace(/\/_emulator$/, '')}/_emulator`;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = (text ? JSON.parse(text) : {}) as T & { error?: string };
    if (!res.ok) throw new EmulatorControlError(res.status, parsed.error ?? `${method} ${path} answered ${res.status}`);
    return parsed;
  }

  info(): Promise<ControlInfo> {
    return this.call('GET', '/info');
  }

  async health(): Promise<boolean> {
    try {
      return (await this.call<{ ok: boolean }>('GET', '/health')).ok;
    } catch {
      return false;
    }
  }

  readonly clock = {
    now: async (): Promise<Date> => new Date((await this.call<ClockState>('GET', '/clock')).nowMs),
    advance: async (ms: number): Promise<Date> => new Date((await this.call<ClockState>('POST', '/clock/advance', { ms })).nowMs),
    setSpeed: async (speed: number): Promise<void> => {
      await this.call('POST', '/clock/speed', { speed });
    },
    state: (): Promise<ClockState> => this.call('GET', '/clock'),
  };

  readonly requests = {
    list: async (filter: RequestFilter = {}): Promise<RequestRecord[]> => {
      const q = new URLSearchParams(Object.entries(filter).map(([k, v]) => [k, String(v)]));
      return (await this.call<{ requests: RequestRecord[] }>('GET', `/requests${q.size ? `?${q.toString()}` : ''}`)).requests;
    },
    clear: async (): Promise<void> => {
      await this.call('DELETE', '/requests');
    },
    waitFor: async (filter: RequestFilter, timeoutMs = 5000): Promise<RequestRecord> =>
      (await this.call<{ request: RequestRecord }>('POST', '/requests/wait', { filter, timeoutMs })).request,
  };

  readonly faults = {
    set: async (rule: FaultRule): Promise<void> => {
      await this.call('POST', '/faults', rule);
    },
    clear: async (): Promise<void> => {
      await this.call('DELETE', '/faults');
    },
    list: async (): Promise<FaultRule[]> => (await this.call<{ faults: FaultRule[] }>('GET', '/faults')).faults,
  };

  readonly access = {
    deny: async (rule: RemoteDenyRule): Promise<void> => {
      await this.call('POST', '/access/deny', rule);
    },
    disableRegion: async (region: string): Promise<void> => {
      await this.call('POST', '/access/disable-region', { region });
    },
    clear: async (): Promise<void> => {
      await this.call('DELETE', '/access');
    },
  };

  readonly state = {
    counts: async (region: string, accountId?: string): Promise<Record<ResourceKind, number>> =>
      (await this.call<{ counts: Record<ResourceKind, number> }>('GET', `/state/${encodeURIComponent(region)}${accountId ? `?accountId=${accountId}` : ''}`)).counts,
    list: async (kind: ResourceKind, region: string, accountId?: string): Promise<unknown[]> =>
      (await this.call<{ items: unknown[] }>('GET', `/state/${encodeURIComponent(region)}/${kind}${accountId ? `?accountId=${accountId}` : ''}`)).items,
    get: async (kind: ResourceKind, region: string, key: string, accountId?: string): Promise<unknown> => {
      try {
        return await this.call('GET', `/state/${encodeURIComponent(region)}/${kind}/${encodeURIComponent(key)}${accountId ? `?accountId=${accountId}` : ''}`);
      } catch (err) {
        if (err instanceof EmulatorControlError && err.status === 404) return undefined;
        throw err;
      }
    },
    put: async (kind: ResourceKind, region: string, request: Record<string, unknown>, options?: PutOptions): Promise<string> =>
      (await this.call<{ arn: string }>('POST', `/state/${encodeURIComponent(region)}/${kind}`, { request, options })).arn,
    setTrainingJobOutcome: async (region: string, name: string, outcome: TrainingOutcomeOverride, accountId?: string): Promise<void> => {
      await this.call('POST', `/state/${encodeURIComponent(region)}/trainingJob/${encodeURIComponent(name)}/outcome${accountId ? `?accountId=${accountId}` : ''}`, outcome);
    },
  };

  readonly logs = {
    append: async (group: string, stream: string, lines: string[], options: { region?: string; accountId?: string } = {}): Promise<void> => {
      await this.call('POST', '/logs/append', { group, stream, lines, ...options });
    },
    emit: (options: EmitOptions): Promise<EmitResult> => this.call('POST', '/logs/emit', options),
    events: async (group: string, stream: string, options: { region?: string; accountId?: string } = {}): Promise<LogEvent[]> => {
      const q = new URLSearchParams({ group, stream, ...(options.region ? { region: options.region } : {}), ...(options.accountId ? { accountId: options.accountId } : {}) });
      return (await this.call<{ events: LogEvent[] }>('GET', `/logs/events?${q.toString()}`)).events;
    },
  };

  readonly accounts = {
    register: (key: RegisterKey): Promise<{ accountId: string; accessKeyId: string; arn: string }> => this.call('POST', '/accounts', key),
  };

  readonly sso = {
    registerToken: async (token: string, grant: SsoToken = {}): Promise<void> => {
      await this.call('POST', '/sso/tokens', { token, ...grant });
    },
    registerRefreshToken: async (refreshToken: string, grant: SsoRefreshGrant): Promise<void> => {
      await this.call('POST', '/sso/refresh-tokens', { refreshToken, ...grant });
    },
  };

  routingInfo(): Promise<RoutingInfo> {
    return this.call('GET', '/routing');
  }

  async routingViolations(): Promise<RoutingViolation[]> {
    return (await this.call<{ violations: RoutingViolation[] }>('GET', '/routing/violations')).violations;
  }

  async clearRoutingViolations(): Promise<void> {
    await this.call('DELETE', '/routing/violations');
  }

  async setLatency(ms: number): Promise<void> {
    await this.call('POST', '/latency', { ms });
  }

  async reset(options: ResetOptions = {}): Promise<{ regions: string[]; data: string }> {
    return this.call('POST', '/reset', options);
  }
}
