import { strict as assert } from 'node:assert';
import type { BillableResource } from '../../../src/core/cost/billable';
import type { ScanResult } from '../../../src/core/cost/billableScan';
import { byCost, priceResources, summarize } from '../../../src/core/cost/billing';
import type { CostSnapshot } from '../../../src/core/cost/costWatch';
import type { PriceQuery, PriceQuote } from '../../../src/core/cost/priceCatalog';
import {
  formatResourcePrice,
  formatTotal,
  longRunningMessage,
  presentPickRow,
  presentShutdownConfirmation,
  presentStatus,
  priceSourceLine,
} from '../../../src/statusBar/costPresenter';

const rates: Record<string, PriceQuote> = {
  'ml.g5.xlarge': { usdPerHour: 1.408, source: 'pricingApi' },
  'ml.m5.xlarge': { usdPerHour: 0.23, source: 'estimate', basis: 'Studio rate of 2025-12-05' },
};
const catalog = { quote: (query: PriceQuery): PriceQuote | undefined => rates[query.instanceType] };
const now = Date.parse('2026-11-20T12:00:00Z');

const resources: BillableResource[] = [
  { id: 'us-east-1/endpoint/fraud', region: 'us-east-1', kind: 'endpoint', name: 'fraud', status: 'InService', instances: [{ instanceType: 'ml.g5.xlarge', count: 2, use: 'hosting' }], since: new Date(now - 26 * 3_600_000), context: 'config fraud-v2' },
  { id: 'eu-west-1/notebookInstance/nb', region: 'eu-west-1', kind: 'notebookInstance', name: 'nb', status: 'InService', instances: [{ instanceType: 'ml.m5.xlarge', count: 1, use: 'notebookInstance' }], since: new Date(now - 2 * 3_600_000) },
  { id: 'us-east-1/endpoint/tiny', region: 'us-east-1', kind: 'endpoint', name: 'tiny', status: 'InService', instances: [], serverless: true },
];

function snapshot(list: readonly BillableResource[], extra: Partial<CostSnapshot> = {}): CostSnapshot {
  const scan: ScanResult = {
    at: new Date(now),
    resources: list,
    regions: [
      { region: 'us-east-1', resources: [], problems: [] },
      { region: 'eu-west-1', resources: [], problems: [{ part: 'endpoints', kind: 'accessDenied', code: 'AccessDeniedException', message: 'no' }] },
      { region: 'ap-east-1', resources: [], problems: [], skipped: { kind: 'regionNotEnabled', code: 'UnrecognizedClientException', message: 'invalid token' } },
    ],
  };
  const priced = priceResources(list, catalog, now).sort(byCost);
  return { state: 'idle', scan, priced, summary: summarize(priced), ignoredRegions: [], consecutiveFailures: 0, ...extra };
}

describe('cost guard presentation', () => {
  it('shows the total and the count, in the warning colour over the threshold', () => {
    const view = presentStatus(snapshot(resources), { thresholdUsdPerHour: 1, now });
    assert.equal(view.visible, true);
    assert.equal(view.text, `$(warning) ≈ $${(2 * 1.408 + 0.23).toFixed(2)}/h · 3 running`);
    assert.equal(view.warning, true);
    const under = presentStatus(snapshot(resources), { thresholdUsdPerHour: 10, now });
    assert.equal(under.warning, false);
    assert.match(under.text, /^\$\(cloud\) /);
  });

  it('is hidden when nothing runs, quiet when only free things run, and honest about unknown prices', () => {
    assert.equal(presentStatus(snapshot([]), { thresholdUsdPerHour: 1, now }).visible, false);
    const free = presentStatus(snapshot([resources[2]!]), { thresholdUsdPerHour: 0, now });
    assert.equal(free.text, '$(circle-large-outline) $0/h · 1 running');
    assert.equal(free.warning, false);
    const unknown = snapshot([{ ...resources[0]!, instances: [{ instanceType: 'ml.zz9.mega', count: 1, use: 'hosting' }] }]);
    assert.equal(formatTotal(unknown.summary), '≥ $0/h');
    assert.equal(presentStatus(snapshot([]), { thresholdUsdPerHour: 1, now: 0 }).visible, false);
    assert.equal(presentStatus({ ...snapshot(resources), state: 'waitingForCredentials' }, { thresholdUsdPerHour: 1, now }).visible, false);
  });

  it('breaks the total down by region and kind, and notes skipped regions, failed parts and the price source', () => {
    const { tooltip } = presentStatus(snapshot(resources), {
      thresholdUsdPerHour: 1,
      now,
      prices: { live: { state: 'unavailable', kind: 'accessDenied', reason: 'access denied (AccessDeniedException)', retryAt: 0 }, bundledAsOf: '2025-12-05' },
    });
    assert.match(tooltip, /\| us\\-east\\-1 \| 2 \| \$2\.82 \|/);
    assert.match(tooltip, /\| eu\\-west\\-1 \| 1 \| \$0\.23 \|/);
    assert.match(tooltip, /\| Endpoints \| 2 \| \$2\.82 \|/);
    assert.match(tooltip, /Skipped: ap-east-1 \(not enabled for this account\)/);
    assert.match(tooltip, /eu-west-1: could not list endpoints \(access denied\)/);
    assert.match(tooltip, /the bundled table of 2025-12-05; the Pricing API is unavailable/);
    assert.match(tooltip, /Studio rate of 2025\\-12\\-05/);
  });

  it('says which prices come from where', () => {
    assert.match(priceSourceLine({ live: { state: 'available' }, bundledAsOf: '2025-12-05' }), /AWS Price List/);
    assert.match(priceSourceLine({ live: { state: 'notAsked' }, bundledAsOf: '2025-12-05' }), /bundled table of 2025-12-05/);
  });

  it('lists a resource with its price, age and cost so far', () => {
    const [endpoint, notebook, serverless] = snapshot(resources).priced;
    const row = presentPickRow(endpoint!);
    assert.equal(row.label, '$(radio-tower) fraud');
    assert.equal(row.description, `$2.82/h · 1d 2h · $${(2 * 1.408 * 26).toFixed(2)} so far`);
    assert.equal(row.detail, 'Endpoint · us-east-1 · ml.g5.xlarge × 2 · config fraud-v2');
    assert.equal(formatResourcePrice(notebook!), '≈ $0.23/h (Studio rate of 2025-12-05)');
    assert.equal(formatResourcePrice(serverless!), '$0/h (serverless: billed per request)');
  });

  it('confirms a shutdown naming every resource, what happens to it and the $/h saved', () => {
    const [endpoint, notebook] = snapshot(resources).priced;
    const both = presentShutdownConfirmation([endpoint!, notebook!]);
    assert.equal(both.message, `Shut down 2 SageMaker resources? They save ≈ $${(2 * 1.408 + 0.23).toFixed(2)}/h.`);
    assert.match(both.detail, /• Delete endpoint fraud \(us-east-1\), \$2\.82\/h: its endpoint config and model stay/);
    assert.match(both.detail, /• Stop notebook instance nb \(eu-west-1\)/);
    assert.equal(both.button, 'Shut Down');
    const one = presentShutdownConfirmation([notebook!]);
    assert.equal(one.message, 'Stop notebook instance nb (eu-west-1)? It saves ≈ $0.23/h.');
    // One resource: the question names it; the detail does not repeat it as a list of one.
    assert.equal(one.detail, 'Its storage stays; start it again at any time.');
    assert.equal(one.button, 'Stop');
  });

  it('words the long-running warning with age, rate and cost so far', () => {
    const [endpoint] = snapshot(resources).priced;
    assert.equal(longRunningMessage(endpoint!), `SageMaker endpoint fraud (us-east-1) has been running for 1d 2h at $2.82/h ($${(2 * 1.408 * 26).toFixed(2)} so far).`);
  });
});
