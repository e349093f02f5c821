import type { InstanceUse, PriceQuote } from '../cost/priceCatalog';
import { formatDuration, formatHourly, formatUsd } from '../util/format';
import type { RunFacts } from './specFacts';

export type QuoteFn = (query: { region: string; instanceType: string; use: InstanceUse }) => PriceQuote | undefined;

/** What a spec costs: by the hour while it runs, and at most (from its limits). */
export interface Estimate {
  /** One line for a CodeLens: "ml.m5.xlarge × 2 · ≈ $0.46/h · at most $11.04". */
  readonly summary: string;
  /** USD per hour for everything running at once; undefined when a price is unknown. */
  readonly usdPerHour?: number;
  /** USD if everything runs to its limits; undefined when unbounded or a price is unknown. */
  readonly worstCaseUsd?: number;
  /** Some price is a stand-in for another use (say so). */
  readonly approximate: boolean;
  /** What the approximate prices are, e.g. "Studio rate of 2025-12-05". */
  readonly basis?: string;
}

export function estimateRun(facts: RunFacts, region: string, quote: QuoteFn): Estimate {
  if (facts.groups.length === 0) {
    if (facts.serverlessMemoryMb?.length) {
      return { summary: `serverless (${facts.serverlessMemoryMb.map((mb) => `${mb} MB`).join(', ')}) · billed per request`, approximate: false };
    }
    return { summary: 'no instance type yet', approximate: false };
  }
  const use: InstanceUse = facts.kind === 'deploy' ? 'hosting' : facts.spot ? 'spotTraining' : 'training';
  let perJob: number | undefined = 0;
  let approximate = false;
  let basis: string | undefined;
  for (const group of facts.groups) {
    const price = quote({ region, instanceType: group.instanceType, use }) ?? (use === 'spotTraining' ? quote({ region, instanceType: group.instanceType, use: 'training' }) : undefined);
    if (!price) {
      perJob = undefined;
      break;
    }
    if (price.source === 'estimate') {
      approximate = true;
      basis ??= price.basis;
    }
    perJob += price.usdPerHour * group.count;
  }
  const instances = facts.groups.map((group) => `${group.instanceType} × ${group.count}`).join(' + ');
  const spot = facts.spot ? 'spot ' : '';
  const parallel = facts.kind === 'tuning' ? Math.max(1, facts.parallelJobs ?? 1) : 1;
  const what = facts.kind === 'tuning' ? `${spot}${instances} per job, ${parallel} at a time` : `${spot}${instances}`;
  if (perJob === undefined) return { summary: `${what} · price unknown`, approximate: false };
  const usdPerHour = perJob * parallel;
  const prefix = approximate ? '≈ ' : '';
  if (facts.kind === 'deploy') {
    return { summary: `${what} · ${prefix}${formatHourly(usdPerHour)} while in service`, usdPerHour, approximate, basis };
  }
  const runtimeHours = (facts.maxRuntimeSeconds ?? 86_400) / 3600;
  const jobs = facts.kind === 'tuning' ? facts.maxJobs : 1;
  const worstCaseUsd = jobs === undefined ? undefined : perJob * runtimeHours * jobs;
  const limit =
    worstCaseUsd === undefined
      ? 'no job limit'
      : `at most ${prefix}${formatUsd(worstCaseUsd)} (${jobs === 1 ? '' : `${jobs} jobs × `}${formatDuration(runtimeHours * 3_600_000)}${facts.spot && facts.maxWaitSeconds ? `, done within ${formatDuration(facts.maxWaitSeconds * 1000)}` : ''})`;
  return { summary: `${what} · ${prefix}${formatHourly(usdPerHour)} · ${limit}`, usdPerHour, worstCaseUsd, approximate, basis };
}

/** What a finished training job cost: billable seconds × instances × the hourly rate. */
export function jobCost(
  billableSeconds: number | undefined,
  groups: readonly { instanceType: string; count: number }[],
  spot: boolean,
  region: string,
  quote: QuoteFn,
): { usd: number; approximate: boolean } | undefined {
  if (billableSeconds === undefined) return undefined;
  let usd = 0;
  let approximate = false;
  for (const group of groups) {
    const price = quote({ region, instanceType: group.instanceType, use: spot ? 'spotTraining' : 'training' }) ?? quote({ region, instanceType: group.instanceType, use: 'training' });
    if (!price) return undefined;
    approximate ||= price.source === 'estimate';
    usd += (billableSeconds / 3600) * price.usdPerHour * group.count;
  }
  return { usd, approximate };
}
