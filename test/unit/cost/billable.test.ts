import { strict as assert } from 'node:assert';
import { appResource, endpointResource, foldTuningJobs, notebookInstanceResource, processingJobResource, trainingJobResource } from '../../../src/core/cost/billable';
import type { App } from '../../../src/core/resources/apps';
import type { Endpoint } from '../../../src/core/resources/endpoints';
import type { TrainingJob } from '../../../src/core/resources/trainingJobs';
import type { TuningJob } from '../../../src/core/resources/tuningJobs';

const created = new Date('2026-11-20T08:00:00Z');

const app = (overrides: Partial<App> = {}): App => ({
  region: 'us-east-1',
  domainId: 'd-abc',
  spaceName: 'ana-lab',
  appType: 'JupyterLab',
  appName: 'default',
  status: 'InService',
  instanceType: 'ml.g5.xlarge',
  created,
  ...overrides,
});

const trainingJob = (name: string, overrides: Partial<TrainingJob> = {}): TrainingJob => ({
  region: 'us-east-1',
  name,
  arn: `arn:aws:sagemaker:us-east-1:123456789012:training-job/${name}`,
  status: 'InProgress',
  created,
  instances: [{ type: 'ml.m5.xlarge', count: 2 }],
  finalMetrics: [],
  metricDefinitions: [],
  detail: 'full',
  ...overrides,
});

describe('billable resources', () => {
  it('takes InService apps with their instance type and what deleteApp needs', () => {
    const resource = appResource(app());
    assert.equal(resource?.kind, 'app');
    assert.deepEqual(resource?.instances, [{ instanceType: 'ml.g5.xlarge', count: 1, use: 'studio', appType: 'JupyterLab' }]);
    assert.deepEqual(resource?.app, { region: 'us-east-1', domainId: 'd-abc', userProfileName: undefined, spaceName: 'ana-lab', appType: 'JupyterLab', appName: 'default' });
    assert.equal(resource?.since, created);
    assert.equal(appResource(app({ status: 'Deleted' })), undefined);
    assert.equal(appResource(app({ status: 'Pending' })), undefined);
  });

  it('gives apps unique ids: apps of different spaces share the name "default"', () => {
    assert.notEqual(appResource(app())?.id, appResource(app({ spaceName: 'bo-lab' }))?.id);
    assert.notEqual(appResource(app())?.id, appResource(app({ appType: 'CodeEditor' }))?.id);
  });

  it("leaves out Studio Classic's free JupyterServer, but keeps other apps on system instances (their price unknown)", () => {
    assert.equal(appResource(app({ appType: 'JupyterServer', spaceName: undefined, userProfileName: 'ana', instanceType: undefined })), undefined);
    assert.equal(appResource(app({ appType: 'JupyterServer', spaceName: undefined, userProfileName: 'ana', instanceType: 'system' })), undefined);
    assert.equal(appResource(app({ appType: 'Canvas', spaceName: undefined, userProfileName: 'ben', instanceType: 'system' }))?.instances[0]?.instanceType, 'system');
  });

  it('dates a notebook instance from its last start', () => {
    const lastModified = new Date('2026-11-20T09:30:00Z');
    const resource = notebookInstanceResource({ region: 'eu-west-1', name: 'nb', arn: 'arn', status: 'InService', instanceType: 'ml.t3.medium', created, lastModified });
    assert.equal(resource?.since, lastModified);
    assert.equal(resource?.instances[0]?.use, 'notebookInstance');
    assert.equal(notebookInstanceResource({ region: 'eu-west-1', name: 'nb', arn: 'arn', status: 'Stopped' }), undefined);
  });

  it('counts endpoint instances per variant, marks serverless ones, and knows async endpoints', () => {
    const endpoint: Endpoint = {
      region: 'us-east-1',
      name: 'fraud',
      arn: 'arn',
      status: 'Updating',
      created,
      detail: 'full',
      variants: [
        { name: 'a', instanceType: 'ml.g5.xlarge', currentCount: 3, desiredCount: 2 },
        { name: 'b', instanceType: 'ml.m5.large', desiredCount: 1 },
        { name: 'c', serverless: { memoryMb: 2048, maxConcurrency: 5 } },
      ],
    };
    const resource = endpointResource(endpoint, true);
    assert.deepEqual(resource?.instances, [
      { instanceType: 'ml.g5.xlarge', count: 3, use: 'asyncInference' },
      { instanceType: 'ml.m5.large', count: 1, use: 'asyncInference' },
    ]);
    assert.equal(resource?.serverless, false);
    const serverless = endpointResource({ ...endpoint, status: 'InService', variants: [endpoint.variants[2]!] }, false);
    assert.equal(serverless?.serverless, true);
    assert.deepEqual(serverless?.instances, []);
    assert.equal(endpointResource({ ...endpoint, status: 'Creating' }, false), undefined);
  });

  it('prices spot training jobs as spot, and every instance group of a heterogeneous cluster', () => {
    const resource = trainingJobResource(trainingJob('t', { spot: true, instances: [{ type: 'ml.p4d.24xlarge', count: 2 }, { type: 'ml.c5.2xlarge', count: 1 }] }));
    assert.deepEqual(resource?.instances, [
      { instanceType: 'ml.p4d.24xlarge', count: 2, use: 'spotTraining' },
      { instanceType: 'ml.c5.2xlarge', count: 1, use: 'spotTraining' },
    ]);
    // A job whose instances are unknown is still listed, at a price unknown.
    assert.equal(trainingJobResource(trainingJob('u', { instances: [] }))?.instances[0]?.instanceType, 'unknown');
  });

  it("folds a tuning job's training jobs into it, so nothing is counted twice", () => {
    const tunerArn = 'arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/hpo-1';
    const tuner: TuningJob = { region: 'us-east-1', name: 'HPO-1', arn: tunerArn, status: 'InProgress', created, counts: { completed: 0, inProgress: 2, retryableError: 0, nonRetryableError: 0, stopped: 0 }, detail: 'summary' };
    const idle: TuningJob = { ...tuner, name: 'hpo-2', arn: `${tunerArn}-2` };
    const folded = foldTuningJobs(
      [tuner, idle],
      [
        trainingJob('hpo-1-001', { tuningJobArn: tunerArn.toUpperCase() }),
        trainingJob('hpo-1-002', { tuningJobArn: tunerArn }),
        trainingJob('solo'),
        trainingJob('orphan', { tuningJobArn: 'arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/finished' }),
      ],
    );
    assert.deepEqual(folded.map((resource) => `${resource.kind}:${resource.name}`).sort(), ['trainingJob:orphan', 'trainingJob:solo', 'tuningJob:HPO-1', 'tuningJob:hpo-2']);
    const hpo = folded.find((resource) => resource.name === 'HPO-1')!;
    assert.equal(hpo.instances.reduce((sum, instance) => sum + instance.count, 0), 4);
    assert.equal(folded.find((resource) => resource.name === 'hpo-2')?.instances.length, 0, 'a tuning job between training jobs bills nothing that hour');
  });

  it('dates jobs from their start, not their creation', () => {
    const started = new Date('2026-11-20T08:10:00Z');
    const resource = processingJobResource({ region: 'us-east-1', name: 'p', arn: 'a', status: 'InProgress', created, started, instances: [{ type: 'ml.m5.xlarge', count: 1 }], detail: 'full' });
    assert.equal(resource?.since, started);
  });
});
