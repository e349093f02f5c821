import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DenyRule } from './core/access';
import type { Identity, RegisterKey, SsoRefreshGrant, SsoToken } from './core/accounts';
import type { FaultRule } from './core/faults';
import type { RequestFilter, RequestPredicate, RequestRecord } from './core/requestLog';
import { controlRoutes } from './control/routes';
import { addressOf, type AddressServiceName, type RoutingMode, type RoutingViolation } from './http/routing';
import { createListener } from './http/server';
import { BurstLogSource } from './logs/trainingLines';
import { TRAINING_LOG_GROUP, type LogEvent } from './logs/store';
import { seedWorld } from './seed/index';
import { StateApi } from './stateApi';
import { type SeedData, World } from './world';

export interface EmulatorOptions {
  /** 0 = any free port (default). The server binds 127.0.0.1. */
  port?: number;
  data?: SeedData;
  /** Regions the seed data populates (demo: us-east-1 and eu-west-1; scale and empty: us-east-1). */
  regions?: string[];
  /** Virtual seconds per real second (default 1; 0 freezes the clock). */
  clockSpeed?: number;
  /** Latency added to every AWS call (default 0). */
  latencyMs?: number;
  /** PRNG seed: the same seed gives the same data and the same injected faults. */
  seed?: number;
  /** Check every JSON answer against botocore's output shapes and fail loudly on a mismatch. */
  validateResponses?: boolean;
  /**
   * `shared` (default): every service and region on one address, `url`. `strict`: each service and
   * region at its own address, `<url>/aws/<service>/<region>` (see `endpointFor`); a request whose
   * credential scope names another service or region is refused as AWS refuses it, an address AWS
   * does not have behaves as a host that does not exist, and both are recorded (`routingViolations`).
   */
  routing?: RoutingMode;
  /** Strict routing: regions whose SSO portal and SSO-OIDC addresses exist (default: `['us-east-1']`). */
  ssoRegions?: string[];
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ClockControl {
  now(): Date;
  advance(ms: number): Date;
  setSpeed(speed: number): void;
  readonly speed: number;
}

export interface RequestsControl {
  list(filter?: RequestFilter | RequestPredicate): RequestRecord[];
  clear(): void;
  waitFor(filter: RequestFilter | RequestPredicate, timeoutMs?: number): Promise<RequestRecord>;
}

export interface FaultsControl {
  set(rule: FaultRule): void;
  clear(): void;
  list(): FaultRule[];
}

export interface AccessControl {
  deny(rule: DenyRule): void;
  disableRegion(region: string): void;
  clear(): void;
}

export interface EmitOptions {
  trainingJobName: string;
  /** Number of lines to print. */
  lines: number;
  /** Lines per virtual second. */
  ratePerSecond: number;
  region?: string;
  accountId?: string;
  /** Which host's stream (default 1: algo-1). */
  host?: number;
}

export interface EmitResult {
  logGroupName: string;
  logStreamName: string;
  /** Virtual epoch ms of the first and last line. */
  firstLineAt: number;
  lastLineAt: number;
}

export interface LogsControl {
  append(group: string, stream: string, lines: string[], options?: { region?: string; accountId?: string }): void;
  emit(options: EmitOptions): EmitResult;
  /** Every event of a stream at the current virtual time. */
  events(group: string, stream: string, options?: { region?: string; accountId?: string }): LogEvent[];
}

export interface ResetOptions {
  data?: SeedData;
  seed?: number;
  regions?: string[];
}

export interface SsoControl {
  /** An access token the portal accepts (GetRoleCredentials) for the grant's account and role. */
  registerToken(token: string, grant?: SsoToken): void;
  /** A refresh token SSO-OIDC CreateToken exchanges (with its client's id and secret) for a new access token. */
  registerRefreshToken(refreshToken: string, grant: SsoRefreshGrant): void;
}

/** A running local SageMaker-compatible service. */
export interface Emulator {
  readonly url: string;
  readonly port: number;
  /** Dummy credentials of the default account. */
  readonly credentials: Credentials;
  readonly accountId: string;
  readonly regions: readonly string[];
  readonly data: SeedData;
  readonly clock: ClockControl;
  readonly requests: RequestsControl;
  readonly faults: FaultsControl;
  readonly access: AccessControl;
  readonly state: StateApi;
  readonly logs: LogsControl;
  readonly accounts: { register(key: RegisterKey): Identity };
  readonly sso: SsoControl;
  readonly routing: RoutingMode;
  readonly ssoRegions: readonly string[];
  /**
   * The address of one service in one region: `<url>/aws/<service>/<region>` in strict routing,
   * `url` otherwise.
   */
  endpointFor(service: AddressServiceName, region: string): string;
  /** `endpointFor` with the region left as the placeholder `{region}`. */
  endpointTemplate(service: AddressServiceName): string;
  /** Strict routing: the requests sent where AWS would not have served them, oldest first. */
  routingViolations(): RoutingViolation[];
  /** Forgets the routing violations seen so far (`reset` keeps them). */
  clearRoutingViolations(): void;
  setLatency(ms: number): void;
  /** Clears everything (resources, objects, rules, request log) and seeds again. */
  reset(options?: ResetOptions): void;
  stop(): Promise<void>;
}

const DEFAULT_REGIONS: Record<SeedData, string[]> = { demo: ['us-east-1', 'eu-west-1'], scale: ['us-east-1'], empty: ['us-east-1'] };

class LocalSageMaker implements Emulator {
  readonly state: StateApi;
  readonly clock: ClockControl;
  readonly requests: RequestsControl;
  readonly faults: FaultsControl;
  readonly access: AccessControl;
  readonly accounts: { register(key: RegisterKey): Identity };
  readonly sso: SsoControl;
  readonly logs: LogsControl;
  private readonly world: World;
  private server: Server | undefined;
  port = 0;
  regions: string[];
  data: SeedData;

  constructor(world: World) {
    this.world = world;
    this.state = new StateApi(world);
    this.regions = world.options.regions;
    this.data = world.options.data;
    this.clock = {
      now: () => world.clock.now(),
      advance: (ms) => world.clock.advance(ms),
      setSpeed: (speed) => world.clock.setSpeed(speed),
      get speed(): number {
        return world.clock.getSpeed();
      },
    };
    this.requests = {
      list: (filter) => world.requests.list(filter),
      clear: () => world.requests.clear(),
      waitFor: (filter, timeoutMs) => world.requests.waitFor(filter, timeoutMs),
    };
    this.faults = {
      set: (rule) => world.faults.set(rule),
      clear: () => world.faults.clear(),
      list: () => world.faults.list(),
    };
    this.access = {
      deny: (rule) => world.access.deny(rule),
      disableRegion: (region) => world.access.disableRegion(region),
      clear: () => world.access.clear(),
    };
    this.accounts = { register: (key) => world.accounts.register(key) };
    this.sso = {
      registerToken: (token, grant) => world.accounts.registerSsoToken(token, grant),
      registerRefreshToken: (refreshToken, grant) => world.accounts.registerSsoRefreshToken(refreshToken, grant),
    };
    this.logs = {
      append: (group, stream, lines, o = {}) => {
        const now = world.clock.nowMs();
        world.current(o.region ?? this.regions[0]!, o.accountId).logs.stream(group, stream, now).append(now, lines);
      },
      emit: (o) => {
        const state = world.current(o.region ?? this.regions[0]!, o.accountId);
        const job = state.trainingJobs.get(o.trainingJobName);
        if (!job) throw new Error(`training job ${o.trainingJobName} does not exist`);
        if (!(o.lines > 0) || !(o.ratePerSecond > 0)) throw new RangeError('lines and ratePerSecond must be positive');
        const now = world.clock.nowMs();
        const trainingAt = job.timeline.find((p) => p.secondary === 'Training')?.at ?? job.plan.trainingAt;
        const start = Math.max(now, trainingAt);
        const name = `${job.name}/algo-${o.host ?? 1}-${Math.floor(world.clock.toWall(trainingAt) / 1000)}`;
        state.logs.stream(TRAINING_LOG_GROUP, name, trainingAt).addSource(new BurstLogSource(start, o.lines, o.ratePerSecond, 'train.py'));
        return { logGroupName: TRAINING_LOG_GROUP, logStreamName: name, firstLineAt: start, lastLineAt: start + ((o.lines - 1) * 1000) / o.ratePerSecond };
      },
      events: (group, stream, o = {}) => {
        const now = world.clock.nowMs();
        const s = world.current(o.region ?? this.regions[0]!, o.accountId).logs.groups.get(group)?.streams.get(stream);
        if (!s) return [];
        s.materialize(now);
        return s.events.filter((e) => e.timestamp <= now);
      },
    };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get routing(): RoutingMode {
    return this.world.options.routing;
  }

  get ssoRegions(): readonly string[] {
    return this.world.options.ssoRegions;
  }

  endpointFor(service: AddressServiceName, region: string): string {
    return this.routing === 'strict' ? addressOf(this.url, service, region) : this.url;
  }

  endpointTemplate(service: AddressServiceName): string {
    return this.endpointFor(service, '{region}');
  }

  routingViolations(): RoutingViolation[] {
    return this.world.routing.list();
  }

  clearRoutingViolations(): void {
    this.world.routing.clear();
  }

  get credentials(): Credentials {
    const { accessKeyId, secretAccessKey } = this.world.accounts.defaultIdentity;
    return { accessKeyId, secretAccessKey };
  }

  get accountId(): string {
    return this.world.accounts.defaultAccountId;
  }

  setLatency(ms: number): void {
    this.world.latencyMs = ms;
  }

  reset(o: ResetOptions = {}): void {
    const data = o.data ?? this.data;
    const regions = o.regions ?? (o.data !== undefined && o.data !== this.data ? DEFAULT_REGIONS[data] : this.regions);
    this.world.options = { ...this.world.options, data, regions, seed: o.seed ?? this.world.options.seed };
    this.data = data;
    this.regions = regions;
    this.world.clear();
    seedWorld(this.world, data, regions);
  }

  async listen(port: number): Promise<void> {
    // A long keep-alive, as AWS endpoints have, so SDK agents never reuse a socket the server is closing.
    const server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 70_000 }, createListener(this.world, controlRoutes(this.world, this)));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    this.world.dispose();
  }
}

/** Starts the local service on 127.0.0.1 and seeds it. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const data = options.data ?? 'empty';
  const world = new World({
    data,
    regions: options.regions ?? DEFAULT_REGIONS[data],
    clockSpeed: options.clockSpeed ?? 1,
    latencyMs: options.latencyMs ?? 0,
    seed: options.seed ?? 1,
    validateResponses: options.validateResponses ?? process.env.SAGEMAKER_LOCAL_VALIDATE_RESPONSES === '1',
    routing: options.routing ?? 'shared',
    ssoRegions: options.ssoRegions ?? ['us-east-1'],
  });
  seedWorld(world, data, world.options.regions);
  const emulator = new LocalSageMaker(world);
  try {
    await emulator.listen(options.port ?? 0);
  } catch (err) {
    world.dispose();
    throw err;
  }
  return emulator;
}

export type { World };
