import assert from 'node:assert/strict';
import type { ProcessingJob } from '../../../src/core/resources/processingJobs';
import type { TrainingJob } from '../../../src/core/resources/trainingJobs';
import type { TuningJob, TuningTrial } from '../../../src/core/resources/tuningJobs';
import {
  presentGroup,
  presentProcessingJob,
  presentTrainingJob,
  presentTuningJob,
  presentTuningTrial,
} from '../../../src/views/presenters/training';
import { fixedPrices, live } from './support/prices';

const t0 = Date.parse('2026-11-20T10:00:00Z');
const prices = fixedPrices({ 'ml.m5.xlarge/training': live(0.23), 'ml.m5.xlarge/spotTraining': live(0.069) });

const training: TrainingJob = {
  region: 'us-east-1',
  name: 'fraud-xgb-3',
  arn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/fraud-xgb-3',
  status: 'InProgress',
  secondaryStatus: 'Training',
  created: new Date(t0),
  trainingStart: new Date(t0 + 120_000),
  instances: [{ type: 'ml.m5.xlarge', count: 2 }],
  spot: true,
  modelArtifacts: undefined,
  finalMetrics: [],
  metricDefinitions: [],
  detail: 'full',
};

describe('training view presenters', () => {
  it('shows a running training job with what it does, for how long, on what, spot, and its cost so far', () => {
    const presentation = presentTrainingJob(training, { now: t0 + 120_000 + 3_600_000, prices });
    assert.equal(presentation.label, 'fraud-xgb-3');
    // 1 h of training × 2 instances × $0.069 spot.
    assert.equal(presentation.description, 'InProgress · Training · 1h 02m · ml.m5.xlarge × 2 · spot · $0.14');
    assert.equal(presentation.contextValue, 'trainingJob.InProgress.spot');
    assert.equal(presentation.icon?.id, 'loading~spin');
    assert.match(presentation.tooltip ?? '', /so far/);
  });

  it('marks finished jobs with artifacts and shows "unknown" rather than a price it does not have', () => {
    const done: TrainingJob = { ...training, status: 'Completed', secondaryStatus: 'Completed', spot: false, instances: [{ type: 'ml.g5.xlarge', count: 1 }], trainingEnd: new Date(t0 + 600_000), billableSeconds: 480, modelArtifacts: 's3://b/model.tar.gz' };
    const presentation = presentTrainingJob(done, { now: t0 + 9_999_999, prices });
    assert.equal(presentation.description, 'Completed · 10m · ml.g5.xlarge');
    assert.equal(presentation.contextValue, 'trainingJob.Completed.artifacts');
    assert.match(presentation.tooltip ?? '', /Cost: unknown/);
    assert.equal(presentation.icon?.id, 'pass');
  });

  it('says when a job was only listed, not described', () => {
    const summary: TrainingJob = { ...training, status: 'Failed', instances: [], spot: undefined, detail: 'summary', lastModified: new Date(t0 + 60_000) };
    const presentation = presentTrainingJob(summary, { now: t0 + 9_999_999, prices });
    assert.equal(presentation.description, 'Failed · 1m');
    assert.match(presentation.tooltip ?? '', /Instances: unknown .?\(not described/);
  });

  it('shows a tuning job against its maximum, with the objective and best value', () => {
    const tuning: TuningJob = {
      region: 'us-east-1',
      name: 'tune-xgb',
      arn: 'arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/tune-xgb',
      status: 'InProgress',
      created: new Date(t0),
      counts: { completed: 7, inProgress: 2, retryableError: 0, nonRetryableError: 1, stopped: 0 },
      maxJobs: 20,
      maxParallel: 2,
      objective: { name: 'validation:auc', type: 'Maximize' },
      best: { name: 'tune-xgb-007', value: 0.931234, status: 'Completed' },
      detail: 'full',
    };
    const presentation = presentTuningJob(tuning, { now: t0 + 60_000, prices });
    assert.equal(presentation.description, 'InProgress · 7 of 20 jobs done · 2 running · 1 failed · best 0.931234');
    assert.equal(presentation.collapsible, 'collapsed');
    assert.match(presentation.tooltip ?? '', /validation:auc \(max\)/);
  });

  it('marks the best training job of a tuning job and keeps training-job actions on it', () => {
    const trial: TuningTrial = {
      region: 'us-east-1',
      name: 'tune-xgb-007',
      arn: 'arn:x',
      tuningJobName: 'tune-xgb',
      status: 'Completed',
      created: new Date(t0),
      objectiveValue: 0.93,
      hyperParameters: { eta: '0.2' },
    };
    const best = presentTuningTrial(trial, 'validation:auc', true);
    assert.equal(best.description, '★ best · validation:auc 0.93 · Completed');
    assert.equal(best.contextValue, 'trainingJob.Completed.trial.best');
    assert.equal(best.icon?.id, 'star-full');
    const other = presentTuningTrial({ ...trial, objectiveValue: undefined, status: 'InProgress' }, 'validation:auc', false);
    assert.equal(other.description, 'InProgress');
    assert.equal(other.contextValue, 'trainingJob.InProgress.trial');
  });

  it('shows processing jobs with status, duration and instance type', () => {
    const job: ProcessingJob = { region: 'us-east-1', name: 'prep', arn: 'arn:p', status: 'Completed', created: new Date(t0), ended: new Date(t0 + 480_000), instances: [{ type: 'ml.m5.xlarge', count: 1 }], detail: 'full' };
    assert.equal(presentProcessingJob(job, { now: t0 + 9_999_999, prices }).description, 'Completed · 8m · ml.m5.xlarge');
  });

  it('describes a group: how many shown, more to load, the filter, and why it was listed the slow way', () => {
    const group = presentGroup('Training jobs', 'trainingJobs', 'beaker', {
      shown: 50,
      more: true,
      loaded: true,
      filter: { status: 'Failed', nameContains: 'xgb' },
      notes: ['sagemaker:Search is not allowed for this identity'],
    });
    assert.equal(group.description, '50+ · filtered: Failed, “xgb”');
    assert.equal(group.contextValue, 'group.trainingJobs.filtered.filterable');
    assert.match(group.tooltip ?? '', /Search is not allowed/);
    const unfiltered = presentGroup('Training jobs', 'trainingJobs', 'beaker', { shown: 0, more: false, loaded: false });
    assert.equal(unfiltered.description, undefined);
    assert.equal(unfiltered.contextValue, 'group.trainingJobs.filterable');
  });
});
