// The Inference view in a real VS Code against the local service: endpoints with their variants
// and prices, deleting an endpoint confirmed by name (declining sends nothing), and invoking one
// returns the service's answer.
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
});
