import assert from 'node:assert/strict';
import { SettledCache } from '../../../src/core/resources/jobs';
import { listTrainingJobsPage, searchDeniedNote, type TrainingJob } from '../../../src/core/resources/trainingJobs';
import { startWithClients, type EmulatorClients } from '../support/emulatorClients';
import { putTrainingJobs, trainingRequest } from './support/fixtures';

describe('training jobs listing (against the local service)', () => {
  let env: EmulatorClients;
  let names: string[];

  before(async () => {
    env = await startWithClients({ data: 'empty', clockSpeed: 0 });
    names = putTrainingJobs(env.emulator, env.region, 23, 'fraud-xgb');
    // One running spot job on two instances, newest of all.
    env.emulator.state.put('trainingJob', env.region, trainingRequest('churn-spot', { spot: true, instanceCount: 2, instanceType: 'ml.c5.2xlarge' }), {
      createdAt: env.emulator.clock.now().getTime() - 60_000,
    });
    names.unshift('churn-spot');
  });

  after(async () => {
    await env.dispose();
  });

  beforeEach(() => {
    env.emulator.access.clear();
    env.emulator.requests.clear();
  });

  async function allPages(pageSize: number, options: Parameters<typeof listTrainingJobsPage>[3] = {}): Promise<{ pages: TrainingJob[][]; calls: number }> {
    const pages: TrainingJob[][] = [];
    let token: string | undefined;
    let calls = 0;
    do {
      const page = await listTrainingJobsPage(env.clients, env.region, { pageSize, nextToken: token }, options);
      pages.push(page.items);
      calls += page.calls;
      token = page.nextToken;
    } while (token);
    return { pages, calls };
  }

  it('lists newest first, one Search call per page, each page exactly the next one', async () => {
    const first = await listTrainingJobsPage(env.clients, env.region, { pageSize: 10 });
    assert.equal(first.source, 'search');
    assert.equal(first.calls, 1);
    assert.deepEqual(
      first.items.map((job) => job.name),
      names.slice(0, 10),
    );
    const second = await listTrainingJobsPage(env.clients, env.region, { pageSize: 10, nextToken: first.nextToken });
    assert.deepEqual(
      second.items.map((job) => job.name),
      names.slice(10, 20),
    );
    const searches = env.emulator.requests.list({ operation: 'Search' });
    assert.equal(searches.length, 2);
    assert.equal(env.emulator.requests.list({ operation: 'DescribeTrainingJob' }).length, 0, 'Search records need no describe');
  });

  it('gives the full record: instances, spot flag, billable time', async () => {
    const { items } = await listTrainingJobsPage(env.clients, env.region, { pageSize: 2 });
    const spot = items.find((job) => job.name === 'churn-spot')!;
    assert.equal(spot.status, 'InProgress');
    assert.deepEqual(spot.instances, [{ type: 'ml.c5.2xlarge', count: 2 }]);
    assert.equal(spot.spot, true);
    assert.equal(spot.detail, 'full');
    const done = items.find((job) => job.name !== 'churn-spot')!;
    assert.equal(done.status, 'Completed');
    assert.equal(done.spot, false);
    assert.ok((done.billableSeconds ?? 0) > 0, 'a finished job has billable seconds');
    assert.ok(done.modelArtifacts?.startsWith('s3://'), 'and model artifacts');
  });

  it('filters by status and by name on the service side', async () => {
    const running = await listTrainingJobsPage(env.clients, env.region, { pageSize: 10, filter: { status: 'InProgress' } });
    assert.deepEqual(
      running.items.map((job) => job.name),
      ['churn-spot'],
    );
    const byName = await listTrainingJobsPage(env.clients, env.region, { pageSize: 50, filter: { nameContains: 'XGB-001' } });
    assert.deepEqual(byName.items.map((job) => job.name).sort(), names.filter((name) => name.includes('xgb-001')).sort());
    const search = env.emulator.requests.list({ operation: 'Search' }).at(-1)!;
    assert.match(JSON.stringify(search.input), /"Operator":"Contains"/);
  });

  it('falls back to ListTrainingJobs + DescribeTrainingJob when Search is denied, and says so', async () => {
    env.emulator.access.deny({ operation: 'Search' });
    const fresh = env.newClients();
    try {
      const first = await listTrainingJobsPage(fresh, env.region, { pageSize: 10 });
      assert.equal(first.source, 'listAndDescribe');
      assert.ok(first.notes.includes(searchDeniedNote));
      assert.deepEqual(
        first.items.map((job) => job.name),
        names.slice(0, 10),
      );
      assert.deepEqual(first.items[0]!.instances, [{ type: 'ml.c5.2xlarge', count: 2 }], 'described: instances known');
      // 1 denied Search + 1 List + 10 Describe.
      assert.equal(first.calls, 12);
      const second = await listTrainingJobsPage(fresh, env.region, { pageSize: 10, nextToken: first.nextToken });
      assert.deepEqual(
        second.items.map((job) => job.name),
        names.slice(10, 20),
      );
      assert.equal(second.calls, 11, 'Search is not tried again once denied');
      assert.equal(env.emulator.requests.list({ operation: 'Search' }).length, 1);
    } finally {
      fresh.dispose();
    }
  });

  it('describes each finished job once across pages and refreshes (fallback path)', async () => {
    env.emulator.access.deny({ operation: 'Search' });
    const fresh = env.newClients();
    try {
      const cache = new SettledCache<TrainingJob>();
      const before = await allPages(10, { cache });
      assert.deepEqual(before.pages.flat().map((job) => job.name), names);
      const again = await allPages(10, { cache });
      assert.deepEqual(again.pages.flat().map((job) => job.name), names);
      // The second pass describes only the running job: 3 List calls + 1 Describe.
      assert.equal(again.calls, 3 + 1);
    } finally {
      fresh.dispose();
    }
  });

  it('rides out throttling: the SDK retries a throttled Search', async () => {
    const retrying = await startWithClients({ data: 'empty', clockSpeed: 0 }, 3);
    try {
      putTrainingJobs(retrying.emulator, retrying.region, 3, 'throttled');
      retrying.emulator.faults.set({ operation: 'Search', throttleRate: 1, count: 2 });
      const page = await listTrainingJobsPage(retrying.clients, retrying.region, { pageSize: 10 });
      assert.equal(page.items.length, 3);
      assert.equal(retrying.emulator.requests.list({ operation: 'Search' }).length, 3, 'two throttled attempts, then the answer');
    } finally {
      await retrying.dispose();
    }
  });

  it('keeps a job whose describe fails, with what its summary says, and a note', async () => {
    env.emulator.access.deny({ operation: 'Search' });
    env.emulator.access.deny({ operation: 'DescribeTrainingJob', match: { TrainingJobName: names[1] } });
    const fresh = env.newClients();
    try {
      const page = await listTrainingJobsPage(fresh, env.region, { pageSize: 3 });
      const undescribed = page.items.find((job) => job.name === names[1])!;
      assert.equal(undescribed.detail, 'summary');
      assert.deepEqual(undescribed.instances, []);
      assert.equal(undescribed.status, 'Completed');
      assert.ok(page.notes.some((note) => /Could not describe 1 of these/.test(note) && /AccessDenied/.test(note)), page.notes.join(' | '));
    } finally {
      fresh.dispose();
    }
  });
});
