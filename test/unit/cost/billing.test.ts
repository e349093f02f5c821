import { strict as assert } from 'node:assert';
import type { BillableResource } from '../../../src/core/cost/billable';
import { byCost, priceQueries, priceResources, summarize } from '../../../src/core/cost/billing';
import { estimateLaunch } from '../../../src/core/cost/estimate';
import type { PriceQuery, PriceQuote } from '../../../src/core/cost/priceCatalog';

/** A catalog with a fixed table: live rates for some uses, an estimate for one, nothing else. */
const rates: Record<string, PriceQuote> = {
  'hosting/ml.g5.xlarge': { usdPerHour: 1.408, source: 'pricingApi' },
  'studio/ml.t3.medium': { usdPerHour: 0.05, source: 'pricingApi' },
  'training/ml.m5.xlarge': { usdPerHour: 0.23, source: 'estimate', basis: 'Studio rate of 2025-12-05' },
};
const catalog = { quote: (query: PriceQuery): PriceQuote | undefined => rates[`${query.use}/${query.instanceType}`] };

const now = Date.parse('2026-11-20T12:00:00Z');
const resource = (name: string, overrides: Partial<BillableResource>): BillableResource => ({
  id: `us-east-1/endpoint/${name}`,
  region: 'us-east-1',
  kind: 'endpoint',
  name,
  status: 'InService',
  instances: [],
  ...overrides,
});

const endpoint = resource('fraud', { instances: [{ instanceType: 'ml.g5.xlarge', count: 2, use: 'hosting' }], since: new Date(now - 3 * 3_600_000) });
const lab = resource('lab', { kind: 'app', region: 'eu-west-1', instances: [{ instanceType: 'ml.t3.medium', count: 1, use: 'studio', appType: 'JupyterLab' }], since: new Date(now - 30 * 60_000) });
const job = resource('train', { kind: 'trainingJob', instances: [{ instanceType: 'ml.m5.xlarge', count: 4, use: 'training' }] });
const mystery = resource('mystery', { instances: [{ instanceType: 'ml.zz9.mega', count: 1, use: 'hosting' }], since: new Date(now - 3_600_000) });
const serverless = resource('tiny', { serverless: true });

describe('pricing what runs', () => {
  it('prices instances × count, and works out the cost since the start', () => {
    const [priced] = priceResources([endpoint], catalog, now);
    assert.equal(priced?.price.usdPerHour, 2 * 1.408);
    assert.equal(priced?.runningMs, 3 * 3_600_000);
    assert.ok(Math.abs((priced?.costSoFar ?? 0) - 3 * 2 * 1.408) < 1e-9);
    assert.equal(priced?.price.estimated, false);
  });

  it('leaves a resource unknown (not $0) when any instance price is unknown, and keeps estimates labelled', () => {
    const [unknown, estimated, free] = priceResources([mystery, job, serverless], catalog, now);
    assert.equal(unknown?.price.usdPerHour, undefined);
    assert.equal(unknown?.costSoFar, undefined);
    assert.equal(estimated?.price.usdPerHour, 4 * 0.23);
    assert.equal(estimated?.price.estimated, true);
    assert.deepEqual(estimated?.price.bases, ['Studio rate of 2025-12-05']);
    assert.equal(free?.price.usdPerHour, 0);
  });

  it('sums by region and kind, counting unknown prices apart', () => {
    const summary = summarize(priceResources([endpoint, lab, job, mystery, serverless], catalog, now));
    assert.equal(summary.count, 5);
    assert.ok(Math.abs(summary.knownUsdPerHour - (2 * 1.408 + 0.05 + 4 * 0.23)) < 1e-9);
    assert.equal(summary.unknownCount, 1);
    assert.equal(summary.estimated, true);
    assert.deepEqual(summary.byRegion.map((group) => [group.key, group.count]), [['us-east-1', 4], ['eu-west-1', 1]]);
    assert.deepEqual(summary.byKind.find((group) => group.key === 'endpoint')?.unknownCount, 1);
  });

  it('sorts the most expensive first, unknown prices before free ones', () => {
    const sorted = priceResources([serverless, lab, mystery, job, endpoint], catalog, now).sort(byCost);
    assert.deepEqual(sorted.map((r) => r.name), ['fraud', 'train', 'lab', 'mystery', 'tiny']);
  });

  it('asks each distinct price question once', () => {
    const queries = priceQueries([endpoint, endpoint, lab]);
    assert.equal(queries.length, 2);
    assert.deepEqual(queries[1], { region: 'eu-west-1', instanceType: 'ml.t3.medium', use: 'studio', appType: 'JupyterLab' });
  });
});

describe('launch estimates', () => {
  it('gives the hourly price and the most one run can cost', () => {
    const estimate = estimateLaunch(catalog, 'us-east-1', [{ instanceType: 'ml.g5.xlarge', count: 2, use: 'hosting' }], 24);
    assert.equal(estimate.usdPerHour, 2 * 1.408);
    assert.equal(estimate.maxUsd, 2 * 1.408 * 24);
    assert.equal(estimate.text, '$2.82/h, at most $67.58 for 24h');
  });

  it('labels estimates with their basis, and names what is unknown', () => {
    assert.equal(estimateLaunch(catalog, 'us-east-1', [{ instanceType: 'ml.m5.xlarge', count: 1, use: 'training' }]).text, '≈ $0.23/h (Studio rate of 2025-12-05)');
    const unknown = estimateLaunch(catalog, 'us-east-1', [{ instanceType: 'ml.zz9.mega', count: 1, use: 'training' }], 2);
    assert.equal(unknown.usdPerHour, undefined);
    assert.equal(unknown.maxUsd, undefined);
    assert.equal(unknown.text, 'price unknown for ml.zz9.mega');
  });
});
