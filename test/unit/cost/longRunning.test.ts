import { strict as assert } from 'node:assert';
import type { PricedResource } from '../../../src/core/cost/billing';
import { claimWarnings, dayKey, dueWarnings, emptyWarningState, ignore, markWarned, pruneWarningState, snooze, unignore } from '../../../src/core/cost/longRunning';
import { nextScanDelay, regionsToScan } from '../../../src/core/cost/scanPlan';
import { WarningStore } from '../../../src/core/cost/warningStore';

const hour = 3_600_000;
const now = new Date(2026, 10, 20, 15, 0).getTime();
const thresholds = { apps: 8, notebookInstances: 8, endpoints: 24, jobs: 0 };

const priced = (id: string, kind: PricedResource['kind'], hours: number, usdPerHour: number | undefined): PricedResource => ({
  id,
  region: 'us-east-1',
  kind,
  name: id,
  status: 'InService',
  instances: [],
  runningMs: hours * hour,
  price: { parts: [], usdPerHour, knownUsdPerHour: usdPerHour ?? 0, estimated: false, bases: [] },
});

describe('long-running warnings', () => {
  const resources = [
    priced('app-9h', 'app', 9, 0.23),
    priced('app-7h', 'app', 7, 0.23),
    priced('endpoint-9h', 'endpoint', 9, 1.4),
    priced('endpoint-25h', 'endpoint', 25, undefined),
    priced('serverless-30h', 'endpoint', 30, 0),
    priced('job-100h', 'trainingJob', 100, 5),
  ];

  it("warns past each kind's threshold, about unknown prices too, never about free things or disabled kinds", () => {
    const due = dueWarnings(resources, thresholds, emptyWarningState, now).map((resource) => resource.id);
    assert.deepEqual(due, ['app-9h', 'endpoint-25h']);
  });

  it('warns once per resource per day', () => {
    const warned = markWarned(emptyWarningState, ['app-9h'], now);
    assert.deepEqual(dueWarnings(resources, thresholds, warned, now + 2 * hour).map((r) => r.id), ['endpoint-25h']);
    const tomorrow = new Date(2026, 10, 21, 9, 0).getTime();
    assert.notEqual(dayKey(tomorrow), dayKey(now));
    assert.deepEqual(dueWarnings(resources, thresholds, warned, tomorrow).map((r) => r.id), ['app-9h', 'endpoint-25h']);
  });

  it('stays quiet while snoozed and for ignored resources, until the user takes them off the list', () => {
    let state = snooze(emptyWarningState, 'app-9h', now + 4 * hour);
    state = ignore(state, 'endpoint-25h', 'endpoint-25h (us-east-1)');
    assert.deepEqual(dueWarnings(resources, thresholds, state, now), []);
    assert.deepEqual(dueWarnings(resources, thresholds, state, now + 5 * hour).map((r) => r.id), ['app-9h']);
    assert.deepEqual(dueWarnings(resources, thresholds, unignore(state, ['endpoint-25h']), now + 5 * hour).map((r) => r.id), ['app-9h', 'endpoint-25h']);
  });

  it('forgets day marks of resources that stopped, but keeps the ignore list', () => {
    let state = markWarned(emptyWarningState, ['gone', 'app-9h'], now);
    state = ignore(snooze(state, 'gone', now - hour), 'gone', 'gone');
    const pruned = pruneWarningState(state, new Set(['app-9h']), now);
    assert.deepEqual(Object.keys(pruned.lastWarned), ['app-9h']);
    assert.deepEqual(pruned.snoozedUntil, {});
    assert.deepEqual(Object.keys(pruned.ignored), ['gone']);
  });

  it('claims what is due at most `max` at a time, and each resource once even when two scans end together', async () => {
    const values = new Map<string, unknown>();
    // As globalState: the value changes at once, the write to disk finishes later.
    const store = new WarningStore({
      get: <T>(key: string) => values.get(key) as T | undefined,
      update: (key, value) => {
        values.set(key, value);
        return new Promise((resolve) => setTimeout(resolve, 5));
      },
    });
    const claimed: string[][] = [];
    const claim = (max: number) =>
      store.update((state) => {
        const result = claimWarnings(state, resources, thresholds, now, max);
        claimed.push(result.due.map((resource) => resource.id));
        return result.state;
      });
    await Promise.all([claim(1), claim(1), claim(1)]);
    assert.deepEqual(claimed, [['app-9h'], ['endpoint-25h'], []]);
    assert.deepEqual(Object.keys(store.read().lastWarned).sort(), ['app-9h', 'endpoint-25h']);
  });

  it('keeps its state in a key-value store such as globalState', async () => {
    const values = new Map<string, unknown>();
    const store = new WarningStore({ get: <T>(key: string) => values.get(key) as T | undefined, update: (key, value) => Promise.resolve(void values.set(key, value)) });
    await store.update((state) => ignore(state, 'x', 'x (us-east-1)'));
    assert.deepEqual(new WarningStore({ get: <T>(key: string) => values.get(key) as T | undefined, update: () => Promise.resolve() }).read().ignored, { x: 'x (us-east-1)' });
  });
});

describe('scan plan', () => {
  it('scans every SageMaker region of the partition by default, the current one first', () => {
    const { regions, ignored } = regionsToScan('eu-west-1', []);
    assert.equal(regions[0], 'eu-west-1');
    assert.ok(regions.includes('us-east-1') && regions.includes('ap-southeast-2'));
    assert.ok(!regions.some((region) => region.startsWith('cn-') || region.startsWith('us-gov-')));
    assert.equal(new Set(regions).size, regions.length);
    assert.deepEqual(ignored, []);
  });

  it('narrows to the configured regions plus the current one, ignoring other partitions and typos', () => {
    assert.deepEqual(regionsToScan('us-east-1', ['eu-west-1', 'cn-north-1', 'mars-1', 'eu-west-1']), { regions: ['us-east-1', 'eu-west-1'], ignored: ['cn-north-1', 'mars-1'] });
  });

  it('backs off while scans fail, up to an hour', () => {
    const interval = 5 * 60_000;
    assert.equal(nextScanDelay(interval, 0), interval);
    assert.equal(nextScanDelay(interval, 1), 2 * interval);
    assert.equal(nextScanDelay(interval, 3), 8 * interval);
    assert.equal(nextScanDelay(interval, 20), hour);
    assert.equal(nextScanDelay(2 * hour, 3), 2 * hour, 'never sooner than the interval');
  });
});
