// The Inference view in a real VS Code against the local service: endpoints with their variants
// and prices, deleting an endpoint confirmed by name (declining sends nothing), and invoking one
// returns the service's answer; destructive actions name everything they touch.
import * as assert from 'node:assert/strict';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import * as vscode from 'vscode';
import { startJobsFixture, type JobsFixture } from '../jobs/jobsFixture';
import { ui } from '../support/ui';
import { waitFor } from '../support/wait';

const VIEW = 'Inference';

interface InvocationResult {
  readonly endpoint: string;
  readonly text: string;
  readonly variant?: string;
  readonly latencyMs: number;
}

describe('Inference view', function () {
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

  it('lists endpoints with status, capacity and price, and shows which model and config each runs', async () => {
    const rows = await ui().treeRows(VIEW, { minRows: 3 });
    assert.deepEqual(
      rows.filter((row) => row.level === 1).map((row) => row.label),
      ['Endpoints', 'Endpoint configurations', 'Models'],
    );
    await ui().expandTreeItem(VIEW, 'Endpoints');
    const prod = await ui().treeItem(VIEW, 'churn-prod', { timeout: 20_000 });
    assert.match(prod.description ?? '', /^InService · ml\.m5\.xlarge × 2 · ((≈ )?\$[\d.]+\/h|price unknown)$/);
    await ui().expandTreeItem(VIEW, 'churn-prod');
    const variant = await ui().treeItem(VIEW, 'AllTraffic');
    assert.match(variant.description ?? '', /^ml\.m5\.xlarge × 2 · model churn-model/);
    await ui().treeItem(VIEW, 'config: churn-config');
    await ui().expandTreeItem(VIEW, 'Models');
    await ui().treeItem(VIEW, 'staging-model');
  });

  it('deletes an endpoint only after a confirmation naming it and what else it would delete; declining sends nothing', async () => {
    await ui().expandTreeItem(VIEW, 'Endpoints');
    await ui().rightClickTreeItem(VIEW, 'churn-staging', { timeout: 20_000 });
    await ui().clickContextMenu('Delete Endpoint…');
    let dialog = await ui().dialog();
    assert.equal(dialog.message, 'Delete the endpoint churn-staging?');
    assert.match(dialog.detail ?? '', /^It runs ml\.m5\.large × 1/);
    assert.match(dialog.detail ?? '', /• endpoint config staging-config/);
    assert.match(dialog.detail ?? '', /• model staging-model/);
    await ui().clickDialogButton('Cancel');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(calls('DeleteEndpoint').length, 0);

    await ui().rightClickTreeItem(VIEW, 'churn-staging');
    await ui().clickContextMenu('Delete Endpoint…');
    dialog = await ui().dialog();
    assert.ok(dialog.buttons.includes('Delete Endpoint, Config and Model'));
    await ui().clickDialogButton('Delete Endpoint');
    await ui().treeItem(VIEW, 'churn-staging', { description: /^Deleting/, timeout: 30_000 });
    assert.deepEqual(
      calls('DeleteEndpoint').map((record) => record.input),
      [{ EndpointName: 'churn-staging' }],
    );
    assert.equal(calls('DeleteEndpointConfig').length + calls('DeleteModel').length, 0, 'its config and model stay');
  });

  it('invokes an endpoint with the selection and shows the service’s answer', async () => {
    const payload = '5.1,3.5,1.4,0.2\n6.2,2.9,4.3,1.3';
    const document = await vscode.workspace.openTextDocument({ content: payload, language: 'csv' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, document.lineCount, 0);

    await ui().expandTreeItem(VIEW, 'Endpoints');
    await ui().rightClickTreeItem(VIEW, 'churn-prod', { timeout: 20_000 });
    await ui().clickContextMenu('Invoke Endpoint…');
    await ui().quickPickSelect(/The selection/);
    await ui().quickPick({ title: /content type/ });
    await ui().quickPickSelect('text/csv');
    await waitFor(() => calls('InvokeEndpoint').length > 0, { message: 'InvokeEndpoint', timeout: 20_000 });
    assert.deepEqual(
      calls('InvokeEndpoint').map((record) => (record.input as { EndpointName?: string }).EndpointName),
      ['churn-prod'],
    );
    const responseTab = (): vscode.Tab | undefined =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'sagemaker-invocation');
    const tab = await waitFor(responseTab, { message: 'the response document' });
    assert.match(tab.label, /^response-\d+\.csv$/);

    // The same request straight to the service gives the answer the extension showed.
    const { accessKeyId, secretAccessKey } = fixture.emulator.credentials;
    const runtime = new SageMakerRuntimeClient({ region: fixture.region, endpoint: fixture.emulator.endpointFor('runtime', fixture.region), credentials: { accessKeyId, secretAccessKey } });
    const direct = await runtime.send(new InvokeEndpointCommand({ EndpointName: 'churn-prod', Body: new TextEncoder().encode(payload), ContentType: 'text/csv' }));
    const expected = new TextDecoder().decode(direct.Body);
    const shown = vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.scheme === 'sagemaker-invocation');
    assert.equal(shown?.document.getText(), expected);
    await ui().notifications({ message: /churn-prod answered in \d+ ms \(variant AllTraffic\)/ });
  });

  it('returns the answer to callers that pass the request', async () => {
    const result = await vscode.commands.executeCommand<InvocationResult>('sagemaker.invokeEndpoint', {
      region: fixture.region,
      name: 'churn-prod',
      body: '{"instances":[[1,2,3]]}',
      contentType: 'application/json',
    });
    assert.equal(result.endpoint, 'churn-prod');
    assert.equal(result.variant, 'AllTraffic');
    assert.ok(JSON.parse(result.text), 'JSON shown pretty-printed');
    assert.equal(calls('InvokeEndpoint').length, 1);
  });

  // Deleting an endpoint's config and model is offered only when the service says no other
  // endpoint uses them (not the rows the view has loaded); deploying to an endpoint that exists
  // asks first, naming what it serves now and what replaces it; declining sends nothing.
  describe('destructive actions name everything they touch', () => {
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
});
