import assert from 'node:assert/strict';
import { trainingJobCost, type TrainingJob } from '../../../src/core/resources/trainingJobs';
import { estimated, fixedPrices, live } from './support/prices';

const t0 = Date.parse('2026-11-20T10:00:00Z');

function job(overrides: Partial<TrainingJob>): TrainingJob {
  return {
    region: 'us-east-1',
    name: 'fraud-xgb-3',
    arn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/fraud-xgb-3',
    status: 'Completed',
    created: new Date(t0),
    trainingStart: new Date(t0 + 120_000),
    instances: [{ type: 'ml.m5.xlarge', count: 2 }],
    spot: false,
    finalMetrics: [],
    metricDefinitions: [],
    detail: 'full',
    ...overrides,
  };
}

describe('training job cost so far', () => {
  it('is billable seconds × instances × the training rate once finished', () => {
    const prices = fixedPrices({ 'ml.m5.xlarge/training': live(0.23) });
    const cost = trainingJobCost(job({ billableSeconds: 1800 }), prices, t0 + 3_600_000)!;
    assert.equal(cost.final, true);
    assert.equal(cost.billableSeconds, 1800);
    assert.ok(Math.abs(cost.usd - 0.5 * 2 * 0.23) < 1e-9);
    assert.equal(cost.rate, '$0.23/h');
    assert.equal(cost.estimate, false);
  });

  it('counts a running job from its training start, not from its creation', () => {
    const prices = fixedPrices({ 'ml.m5.xlarge/training': live(0.23) });
    const cost = trainingJobCost(job({ status: 'InProgress', billableSeconds: undefined }), prices, t0 + 120_000 + 900_000)!;
    assert.equal(cost.final, false);
    assert.equal(cost.billableSeconds, 900);
    assert.ok(Math.abs(cost.usd - 0.25 * 2 * 0.23) < 1e-9);
  });

  it('uses the spot rate for spot jobs', () => {
    const prices = fixedPrices({ 'ml.m5.xlarge/training': live(0.23), 'ml.m5.xlarge/spotTraining': live(0.069) });
    const cost = trainingJobCost(job({ spot: true, billableSeconds: 3600 }), prices)!;
    assert.ok(Math.abs(cost.usd - 2 * 0.069) < 1e-9);
    assert.equal(cost.estimate, false);
    assert.equal(cost.note, undefined);
  });

  it('falls back to the on-demand rate for spot jobs, labelled as such', () => {
    const prices = fixedPrices({ 'ml.m5.xlarge/training': live(0.23) });
    const cost = trainingJobCost(job({ spot: true, billableSeconds: 3600 }), prices)!;
    assert.ok(Math.abs(cost.usd - 2 * 0.23) < 1e-9);
    assert.equal(cost.estimate, true);
    assert.match(cost.note ?? '', /on-demand rate: no spot rate is known/);
  });

  it('adds up heterogeneous instance groups and keeps estimates labelled', () => {
    const prices = fixedPrices({ 'ml.p4d.24xlarge/training': live(37.69), 'ml.c5.2xlarge/training': estimated(0.48, 'Studio rate of 2025-12-05') });
    const cost = trainingJobCost(
      job({ instances: [{ type: 'ml.p4d.24xlarge', count: 2, group: 'gpu' }, { type: 'ml.c5.2xlarge', count: 1, group: 'cpu' }], billableSeconds: 360 }),
      prices,
    )!;
    assert.ok(Math.abs(cost.usd - 0.1 * (2 * 37.69 + 0.48)) < 1e-9);
    assert.equal(cost.estimate, true);
    assert.match(cost.rate, /\$37\.69\/h \+ ≈ \$0\.48\/h \(Studio rate of 2025-12-05\)/);
  });

  it('is unknown (never $0) without instances or without a price', () => {
    assert.equal(trainingJobCost(job({ instances: [], billableSeconds: 100 }), fixedPrices({})), undefined);
    assert.equal(trainingJobCost(job({ billableSeconds: 100 }), fixedPrices({})), undefined);
  });
});
