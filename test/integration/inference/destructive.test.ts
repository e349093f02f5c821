// Destructive actions name everything they touch: deleting an endpoint's config and model is
// offered only when the service says no other endpoint uses them (not the rows the view has
// loaded), and deploying to an endpoint that exists asks first, naming what it serves now and
// what replaces it; declining sends nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startJobsFixture, type JobsFixture } from '../jobs/jobsFixture';
import { ui } from '../support/ui';

const VIEW = 'Inference';

describe('Inference: destructive actions name everything they touch', function () {
  this.timeout(180_000);
  let fixture: JobsFixture;

  before(async () => {
    fixture = await startJobsFixture();
    await ui().openViewContainer('SageMaker');
    await ui().openView('sagemaker.inference', VIEW);
  });
  after(async () => {
    await fixture?.dispose();
  });
  beforeEach(async () => {
    await fixture.reseed();
  });

  const calls = (operation: string) => fixture.emulator.requests.list({ operation });

  it('keeps a config and model that an endpoint the view has not loaded uses, as the service says', async () => {
    await ui().expandTreeItem(VIEW, 'Endpoints');
    await ui().treeItem(VIEW, 'churn-staging', { timeout: 20_000 });
    // Made after the view listed (another window, a colleague): the view does not show it.
    fixture.emulator.state.put('endpoint', fixture.region, { EndpointName: 'churn-shadow', EndpointConfigName: 'staging-config' }, { status: 'InService' });
    fixture.emulator.requests.clear();

    await ui().rightClickTreeItem(VIEW, 'churn-staging');
    await ui().clickContextMenu('Delete Endpoint…');
    const dialog = await ui().dialog();
    assert.equal(dialog.message, 'Delete the endpoint churn-staging?');
    assert.deepEqual(dialog.buttons.filter((button) => button !== 'Cancel'), ['Delete Endpoint']);
    assert.match(dialog.detail ?? '', /Its endpoint config and model stay\./);
    // The workbench's dialog shows each line of the detail as its own paragraph: read without the breaks.
    assert.match(
      dialog.detail?.replace(/\n/g, '') ?? '',
      /Kept in any case:• endpoint config staging-config \(also used by endpoint churn-shadow\)• model staging-model \(also used by endpoint churn-shadow\)/,
    );
    assert.ok(calls('ListEndpoints').length >= 1, 'the service was asked');
    await ui().clickDialogButton('Cancel');
    assert.equal(calls('DeleteEndpoint').length + calls('DeleteEndpointConfig').length + calls('DeleteModel').length, 0);
  });

  it('asks before deploying to an endpoint that exists, naming it, the model it serves and the one replacing it; cancel sends nothing', async () => {
    const target = { region: fixture.region, kind: 'model', name: 'churn-model' };
    const options = { mode: 'realtime', instanceType: 'ml.m5.large', instanceCount: 1, endpointName: 'churn-staging' };

    const declined = vscode.commands.executeCommand('sagemaker.deploy', target, options);
    let dialog = await ui().dialog({ timeout: 30_000 });
    assert.equal(dialog.message, 'Replace the model endpoint churn-staging serves?');
    // The workbench's dialog shows each line of the detail as its own paragraph: read without the breaks.
    assert.equal(dialog.detail?.replace(/\n/g, ''), `Endpoint churn-staging (${fixture.region}) serves staging-model now.This deployment replaces it with churn-model (UpdateEndpoint).`);
    assert.deepEqual(dialog.buttons.filter((button) => button !== 'Cancel'), ['Update Endpoint']);
    await ui().clickDialogButton('Cancel');
    assert.equal(await declined, undefined);
    for (const operation of ['UpdateEndpoint', 'CreateEndpointConfig', 'CreateModel', 'CreateEndpoint']) assert.equal(calls(operation).length, 0, `${operation} was sent`);

    const accepted = vscode.commands.executeCommand<{ endpointName: string; updated: boolean }>('sagemaker.deploy', target, options);
    dialog = await ui().dialog({ timeout: 30_000 });
    assert.equal(dialog.message, 'Replace the model endpoint churn-staging serves?');
    await ui().clickDialogButton('Update Endpoint');
    await fixture.emulator.requests.waitFor({ operation: 'UpdateEndpoint' }, 30_000);
    // The clock is frozen: move it on until the update is in service.
    let done = false;
    const settled = accepted.then((result) => ((done = true), result));
    while (!done) {
      fixture.emulator.clock.advance(60_000);
      await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 50))]);
    }
    const result = await settled;
    assert.equal(result?.updated, true);
    assert.equal(calls('UpdateEndpoint').length, 1);
    assert.equal((calls('UpdateEndpoint')[0]!.input as { EndpointName: string }).EndpointName, 'churn-staging');
    await ui().clearNotifications();
  });
});
