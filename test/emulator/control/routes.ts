import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DenyRule } from '../core/access';
import type { RegisterKey, SsoRefreshGrant, SsoToken } from '../core/accounts';
import type { FaultRule } from '../core/faults';
import type { RequestFilter } from '../core/requestLog';
import { readBody } from '../http/body';
import { ADDRESS_SERVICE_NAMES } from '../http/routing';
import type { ControlHandler } from '../http/server';
import type { EmitOptions, Emulator, ResetOptions } from '../emulator';
import { type PutOptions, RESOURCE_KINDS, type ResourceKind, type TrainingOutcomeOverride } from '../stateApi';
import type { SeedData, World } from '../world';

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

async function jsonBody<T>(req: IncomingMessage): Promise<T> {
  const body = await readBody(req, 16 * 1024 * 1024);
  if (body.length === 0) return {} as T;
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw new HttpError(400, 'The body must be JSON');
  }
}

function kindOf(text: string): ResourceKind {
  if (!(RESOURCE_KINDS as readonly string[]).includes(text)) throw new HttpError(404, `Unknown resource kind ${text}; one of ${RESOURCE_KINDS.join(', ')}`);
  return text as ResourceKind;
}

function filterOf(q: URLSearchParams): RequestFilter {
  const f: RequestFilter = {};
  for (const key of ['service', 'operation', 'region', 'accountId', 'accessKeyId', 'errorCode', 'since'] as const) {
    const v = q.get(key);
    if (v !== null) f[key] = v;
  }
  const status = q.get('status');
  if (status !== null) f.status = Number(status);
  return f;
}

const clockOf = (world: World): { now: string; nowMs: number; speed: number } => ({
  now: world.clock.now().toISOString(),
  nowMs: world.clock.nowMs(),
  speed: world.clock.getSpeed(),
});

/**
 * The HTTP control API under /_emulator/ (JSON in and out): the same controls as the in-process
 * `Emulator`, for the CLI's users, the demo and benchmarks running in another process.
 */
export function controlRoutes(world: World, emulator: Emulator): ControlHandler {
  return async (req, res, url) => {
    const method = req.method ?? 'GET';
    const parts = url.pathname.replace(/^\/_emulator\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
    const route = `${method} /${parts.join('/')}`;
    try {
      const [head, a, b, c, d] = parts;
      if (route === 'GET /health') return reply(res, 200, { ok: true });
      if (route === 'GET /info' || route === 'GET /') {
        return reply(res, 200, {
          url: emulator.url,
          controlUrl: `${emulator.url}/_emulator`,
          accountId: emulator.accountId,
          ...emulator.credentials,
          regions: emulator.regions,
          data: emulator.data,
          seed: world.options.seed,
          latencyMs: world.latencyMs,
          clock: clockOf(world),
          routing: world.options.routing,
          ssoRegions: world.options.ssoRegions,
        });
      }
      if (head === 'routing') {
        if (method === 'GET' && !a) {
          const templates = Object.fromEntries(ADDRESS_SERVICE_NAMES.map((s) => [s, emulator.endpointTemplate(s)]));
          return reply(res, 200, { routing: world.options.routing, ssoRegions: world.options.ssoRegions, templates });
        }
        if (method === 'GET' && a === 'violations') return reply(res, 200, { violations: world.routing.list() });
        if (method === 'DELETE' && a === 'violations') {
          world.routing.clear();
          return reply(res, 200, {});
        }
      }
      if (head === 'clock') {
        if (method === 'GET' && !a) return reply(res, 200, clockOf(world));
        if (method === 'POST' && a === 'advance') {
          const { ms } = await jsonBody<{ ms: number }>(req);
          world.clock.advance(Number(ms));
          return reply(res, 200, clockOf(world));
        }
        if (method === 'POST' && a === 'speed') {
          const { speed } = await jsonBody<{ speed: number }>(req);
          world.clock.setSpeed(Number(speed));
          return reply(res, 200, clockOf(world));
        }
      }
      if (route === 'POST /latency') {
        const { ms } = await jsonBody<{ ms: number }>(req);
        emulator.setLatency(Number(ms));
        return reply(res, 200, { latencyMs: world.latencyMs });
      }
      if (head === 'requests') {
        if (method === 'GET' && !a) return reply(res, 200, { requests: world.requests.list(filterOf(url.searchParams)) });
        if (method === 'DELETE' && !a) {
          world.requests.clear();
          return reply(res, 200, {});
        }
        if (method === 'POST' && a === 'wait') {
          const { filter, timeoutMs } = await jsonBody<{ filter?: RequestFilter; timeoutMs?: number }>(req);
          try {
            return reply(res, 200, { request: await world.requests.waitFor(filter ?? {}, timeoutMs ?? 5000) });
          } catch (err) {
            throw new HttpError(408, (err as Error).message);
          }
        }
      }
      if (head === 'faults') {
        if (method === 'GET') return reply(res, 200, { faults: world.faults.list() });
        if (method === 'POST') {
          world.faults.set(await jsonBody<FaultRule>(req));
          return reply(res, 200, { faults: world.faults.list() });
        }
        if (method === 'DELETE') {
          world.faults.clear();
          return reply(res, 200, {});
        }
      }
      if (head === 'access') {
        if (method === 'GET') {
          const { rules, disabledRegions } = world.access.list();
          return reply(res, 200, { rules: rules.map((r) => ({ ...r, match: typeof r.match === 'function' ? '<function>' : r.match })), disabledRegions });
        }
        if (method === 'POST' && a === 'deny') {
          world.access.deny(await jsonBody<DenyRule>(req));
          return reply(res, 200, {});
        }
        if (method === 'POST' && a === 'disable-region') {
          const { region } = await jsonBody<{ region: string }>(req);
          world.access.disableRegion(region);
          return reply(res, 200, {});
        }
        if (method === 'DELETE') {
          world.access.clear();
          return reply(res, 200, {});
        }
      }
      if (route === 'POST /accounts') {
        const identity = world.accounts.register(await jsonBody<RegisterKey>(req));
        return reply(res, 200, { accountId: identity.accountId, accessKeyId: identity.accessKeyId, arn: identity.arn });
      }
      if (route === 'POST /sso/tokens') {
        const { token, ...grant } = await jsonBody<SsoToken & { token: string }>(req);
        if (!token) throw new HttpError(400, 'token is required');
        world.accounts.registerSsoToken(token, grant);
        return reply(res, 200, {});
      }
      if (route === 'POST /sso/refresh-tokens') {
        const { refreshToken, ...grant } = await jsonBody<SsoRefreshGrant & { refreshToken: string }>(req);
        if (!refreshToken || !grant.clientId || !grant.clientSecret) throw new HttpError(400, 'refreshToken, clientId and clientSecret are required');
        world.accounts.registerSsoRefreshToken(refreshToken, grant);
        return reply(res, 200, {});
      }
      if (route === 'POST /reset') {
        const o = await jsonBody<ResetOptions & { data?: SeedData }>(req);
        emulator.reset(o);
        return reply(res, 200, { regions: emulator.regions, data: emulator.data });
      }
      if (head === 'state' && a) {
        const accountId = url.searchParams.get('accountId') ?? undefined;
        if (b === undefined && method === 'GET') return reply(res, 200, { counts: emulator.state.counts(a, accountId) });
        const kind = kindOf(b!);
        if (method === 'GET' && c === undefined) return reply(res, 200, { items: emulator.state.list(kind, a, accountId) });
        if (method === 'GET' && c !== undefined) {
          const item = emulator.state.get(kind, a, c, accountId);
          if (item === undefined) throw new HttpError(404, `${kind} ${c} not found in ${a}`);
          return reply(res, 200, item);
        }
        if (method === 'POST' && c === undefined) {
          const { request, options } = await jsonBody<{ request: Record<string, unknown>; options?: PutOptions }>(req);
          return reply(res, 200, { arn: emulator.state.put(kind, a, request, { ...options, accountId: options?.accountId ?? accountId }) });
        }
        if (method === 'POST' && kind === 'trainingJob' && c !== undefined && d === 'outcome') {
          emulator.state.setTrainingJobOutcome(a, c, await jsonBody<TrainingOutcomeOverride>(req), accountId);
          return reply(res, 200, {});
        }
      }
      if (head === 'logs') {
        if (method === 'POST' && a === 'append') {
          const o = await jsonBody<{ group: string; stream: string; lines: string[]; region?: string; accountId?: string }>(req);
          emulator.logs.append(o.group, o.stream, o.lines, o);
          return reply(res, 200, {});
        }
        if (method === 'POST' && a === 'emit') return reply(res, 200, emulator.logs.emit(await jsonBody<EmitOptions>(req)));
        if (method === 'GET' && a === 'events') {
          const q = url.searchParams;
          return reply(res, 200, { events: emulator.logs.events(q.get('group') ?? '', q.get('stream') ?? '', { region: q.get('region') ?? undefined, accountId: q.get('accountId') ?? undefined }) });
        }
      }
      throw new HttpError(404, `No control route ${route}`);
    } catch (err) {
      if (err instanceof HttpError) return reply(res, err.status, { error: err.message });
      return reply(res, 400, { error: err instanceof Error ? err.message : String(err) });
    }
  };
}
