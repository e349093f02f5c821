import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { watchJob } from '../../../src/core/launch/jobWatch';
import { launchJob } from '../../../src/core/launch/launchJob';
import { parseSpec } from '../../../src/core/launch/specDocument';
import { exampleFile, startLaunchTestBed, type LaunchTestBed } from './support/testBed';

const example = exampleFile;
const quote = (): { usdPerHour: number; source: 'pricingApi' } => ({ usdPerHour: 0.6, source: 'pricingApi' });

describe('watching a launched job to its end (the completion notification)', () => {
  let bed: LaunchTestBed;
  before(async () => {
    bed = await startLaunchTestBed({ clockSpeed: 0 });
  });
  after(async () => {
    await bed.dispose();
  });

  it('reports result, duration and cost of a training job, through a dropped connection', async () => {
    const path = example('fraud-detection.training.yaml');
    const job = await launchJob(await parseSpec(await readFile(path, 'utf8'), path), await bed.environment('training', path));
    bed.emulator.faults.set({ operation: 'DescribeTrainingJob', dropConnectionRate: 1, count: 1 });
    const timer = setInterval(() => bed.emulator.clock.advance(60_000), 5);
    try {
      const end = await watchJob(bed.clients, bed.region, 'training', job.name, { pollMs: 10, quote });
      assert.equal(end.status, 'Completed');
      const described = bed.emulator.state.get('trainingJob', bed.region, job.name) as { TrainingStartTime: number; TrainingEndTime: number; BillableTimeInSeconds: number };
      assert.equal(end.durationMs, Math.round((described.TrainingEndTime - described.TrainingStartTime) * 1000));
      assert.ok(Math.abs(end.costUsd! - (described.BillableTimeInSeconds / 3600) * 0.6) < 1e-9);
      assert.equal(bed.emulator.requests.list({ operation: 'DescribeTrainingJob', status: 0 }).length, 1);
    } finally {
      clearInterval(timer);
      bed.emulator.faults.clear();
    }
  });

  it('reports the best training job of a tuning job', async () => {
    const path = example('fraud-detection.tuning.yaml');
    const job = await launchJob(await parseSpec(await readFile(path, 'utf8'), path), await bed.environment('tuning', path));
    const timer = setInterval(() => bed.emulator.clock.advance(120_000), 5);
    try {
      const end = await watchJob(bed.clients, bed.region, 'tuning', job.name, { pollMs: 10, quote });
      assert.equal(end.status, 'Completed');
      assert.match(end.best?.name ?? '', new RegExp(`^${job.name}-\\d{3}-`));
      assert.equal(end.best?.metric, 'validation:auc');
      assert.ok((end.costUsd ?? 0) > 0);
    } finally {
      clearInterval(timer);
    }
  });
});
