import { Accounts } from './core/accounts';
import { AccessRules } from './core/access';
import { VirtualClock } from './core/clock';
import { Faults } from './core/faults';
import { hash32, Random } from './core/random';
import { RequestLog } from './core/requestLog';
import { S3Store } from './s3/store';
import { RegionState } from './sagemaker/state';

export type SeedData = 'demo' | 'scale' | 'empty';

export interface WorldOptions {
  data: SeedData;
  regions: string[];
  clockSpeed: number;
  latencyMs: number;
  seed: number;
  /** Check every JSON answer against botocore's output shape (tests turn this on). */
  validateResponses: boolean;
}

/** Everything the local service knows: clock, accounts, rules, per-account-and-region state, S3. */
export class World {
  readonly clock: VirtualClock;
  readonly accounts = new Accounts();
  readonly requests = new RequestLog();
  readonly access = new AccessRules();
  faults: Faults;
  s3: S3Store;
  latencyMs: number;
  private readonly states = new Map<string, RegionState>();

  constructor(public options: WorldOptions) {
    this.clock = new VirtualClock(Date.now(), options.clockSpeed);
    this.faults = new Faults(options.seed);
    this.s3 = new S3Store();
    this.latencyMs = options.latencyMs;
  }

  /** The state of one account in one region, created empty on first use. */
  state(region: string, accountId = this.accounts.defaultAccountId): RegionState {
    const key = `${accountId}/${region}`;
    let state = this.states.get(key);
    if (!state) {
      state = new RegionState(accountId, region, {
        random: new Random(hash32(`${this.options.seed}/${accountId}/${region}`)),
        artifacts: {
          put: (bucket, k, body, now) => void this.s3.putSmall(bucket, k, body, now),
          hasObjectsUnder: (bucket, prefix, r) => this.s3.hasObjectsUnder(bucket, prefix, r),
        },
      });
      this.states.set(key, state);
    }
    return state;
  }

  /** The state after running what is due by now. */
  current(region: string, accountId?: string): RegionState {
    const state = this.state(region, accountId);
    state.tick(this.clock.nowMs());
    return state;
  }

  allStates(): RegionState[] {
    return [...this.states.values()];
  }

  /** Drops every resource, object, rule and logged request; accounts and SSO tokens stay. */
  clear(): void {
    this.states.clear();
    this.s3.dispose();
    this.s3 = new S3Store();
    this.faults = new Faults(this.options.seed);
    this.access.clear();
    this.requests.clear();
  }

  dispose(): void {
    this.s3.dispose();
  }
}
