import { strict as assert } from 'node:assert';
import type { BillableResource } from '../../../src/core/cost/billable';
import type { ScanResult } from '../../../src/core/cost/billableScan';
import { byCost, priceResources, summarize } from '../../../src/core/cost/billing';
import type { CostSnapshot } from '../../../src/core/cost/costWatch';
import { mergeScan } from '../../../src/core/cost/scanOutcome';
import type { PriceQuery, PriceQuote } from '../../../src/core/cost/priceCatalog';
import {
  formatResourcePrice,
  formatTotal,
  longRunningMessage,
  presentLongRunningWarning,
  presentPickRow,
  presentShutdownOutcome,
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
  return { state: 'idle', scan: mergeScan(scan, undefined), priced, summary: summarize(priced), ignoredRegions: [], consecutiveFailures: 0, ...extra };
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

  it('stays quiet at $0/h when nothing runs, with a tooltip; quiet when only free things run; honest about unknown prices', () => {
    const nothing = presentStatus(snapshot([]), { thresholdUsdPerHour: 1, now });
    assert.equal(nothing.visible, true);
    assert.equal(nothing.text, '$(check) $0/h');
    assert.equal(nothing.warning, false);
    assert.match(nothing.tooltip, /nothing bills by the hour/);
    assert.match(nothing.tooltip, /3 regions scanned at .*Click to check again\./);
    assert.equal(presentStatus({ ...snapshot([]), scan: undefined }, { thresholdUsdPerHour: 1, now }).visible, false, 'hidden only before the first scan');
    const free = presentStatus(snapshot([resources[2]!]), { thresholdUsdPerHour: 0, now });
    assert.equal(free.text, '$(circle-large-outline) $0/h · 1 running');
    assert.equal(free.warning, false);
    const unknown = snapshot([{ ...resources[0]!, instances: [{ instanceType: 'ml.zz9.mega', count: 1, use: 'hosting' }] }]);
    assert.equal(formatTotal(unknown.summary), '≥ $0/h');
    assert.equal(presentStatus({ ...snapshot(resources), state: 'waitingForCredentials' }, { thresholdUsdPerHour: 1, now }).visible, false);
  });

  it('breaks the total down by region and kind, and notes skipped regions, failed parts and the price source', () => {
    const { tooltip } = presentStatus(snapshot(resources), {
      thresholdUsdPerHour: 1,
      now,
      prices: { live: { state: 'unavailable', kind: 'accessDenied', reason: 'access denied (AccessDeniedException)', retryAt: 0 }, bundledAsOf: '2025-12-05' },
    });
    assert.match(tooltip, /\| us\\-east\\-1 \| 2 \| \$2\.82 \|/);
    assert.match(tooltip, /\| eu\\-west\\-1 \| 1 \| ≈ \$0\.23 \|/);
    // One table: both groupings share its columns.
    assert.equal((tooltip.match(/^\| :?---/gm) ?? []).length, 1);
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

  it('shows a partial scan as a lower bound, names what failed and the age of the figures it kept', () => {
    const earlier = mergeScan({ at: new Date(now - 7 * 60_000), resources, regions: [{ region: 'us-east-1', resources, problems: [] }, { region: 'eu-west-1', resources: [], problems: [] }] }, undefined);
    const fresh = [resources[0]!, resources[2]!];
    const scan = mergeScan(
      {
        at: new Date(now),
        resources: fresh,
        regions: [
          { region: 'us-east-1', resources: fresh, problems: [] },
          { region: 'eu-west-1', resources: [], problems: [{ part: 'notebookInstances', kind: 'throttled', code: 'ThrottlingException', message: 'Rate exceeded' }] },
        ],
      },
      earlier,
    );
    assert.equal(scan.completeness, 'partial');
    assert.deepEqual(scan.carried.map((entry) => [entry.id, entry.seenAt.getTime()]), [['eu-west-1/notebookInstance/nb', now - 7 * 60_000]]);
    const priced = priceResources(scan.resources, catalog, now).sort(byCost);
    const view = presentStatus({ state: 'idle', scan, completeness: 'partial', priced, summary: summarize(priced), ignoredRegions: [], consecutiveFailures: 1 }, { thresholdUsdPerHour: 10, now });
    assert.equal(view.text, `$(cloud) ≥ $${(2 * 1.408 + 0.23).toFixed(2)}/h · 3 running`);
    assert.match(view.tooltip, /Not seen in this scan:\*\* eu-west-1 notebook instances \(throttled\)/);
    assert.match(view.tooltip, /Last known, kept from an earlier scan: notebook instance nb \(eu-west-1\), seen 7 min ago/);
    assert.match(view.tooltip, /^≥: at least this much; part of the scan failed/m);
    // A partial scan that found nothing is not "$0/h".
    const none = mergeScan({ at: new Date(now), resources: [], regions: [{ region: 'us-east-1', resources: [], problems: [{ part: 'endpoints', kind: 'serviceError', code: 'InternalFailure', message: 'x' }] }] }, undefined);
    const empty = presentStatus({ state: 'idle', scan: none, completeness: 'partial', priced: [], summary: summarize([]), ignoredRegions: [], consecutiveFailures: 1 }, { thresholdUsdPerHour: 1, now });
    assert.equal(empty.text, '$(cloud) ≥ $0/h · 0 running');
  });

  it('keeps the item when every part failed: "cost unknown", the reason, and the last known figures with their age', () => {
    const last = snapshot(resources);
    const view = presentStatus({ ...last, completeness: 'failed', failure: 'ThrottlingException: Rate exceeded', consecutiveFailures: 3 }, { thresholdUsdPerHour: 1, now: now + 2 * 60_000 });
    assert.equal(view.visible, true);
    assert.equal(view.text, '$(warning) SageMaker cost unknown');
    assert.match(view.tooltip, /ThrottlingException: Rate exceeded/);
    assert.match(view.tooltip, /Last known, 2 min ago: ≈ \$3\.05\/h \(3 running\)/);
    const first = presentStatus({ ...last, scan: undefined, completeness: 'failed', failure: 'TimeoutError: timed out' }, { thresholdUsdPerHour: 1, now });
    assert.equal(first.text, '$(warning) SageMaker cost unknown');
  });

  it('explains only the signs it shows', () => {
    const signs = (text: string): string[] => [...new Set(text.match(/[≈≥]/g) ?? [])].sort();
    const explained = (text: string): string[] => [...text.matchAll(/^([≈≥]):/gm)].map((match) => match[1]!).sort();
    const cases = [
      snapshot(resources),
      snapshot([resources[0]!]),
      snapshot([{ ...resources[0]!, instances: [{ instanceType: 'ml.zz9.mega', count: 1, use: 'hosting' }] }, resources[1]!]),
    ];
    for (const entry of cases) {
      const { tooltip } = presentStatus(entry, { thresholdUsdPerHour: 1, now });
      const shown = signs(tooltip.replace(/^[≈≥]:.*$/gm, ''));
      assert.deepEqual(explained(tooltip), shown, tooltip);
    }
  });

  it('words several long-running warnings as one notification that lists them, with Shut Down offering the list', () => {
    const [endpoint, notebook] = snapshot(resources).priced;
    const one = presentLongRunningWarning([endpoint!]);
    assert.equal(one.message, longRunningMessage(endpoint!));
    assert.deepEqual(one.buttons, ['Shut Down', 'Snooze…', "Don't Warn for This Resource"]);
    const both = presentLongRunningWarning([endpoint!, notebook!]);
    assert.equal(
      both.message,
      `2 SageMaker resources have been running longer than your thresholds (≈ $3.05/h together): endpoint fraud (us-east-1), 1d 2h at $2.82/h; notebook instance nb (eu-west-1), 2h 00m at ≈ $0.23/h (Studio rate of 2025-12-05).`,
    );
    assert.deepEqual(both.buttons, ['Shut Down…', 'Snooze All…', "Don't Warn for These"]);
  });

  it('reports what was sent counted by action, the list behind Show Details', () => {
    const [endpoint, notebook] = snapshot(resources).priced;
    const second = { ...endpoint!, id: 'us-east-1/endpoint/fraud-2', name: 'fraud-2' };
    const one = presentShutdownOutcome([notebook!]);
    assert.equal(one.message, 'Sent: stop notebook instance nb (eu-west-1). Billing stops (≈ $0.23/h saved) as soon as SageMaker has done it.');
    assert.equal(one.details, undefined);
    const three = presentShutdownOutcome([endpoint!, notebook!, second]);
    assert.equal(three.message, 'Sent 3 shutdowns: delete 2 endpoints; stop 1 notebook instance. Billing stops (≈ $5.86/h saved) as soon as SageMaker has done it.');
    assert.equal(three.details?.split('\n').length, 3);
    assert.match(three.details ?? '', /^• Delete endpoint fraud-2 \(us-east-1\), \$2\.82\/h$/m);
  });
});
