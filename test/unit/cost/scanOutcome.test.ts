import { strict as assert } from 'node:assert';
import type { BillableResource } from '../../../src/core/cost/billable';
import type { RegionScan, ScanResult } from '../../../src/core/cost/billableScan';
import type { PricedResource } from '../../../src/core/cost/billing';
import { claimWarnings, dayKey, emptyWarningState, markWarned } from '../../../src/core/cost/longRunning';
import { nextScanDelay } from '../../../src/core/cost/scanPlan';
import { failedParts, failuresAfter, failureReason, isUnseenId, mergeScan, scanCompleteness } from '../../../src/core/cost/scanOutcome';

const now = Date.parse('2026-11-20T12:00:00Z');
const nb: BillableResource = { id: 'us-east-1/notebookInstance/nb', region: 'us-east-1', kind: 'notebookInstance', name: 'nb', status: 'InService', instances: [], since: new Date(now - 9 * 3_600_000) };
const ep: BillableResource = { id: 'us-east-1/endpoint/ep', region: 'us-east-1', kind: 'endpoint', name: 'ep', status: 'InService', instances: [] };
const job: BillableResource = { id: 'eu-west-1/trainingJob/j', region: 'eu-west-1', kind: 'trainingJob', name: 'j', status: 'InProgress', instances: [] };
const throttled = { kind: 'throttled', code: 'ThrottlingException', message: 'Rate exceeded' } as const;
const everyPart = ['apps', 'notebookInstances', 'endpoints', 'trainingJobs', 'processingJobs', 'transformJobs'] as const;

function scan(at: number, regions: RegionScan[]): ScanResult {
  return { at: new Date(at), regions, resources: regions.flatMap((region) => region.resources) };
}

describe('scan outcome', () => {
  it('is complete when every part answered, counting regions not enabled or denied as answered', () => {
    const result = scan(now, [
      { region: 'us-east-1', resources: [nb], problems: [] },
      { region: 'ap-east-1', resources: [], problems: [], skipped: { kind: 'regionNotEnabled', code: 'UnrecognizedClientException', message: 'x' } },
      { region: 'eu-west-1', resources: [], problems: [{ part: 'endpoints', kind: 'accessDenied', code: 'AccessDeniedException', message: 'no' }] },
    ]);
    assert.deepEqual(failedParts(result), []);
    assert.equal(scanCompleteness(result), 'complete');
  });

  it('is partial when a part is throttled, failed when no part of any region answered', () => {
    const partial = scan(now, [
      { region: 'us-east-1', resources: [ep], problems: [{ part: 'notebookInstances', ...throttled }] },
      { region: 'eu-west-1', resources: [], problems: [], skipped: { kind: 'network', code: 'ECONNREFUSED', message: 'refused' } },
    ]);
    assert.deepEqual(
      failedParts(partial).map((entry) => [entry.region, entry.part]),
      [
        ['us-east-1', 'notebookInstances'],
        ['eu-west-1', undefined],
      ],
    );
    assert.equal(scanCompleteness(partial), 'partial');
    const failed = scan(now, [
      { region: 'us-east-1', resources: [], problems: everyPart.map((part) => ({ part, ...throttled })) },
      { region: 'eu-west-1', resources: [], problems: [], skipped: { kind: 'network', code: 'ECONNREFUSED', message: 'refused' } },
    ]);
    assert.equal(scanCompleteness(failed), 'failed');
    assert.equal(failureReason(failed), 'ThrottlingException: Rate exceeded');
  });

  it('keeps the last known resources of the failed parts, with the time they were last seen, and drops the rest', () => {
    const first = mergeScan(scan(now - 600_000, [{ region: 'us-east-1', resources: [nb, ep], problems: [] }, { region: 'eu-west-1', resources: [job], problems: [] }]), undefined);
    assert.equal(first.completeness, 'complete');
    // The notebook part is throttled; the endpoint was deleted (its part answered without it).
    const second = mergeScan(
      scan(now - 300_000, [
        { region: 'us-east-1', resources: [], problems: [{ part: 'notebookInstances', ...throttled }] },
        { region: 'eu-west-1', resources: [job], problems: [] },
      ]),
      first,
    );
    assert.deepEqual(second.resources.map((resource) => resource.id).sort(), [job.id, nb.id].sort());
    assert.deepEqual(second.carried.map((entry) => [entry.id, entry.seenAt.getTime()]), [[nb.id, now - 600_000]]);
    // Still not seen: the age is the first sighting's, not the previous scan's.
    const third = mergeScan(scan(now, [{ region: 'us-east-1', resources: [], problems: [{ part: 'notebookInstances', ...throttled }] }, { region: 'eu-west-1', resources: [], problems: [] }]), second);
    assert.deepEqual(third.carried.map((entry) => [entry.id, entry.seenAt.getTime()]), [[nb.id, now - 600_000]]);
    // Seen again: nothing is carried.
    const fourth = mergeScan(scan(now, [{ region: 'us-east-1', resources: [nb], problems: [] }]), third);
    assert.deepEqual(fourth.carried, []);
  });

  it('does not reset the backoff on a partial scan', () => {
    assert.equal(failuresAfter('partial', 2), 3);
    assert.equal(failuresAfter('failed', 0), 1);
    assert.equal(failuresAfter('complete', 5), 0);
    assert.ok(nextScanDelay(300_000, failuresAfter('partial', 0)) > 300_000);
  });

  it('keeps the long-running warning marks of resources in parts the scan could not see', () => {
    const warned = markWarned(emptyWarningState, [nb.id, ep.id], now);
    const result = scan(now, [{ region: 'us-east-1', resources: [], problems: [{ part: 'notebookInstances', ...throttled }] }]);
    const failed = failedParts(result);
    assert.equal(isUnseenId(nb.id, failed), true);
    assert.equal(isUnseenId(ep.id, failed), false);
    const claim = claimWarnings(warned, [] as PricedResource[], { apps: 8, notebookInstances: 8, endpoints: 24, jobs: 0 }, now, 3, (id) => isUnseenId(id, failed));
    // The endpoint's part answered without it: it stopped, its mark goes. The notebook's part failed: its mark stays.
    assert.deepEqual(claim.state.lastWarned, { [nb.id]: dayKey(now) });
  });
});
