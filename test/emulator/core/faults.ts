import { Random } from './random';

export interface FaultRule {
  /** API operation name (`ListApps`), or `'*'`/absent for every operation. */
  operation?: string;
  /** Signing service (`sagemaker`, `logs`, `s3`, `sts`, `pricing`) or `sagemaker-runtime`. */
  service?: string;
  region?: string;
  throttleRate?: number;
  serverErrorRate?: number;
  latencyMs?: number;
  dropConnectionRate?: number;
  malformedBodyRate?: number;
  /** Apply to the next N matching calls only, then remove the rule. */
  count?: number;
}

export type FaultAction = 'none' | 'throttle' | 'serverError' | 'drop' | 'malformed';

export interface FaultDecision {
  latencyMs: number;
  action: FaultAction;
  /** For `serverError`: 500 (InternalFailure) or 503 (ServiceUnavailable). */
  serverStatus: 500 | 503;
}

interface ActiveRule extends FaultRule {
  remaining: number;
}

const matches = (rule: FaultRule, call: { service: string; operation: string; region: string }): boolean =>
  (rule.operation === undefined || rule.operation === '*' || rule.operation === call.operation) &&
  (rule.service === undefined || rule.service === call.service) &&
  (rule.region === undefined || rule.region === call.region);

const rate = (r: number | undefined): number => Math.min(1, Math.max(0, r ?? 0));

/** Injected latency and failures, drawn from a PRNG seeded with the service's seed. */
export class Faults {
  private rules: ActiveRule[] = [];
  private random: Random;

  constructor(private readonly seed: number) {
    this.random = new Random(seed ^ 0x5eed);
  }

  set(rule: FaultRule): void {
    for (const key of ['throttleRate', 'serverErrorRate', 'dropConnectionRate', 'malformedBodyRate'] as const) {
      const v = rule[key];
      if (v !== undefined && !(v >= 0 && v <= 1)) throw new RangeError(`${key} must be between 0 and 1`);
    }
    this.rules.push({ ...rule, remaining: rule.count ?? Infinity });
  }

  clear(): void {
    this.rules = [];
    this.random = new Random(this.seed ^ 0x5eed);
  }

  list(): FaultRule[] {
    return this.rules.map(({ remaining, ...rule }) => (Number.isFinite(remaining) ? { ...rule, count: remaining } : rule));
  }

  decide(call: { service: string; operation: string; region: string }): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, action: 'none', serverStatus: 500 };
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || !matches(rule, call)) continue;
      rule.remaining--;
      decision.latencyMs += rule.latencyMs ?? 0;
      if (decision.action !== 'none') continue;
      const r = this.random.next();
      let edge = 0;
      for (const [action, p] of [
        ['drop', rate(rule.dropConnectionRate)],
        ['throttle', rate(rule.throttleRate)],
        ['serverError', rate(rule.serverErrorRate)],
        ['malformed', rate(rule.malformedBodyRate)],
      ] as const) {
        edge += p;
        if (p > 0 && r < edge) {
          decision.action = action;
          break;
        }
      }
      if (decision.action === 'serverError') decision.serverStatus = this.random.next() < 0.5 ? 500 : 503;
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return decision;
  }
}
