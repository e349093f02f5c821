// The Notebook Instances view in a real VS Code against the local service: stop, start and
// delete follow SageMaker's own sequence of states, and the view follows it by itself.
import * as assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from '../support/environment';
import { ui } from '../support/ui';
import { waitFor } from '../support/wait';
import { startStudioFixture, type StudioFixture } from './studioFixture';

const VIEW = 'Notebook Instances';

/** Everything the extension's log channel ("SageMaker") has written in this throw-away host. */
async function readExtensionLog(): Promise<string> {
  const sandbox = env('sandbox');
  if (!sandbox) throw new Error('No throw-away host to read the extension log from.');
  const files = (await readdir(sandbox, { recursive: true })).filter((file) => path.basename(file) === 'SageMaker.log' || /SageMaker\.log$/.test(file));
  const texts = await Promise.all(files.map((file) => readFile(path.join(sandbox, file), 'utf8')));
  return texts.join('\n');
}
const MINUTE = 60_000;

describe('Notebook Instances view', function () {
  this.timeout(180_000);
  let fixture: StudioFixture;

  before(async () => {
    fixture = await startStudioFixture();
    await ui().openViewContainer('SageMaker');
    await ui().openView('sagemaker.notebookInstances', VIEW);
  });
  after(async () => {
    await fixture?.dispose();
  });
  beforeEach(async () => {
    await fixture.reseed();
  });

  const operations = () =>
    fixture.emulator.requests
      .list((record) => /^(Stop|Start|Delete)NotebookInstance$/.test(record.operation))
      .map((record) => `${record.operation} ${(record.input as { NotebookInstanceName: string }).NotebookInstanceName}`);

  const rowStatus = (description: RegExp) => ui().treeItem(VIEW, 'fraud-eda', { description, timeout: 30_000 });

  it('lists each instance with status, type, price and lifecycle configuration', async () => {
    const running = await ui().treeItem(VIEW, 'fraud-eda', { timeout: 20_000 });
    assert.match(running.description ?? '', /^ml\.t3\.medium · 1d 6h · (≈ )?\$[\d.]+\/h( \([^)]*\))? · lifecycle: conda-setup$/);
    const stopped = await ui().treeItem(VIEW, 'old-experiments');
    assert.equal(stopped.description, 'Stopped · ml.m5.xlarge · 1d 6h');
  });

  it('stops (asking first), then starts: InService, Stopping, Stopped, Pending, InService', async () => {
    await ui().rightClickTreeItem(VIEW, 'fraud-eda', { timeout: 20_000 });
    await ui().clickContextMenu('Stop Notebook Instance');
    const dialog = await ui().dialog();
    assert.equal(dialog.message, 'Stop notebook instance fraud-eda?');
    assert.match(dialog.detail ?? '', /^ml\.t3\.medium\. Saves /);
    assert.match(dialog.detail ?? '', /Its storage volume and files are kept/);
    await ui().clickDialogButton('Stop');
    await rowStatus(/^Stopping · /);
    fixture.emulator.clock.advance(2 * MINUTE);
    await rowStatus(/^Stopped · /);
    await ui().clickTreeItemInlineAction(VIEW, 'fraud-eda', 'Start Notebook Instance');
    await rowStatus(/^Pending · /);
    fixture.emulator.clock.advance(5 * MINUTE);
    await rowStatus(/^ml\.t3\.medium · /);
    assert.deepEqual(operations(), ['StopNotebookInstance fraud-eda', 'StartNotebookInstance fraud-eda']);
  });

  it('offers stop-then-delete for a running instance, and the row goes away', async () => {
    await ui().rightClickTreeItem(VIEW, 'fraud-eda', { timeout: 20_000 });
    await ui().clickContextMenu('Delete Notebook Instance');
    const dialog = await ui().dialog();
    assert.equal(dialog.message, 'Notebook instance fraud-eda is running. Stop it, then delete it?');
    assert.match(dialog.detail ?? '', /cannot be undone/);
    await ui().clickDialogButton('Stop and Delete');
    await rowStatus(/^Stopping · /);
    // While the extension waits for Stopped, move SageMaker's clock past the stop.
    fixture.emulator.clock.advance(2 * MINUTE);
    await waitFor(() => operations().includes('DeleteNotebookInstance fraud-eda'), { timeout: 30_000, message: 'DeleteNotebookInstance' });
    assert.deepEqual(operations(), ['StopNotebookInstance fraud-eda', 'DeleteNotebookInstance fraud-eda']);
    fixture.emulator.clock.advance(5 * MINUTE);
    await waitFor(async () => !(await ui().treeRows(VIEW)).some((row) => row.label === 'fraud-eda'), { timeout: 40_000, message: 'fraud-eda to leave the view' });
  });

  it('opens JupyterLab in the browser with a freshly presigned URL, which it never logs', async () => {
    await ui().clickTreeItemInlineAction(VIEW, 'fraud-eda', 'Open JupyterLab', { timeout: 20_000 });
    await fixture.emulator.requests.waitFor({ operation: 'CreatePresignedNotebookInstanceUrl' }, 10_000);
    // The workbench asks before it opens an outside site: the URL it names is the one SageMaker signed.
    const dialog = await ui().dialog();
    const text = `${dialog.message}\n${dialog.detail ?? ''}`;
    assert.match(text, /fraud-eda\.notebook\.[a-z0-9-]+\.sagemaker\.aws/);
    assert.match(text, /view=lab/);
    await ui().clickDialogButton('Open');
    // The extension says it opened the notebook, and never writes the URL or its token anywhere.
    const log = await waitFor(
      async () => {
        const text = await readExtensionLog();
        return text.includes('Opened JupyterLab on notebook instance fraud-eda') ? text : undefined;
      },
      { timeout: 15_000, message: 'the extension log to record the opening' },
    );
    assert.doesNotMatch(log, /authToken|\.notebook\.[a-z0-9-]+\.sagemaker\.aws/);
  });

  it('deletes a stopped instance directly, and declining sends nothing', async () => {
    await ui().rightClickTreeItem(VIEW, 'old-experiments', { timeout: 20_000 });
    await ui().clickContextMenu('Delete Notebook Instance');
    assert.equal((await ui().dialog()).message, 'Delete notebook instance old-experiments?');
    await ui().clickDialogButton('Cancel');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(operations(), []);
    await ui().rightClickTreeItem(VIEW, 'old-experiments');
    await ui().clickContextMenu('Delete Notebook Instance');
    await ui().clickDialogButton('Delete');
    await ui().treeItem(VIEW, 'old-experiments', { description: /^Deleting · /, timeout: 20_000 });
    assert.deepEqual(operations(), ['DeleteNotebookInstance old-experiments']);
  });
});
