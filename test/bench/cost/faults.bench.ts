/**
 * The cost guard and the views under injected faults. For each condition, scans in a row as the
 * guard runs them (the SDK's standard retries, 3 attempts; each scan merged with the one before,
 * as the status bar shows it), then each of the four views' list functions:
 *   - 20% throttling + 5% 5xx + 100 ms added to every SageMaker call;
 *   - 100% throttling.
 * Reports scans complete / partial / failed, what the status bar showed for each kind, calls made
 * per scan (counted by the local service, retries included), and unhandled rejections (must be 0).
 *
 *   npm run bench -- faults [-- --scans 10 --regions us-east-1,eu-west-1]
 *
 * Prints figures; asserts nothing about time.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BillableScanner } from '../../../src/core/cost/billableScan';
import { byCost, priceResources, summarize } from '../../../src/core/cost/billing';
import { BundledPriceCatalog, type BundledPriceTable } from '../../../src/core/cost/bundledPrices';
import type { CostSnapshot } from '../../../src/core/cost/costWatch';
import { failureReason, failuresAfter, mergeScan, type MergedScan, type ScanCompleteness } from '../../../src/core/cost/scanOutcome';
import { listApps } from '../../../src/core/resources/apps';
import { EndpointConfigCache } from '../../../src/core/resources/endpointConfigs';
import { listEndpointsPage } from '../../../src/core/resources/endpoints';
import { listNotebookInstances } from '../../../src/core/resources/notebookInstances';
import { listTrainingJobsPage } from '../../../src/core/resources/trainingJobs';
import { presentStatus } from '../../../src/statusBar/costPresenter';
import { startEmulator, type FaultRule } from '../../emulator/index';
import { testClients, useTestProfile } from '../../unit/cost/support/clients';
import { reportFigure } from '../foundation/report';

let unhandled = 0;
process.on('unhandledRejection', (reason) => {
  unhandled++;
  console.error('unhandled rejection:', reason);
});

const conditions: ReadonlyArray<{ name: string; rule: FaultRule }> = [
  { name: '20% throttled + 5% 5xx + 100 ms', rule: { service: 'sagemaker', throttleRate: 0.2, serverErrorRate: 0.05, latencyMs: 100 } },
  { name: '100% throttled', rule: { service: 'sagemaker', throttleRate: 1 } },
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scans: { type: 'string', default: '10' }, regions: { type: 'string', default: 'us-east-1,eu-west-1' } } });
  const scans = Number(values.scans);
  const regions = values.regions.split(',');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const emulator = await startEmulator({ data: 'demo', regions, clockSpeed: 0 });
  const profile = await useTestProfile(emulator.credentials);
  const prices = new BundledPriceCatalog(async () => JSON.parse(await readFile('data/sagemaker-prices.json', 'utf8')) as BundledPriceTable);
  try {
    // The SDK's standard retry mode with 3 attempts, as the extension's clients.
    const clients = await testClients(profile, { endpointUrl: emulator.url }, 3);
    const scanner = new BillableScanner({ clients });
    // A clean first scan: what the guard knew before the trouble began.
    const baseline = mergeScan(await scanner.scan(regions), undefined);
    await prices.prepare(regions[0]!);
    const show = (snapshot: Omit<CostSnapshot, 'priced' | 'summary'>): string => {
      const priced = snapshot.scan ? priceResources(snapshot.scan.resources, prices, Date.now()).sort(byCost) : [];
      return presentStatus({ ...snapshot, priced, summary: summarize(priced) }, { thresholdUsdPerHour: 10_000, now: Date.now() }).text || '(hidden)';
    };
    console.log(`baseline (no faults): ${baseline.resources.length} billable resources in ${regions.join(', ')}; the status bar shows "${show({ state: 'idle', scan: baseline, completeness: 'complete', ignoredRegions: [], consecutiveFailures: 0 })}"`);

    for (const condition of conditions) {
      emulator.faults.clear();
      emulator.faults.set(condition.rule);
      emulator.requests.clear();
      const counts: Record<ScanCompleteness, number> = { complete: 0, partial: 0, failed: 0 };
      const shown = new Map<string, number>();
      let last: MergedScan | undefined = baseline;
      let failures = 0;
      let carriedMax = 0;
      for (let i = 0; i < scans; i++) {
        const result = await scanner.scan(regions);
        const merged = mergeScan(result, last);
        counts[merged.completeness]++;
        failures = failuresAfter(merged.completeness, failures);
        carriedMax = Math.max(carriedMax, merged.carried.length);
        const snapshot: Omit<CostSnapshot, 'priced' | 'summary'> =
          merged.completeness === 'failed'
            ? { state: 'idle', scan: last, completeness: 'failed', failure: failureReason(result), ignoredRegions: [], consecutiveFailures: failures }
            : { state: 'idle', scan: merged, completeness: merged.completeness, ignoredRegions: [], consecutiveFailures: failures };
        if (merged.completeness !== 'failed') last = merged;
        const text = `${merged.completeness}: ${show(snapshot)}`;
        shown.set(text, (shown.get(text) ?? 0) + 1);
      }
      const calls = emulator.requests.list({ service: 'sagemaker' }).length;
      console.log(`\ncost scan, ${condition.name}, ${scans} scans of ${regions.length} regions`);
      console.log(`  complete ${counts.complete}, partial ${counts.partial}, failed ${counts.failed}; at most ${carriedMax} resources shown as last seen`);
      for (const [text, count] of shown) console.log(`  status bar ${count}x  ${text}`);
      console.log(`  calls per scan (retries included): ${(calls / scans).toFixed(1)}; backoff after the last scan: ${failures} failed in a row`);
      const label = condition.name.startsWith('100%') ? 'all throttled' : 'mixed faults';
      reportFigure({ name: `cost scan, ${label}: complete`, value: counts.complete, unit: 'count', spread: `of ${scans}` });
      reportFigure({ name: `cost scan, ${label}: partial (shown as ≥)`, value: counts.partial, unit: 'count', spread: `of ${scans}` });
      reportFigure({ name: `cost scan, ${label}: failed (shown as cost unknown)`, value: counts.failed, unit: 'count', spread: `of ${scans}` });
      reportFigure({ name: `cost scan, ${label}: calls per scan`, value: Math.round((calls / scans) * 10) / 10, unit: 'count' });

      // The four views, through their core list functions: each listing succeeds or fails as a whole.
      const views: ReadonlyArray<[string, () => Promise<unknown>]> = [
        ['Studio apps', () => listApps(clients, regions[0]!, {})],
        ['notebook instances', () => listNotebookInstances(clients, regions[0]!)],
        ['training jobs (first page)', () => listTrainingJobsPage(clients, regions[0]!, { pageSize: 100 })],
        ['endpoints (first page)', () => listEndpointsPage(clients, regions[0]!, { pageSize: 100 }, { configs: new EndpointConfigCache() })],
      ];
      const outcomes: string[] = [];
      for (const [name, list] of views) {
        let ok = 0;
        let failed = 0;
        emulator.requests.clear();
        for (let i = 0; i < scans; i++) {
          try {
            await list();
            ok++;
          } catch {
            failed++;
          }
        }
        const viewCalls = emulator.requests.list({ service: 'sagemaker' }).length;
        outcomes.push(`${name}: ${ok} listed, ${failed} failed, ${(viewCalls / scans).toFixed(1)} calls each`);
      }
      console.log(`  views (${regions[0]}), ${scans} listings each: ${outcomes.join('; ')}`);
    }
    clients.dispose();
  } finally {
    emulator.faults.clear();
    await emulator.stop();
    await profile.dispose();
  }
  console.log(`\nunhandled rejections: ${unhandled}`);
  reportFigure({ name: 'unhandled rejections', value: unhandled, unit: 'count', aim: { max: 0, text: '0' } });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
