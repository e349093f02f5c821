import { strict as assert } from 'node:assert';
import {
  deleteNotebookInstance,
  listNotebookInstances,
  startNotebookInstance,
  stopNotebookInstance,
  UnexpectedNotebookStatusError,
  waitForNotebookInstanceStatus,
} from '../../../src/core/resources/notebookInstances';
import { createNotebookInstanceUrl, jupyterLabUrl } from '../../../src/core/resources/presignedUrls';
import { CancelledError } from '../../../src/core/util/cancellation';
import { startStudioTestBed, type StudioTestBed } from './support/emulatorClients';
import { seedNotebookInstances } from './support/studioSeed';

describe('notebook instances against the local service', () => {
  let bed: StudioTestBed;

  before(async () => {
    bed = await startStudioTestBed();
  });
  after(async () => {
    await bed.dispose();
  });
  beforeEach(() => {
    bed.emulator.reset({ data: 'empty' });
    seedNotebookInstances(bed.emulator, bed.region);
    bed.emulator.requests.clear();
  });

  const statusOf = async (name: string): Promise<string | undefined> =>
    (await listNotebookInstances(bed.clients, bed.region)).find((instance) => instance.name === name)?.status;

  it('lists every instance with its type, lifecycle configuration and times', async () => {
    const instances = await listNotebookInstances(bed.clients, bed.region);
    assert.deepEqual(
      instances.map((i) => [i.name, i.status, i.instanceType, i.lifecycleConfig]),
      [
        ['fraud-eda', 'InService', 'ml.t3.medium', 'conda-setup'],
        ['old-experiments', 'Stopped', 'ml.m5.xlarge', undefined],
      ],
    );
    assert.match(instances[0]!.arn, /^arn:aws:sagemaker:[a-z0-9-]+:\d{12}:notebook-instance\/fraud-eda$/);
    assert.ok(instances[0]!.created instanceof Date);
    assert.equal(bed.emulator.requests.list({ operation: 'ListNotebookInstances' }).length, 1);
  });

  it('stops, waits for Stopped, deletes: the real sequence of states', async () => {
    await stopNotebookInstance(bed.clients, bed.region, 'fraud-eda');
    assert.equal(await statusOf('fraud-eda'), 'Stopping');
    const seen: string[] = [];
    await waitForNotebookInstanceStatus(bed.clients, bed.region, 'fraud-eda', 'Stopped', {
      delaysMs: [1],
      // Each poll moves the service's clock on by 30 s: a stop takes a minute and a half.
      onStatus: (status) => {
        seen.push(status);
        bed.emulator.clock.advance(30_000);
      },
    });
    assert.equal(seen[0], 'Stopping');
    assert.equal(seen.at(-1), 'Stopped');
    assert.ok(seen.length >= 3, `polled ${seen.length} times`);
    await deleteNotebookInstance(bed.clients, bed.region, 'fraud-eda');
    assert.equal(await statusOf('fraud-eda'), 'Deleting');
    bed.emulator.clock.advance(10 * 60_000);
    assert.equal(await statusOf('fraud-eda'), undefined);
  });

  it('starts a stopped instance: Pending, then InService', async () => {
    await startNotebookInstance(bed.clients, bed.region, 'old-experiments');
    assert.equal(await statusOf('old-experiments'), 'Pending');
    bed.emulator.clock.advance(10 * 60_000);
    assert.equal(await statusOf('old-experiments'), 'InService');
  });

  it('refuses what SageMaker refuses', async () => {
    await assert.rejects(deleteNotebookInstance(bed.clients, bed.region, 'fraud-eda'), /InService/);
  });

  it('stops waiting when cancelled, and fails when the instance fails', async () => {
    await stopNotebookInstance(bed.clients, bed.region, 'fraud-eda');
    const abort = new AbortController();
    await assert.rejects(
      waitForNotebookInstanceStatus(bed.clients, bed.region, 'fraud-eda', 'Stopped', { delaysMs: [60_000], onStatus: () => abort.abort(), signal: abort.signal }),
      CancelledError,
    );
    bed.emulator.state.put('notebookInstance', bed.region, { NotebookInstanceName: 'broken', InstanceType: 'ml.t3.medium', RoleArn: 'arn:aws:iam::123456789012:role/r' }, {
      status: 'Failed',
      failureReason: 'Lifecycle configuration failed',
    });
    await assert.rejects(waitForNotebookInstanceStatus(bed.clients, bed.region, 'broken', 'InService', { delaysMs: [1] }), UnexpectedNotebookStatusError);
  });

  it('opens JupyterLab through a presigned URL that asks for the lab view', async () => {
    const url = await createNotebookInstanceUrl(bed.clients, bed.region, 'fraud-eda');
    const lab = new URL(jupyterLabUrl(url));
    assert.equal(lab.searchParams.get('view'), 'lab');
    // Everything the service signed is still there.
    for (const [key, value] of new URL(url).searchParams) assert.equal(lab.searchParams.get(key), value);
  });
});
