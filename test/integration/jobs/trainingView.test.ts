// The Training view in a real VS Code against the local service: the lists match the seeded
// data a page at a time, stopping a job asks first and sends exactly one StopTrainingJob, logs
// grow while the job prints, and the details and chart panels render in the host's browser.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ui } from '../support/ui';
import { waitFor } from '../support/wait';
import { MINUTE, RUNNING_JOB, startJobsFixture, type JobsFixture } from './jobsFixture';

const VIEW = 'Training';

/** The parts of the extension's list nodes these tests read (they come from the extension's own bundle). */
interface GroupNode {
  readonly spec: { readonly key: string };
  readonly shownItems: ReadonlyArray<{ readonly name: string }>;
  readonly hasMore: boolean;
  children(): Promise<Array<{ readonly id: string }>>;
}

interface LogSession {
  readonly lines: number;
  readonly following: boolean;
  readonly state: string;
}

describe('Training view', function () {
  this.timeout(180_000);
  let fixture: JobsFixture;

  before(async () => {
    fixture = await startJobsFixture();
    await ui().openViewContainer('SageMaker');
    await ui().openView('sagemaker.training', VIEW);
  });
  after(async () => {
    await fixture?.dispose();
  });
  beforeEach(async () => {
    await fixture.reseed();
  });

  const trainingGroup = async (): Promise<GroupNode> => {
    const groups = (await fixture.api.services.views.get('sagemaker.training')!.topLevel()) as GroupNode[];
    return groups.find((group) => group.spec.key === 'trainingJobs')!;
  };
  const calls = (operation: string) => fixture.emulator.requests.list({ operation });
  /** The view's own listings: the cost guard also searches, always with filters. */
  const listings = () =>
    fixture.emulator.requests.list((record) => {
      const input = record.input as { Resource?: string; SearchExpression?: unknown };
      return record.operation === 'Search' && input.Resource === 'TrainingJob' && input.SearchExpression === undefined;
    });

  it('shows the four groups, and lists training jobs newest first, one Search call per page', async () => {
    const rows = await ui().treeRows(VIEW, { minRows: 4 });
    assert.deepEqual(
      rows.filter((row) => row.level === 1).map((row) => row.label),
      ['Training jobs', 'Hyperparameter tuning jobs', 'Processing jobs', 'Batch transform jobs'],
    );
    await ui().expandTreeItem(VIEW, 'Training jobs');
    const running = await ui().treeItem(VIEW, RUNNING_JOB, { timeout: 20_000 });
    assert.match(running.description ?? '', /^InProgress · Training · \S+( \S+)? · ml\.g5\.2xlarge × 2 · spot( · (≈ )?\$[\d.]+)?$/);
    const group = await trainingGroup();
    await waitFor(() => group.shownItems.length === 50, { message: 'the first page' });
    const listed = fixture.trainingJobNames();
    assert.equal(listed[0], RUNNING_JOB);
    assert.deepEqual(
      group.shownItems.map((job) => job.name),
      listed.slice(0, 50),
    );
    assert.equal(group.hasMore, true);
    const searches = listings();
    assert.equal(searches.length, 1, 'one call for the first page');
    assert.deepEqual((searches[0]!.input as { Resource: string; SortBy: string }).Resource, 'TrainingJob');
    assert.equal(calls('DescribeTrainingJob').length, 0, 'Search records need no describe');
    const groupRow = await ui().treeItem(VIEW, 'Training jobs');
    assert.equal(groupRow.description, '50+');
  });

  it('"Load more…" fetches exactly the next page', async () => {
    await ui().expandTreeItem(VIEW, 'Training jobs');
    const group = await trainingGroup();
    await waitFor(() => group.shownItems.length === 50, { message: 'the first page' });
    fixture.emulator.requests.clear();
    // Scroll the row into view the way a user would reach it, then click it.
    const loadMore = (await group.children()).at(-1)!;
    assert.match(loadMore.id, /\/loadMore$/);
    await fixture.api.services.views.get('sagemaker.training')!.treeView.reveal(loadMore, { select: false, focus: false });
    await ui().clickTreeItem(VIEW, 'Load more…');
    await waitFor(() => group.shownItems.length === 100, { message: 'the second page', timeout: 20_000 });
    assert.deepEqual(
      group.shownItems.map((job) => job.name),
      fixture.trainingJobNames().slice(0, 100),
    );
    const searches = listings();
    assert.equal(searches.length, 1, 'exactly one call for the next page');
    assert.ok((searches[0]!.input as { NextToken?: string }).NextToken, 'continuing where the first page ended');
    await ui().treeItem(VIEW, 'Training jobs', { description: '100+' });
  });

  it('stops a running job after a confirmation naming it; exactly one StopTrainingJob; the row follows to Stopped', async () => {
    await ui().expandTreeItem(VIEW, 'Training jobs');
    await ui().rightClickTreeItem(VIEW, RUNNING_JOB, { timeout: 20_000 });
    await ui().clickContextMenu('Stop Job');
    const dialog = await ui().dialog();
    assert.equal(dialog.message, `Stop the training job ${RUNNING_JOB}?`);
    // The question names the one job; the detail does not repeat it as a list of one.
    assert.match(dialog.detail ?? '', /A stopped job cannot be resumed\. Its model artifacts are saved/);
    assert.doesNotMatch(dialog.detail ?? '', /•/);
    await ui().clickDialogButton('Stop');
    await ui().treeItem(VIEW, RUNNING_JOB, { description: /^Stopping/, timeout: 30_000 });
    fixture.emulator.clock.advance(2 * MINUTE);
    await ui().treeItem(VIEW, RUNNING_JOB, { description: /^Stopped · /, timeout: 40_000 });
    const stops = calls('StopTrainingJob');
    assert.equal(stops.length, 1);
    assert.deepEqual(stops[0]!.input, { TrainingJobName: RUNNING_JOB });
  });

  it('sends nothing when the stop is declined', async () => {
    await ui().expandTreeItem(VIEW, 'Training jobs');
    await ui().clickTreeItemInlineAction(VIEW, RUNNING_JOB, 'Stop Job', { timeout: 20_000 });
    await ui().dialog();
    await ui().clickDialogButton('Cancel');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(calls('StopTrainingJob').length, 0);
    await ui().treeItem(VIEW, RUNNING_JOB, { description: /^InProgress/ });
  });

  it('follows the logs of a running job: they grow as the service prints lines, until told to stop', async () => {
    const target = { region: fixture.region, kind: 'trainingJob', name: RUNNING_JOB };
    const session = await vscode.commands.executeCommand<LogSession>('sagemaker.openLogs', target);
    assert.ok(session, 'openLogs returns its session');
    await waitFor(() => session.lines > 0, { message: 'the first lines', timeout: 20_000 });
    const before = session.lines;
    await ui().statusBarItem({ text: new RegExp(`Following training job ${RUNNING_JOB}`) });
    fixture.emulator.clock.advance(3 * MINUTE);
    await waitFor(() => session.lines > before, { message: 'more lines as the job prints them', timeout: 30_000 });
    // The output channel shows the lines (time-stamped) on screen.
    await waitFor(async () => /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} /.test((await ui().text('.part.panel .view-lines', { timeout: 5_000 })).join('\n')), {
      message: 'the log on screen',
      timeout: 20_000,
    });
    await vscode.commands.executeCommand('sagemaker.stopFollowingLogs', target);
    await waitFor(() => !session.following, { message: 'following to stop' });
  });

  it('opens the logs and the details panel of a job picked from the Command Palette', async () => {
    const opening = vscode.commands.executeCommand<LogSession | undefined>('sagemaker.openLogs');
    const jobs = await ui().quickPick({ title: 'Open Logs', timeout: 20_000 });
    // Newest first under their kind, as the service has them.
    assert.equal(jobs.items[0]?.separator, 'training jobs');
    assert.deepEqual(jobs.items.slice(0, 3).map((item) => item.label), fixture.trainingJobNames().slice(0, 3));
    await ui().quickPickType(RUNNING_JOB);
    const running = await ui().quickPickSelect(RUNNING_JOB);
    assert.match(running.description ?? '', /^InProgress · /);
    const session = await opening;
    assert.ok(session, 'the picked job’s log opens');
    await waitFor(() => session.lines > 0, { message: 'the first lines', timeout: 20_000 });
    await vscode.commands.executeCommand('sagemaker.stopFollowingLogs', { region: fixture.region, kind: 'trainingJob', name: RUNNING_JOB });

    const name = fixture.finished[3]!;
    const panelOpening = vscode.commands.executeCommand('sagemaker.openJobPanel');
    await ui().quickPick({ title: 'Open Job Dashboard', timeout: 20_000 });
    await ui().quickPickType(name);
    await ui().quickPickSelect(name);
    assert.deepEqual(await panelOpening, { region: fixture.region, kind: 'trainingJob', name });
    await waitFor(async () => (await ui().webviews({ contains: 'Status timeline', timeout: 30_000 })).some((panel) => panel.text.includes(name)), {
      message: `a panel showing ${name}`,
      timeout: 30_000,
    });
    // The next tests read the panel they open: leave none of this one's behind.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a finished training job’s details panel: timeline, final metrics, cost, and a metrics chart', async () => {
    const name = fixture.finished[0]!;
    await vscode.commands.executeCommand('sagemaker.openJobPanel', { region: fixture.region, kind: 'trainingJob', name });
    const [panel] = await ui().webviews({ contains: 'Status timeline', timeout: 30_000 });
    assert.ok(panel);
    for (const text of [name, 'Completed', 'Final metrics', 'Hyperparameters', 'Input data', 's3://my-bucket/train/', 'Billable time', 'Training']) {
      assert.ok(panel.text.includes(text), `the panel shows ${text}`);
    }
    // The charts are drawn (canvas) once the log has been read and parsed.
    await waitFor(async () => (await ui().webviews({ contains: /Metrics over time[\s\S]*values\)/, timeout: 30_000 })).some((view) => /<canvas/.test(view.html)), {
      message: 'a metrics chart',
      timeout: 30_000,
    });
  });

  it('opens a tuning job’s panel with the objective across its training jobs', async () => {
    await vscode.commands.executeCommand('sagemaker.openJobPanel', { region: fixture.region, kind: 'tuningJob', name: 'tune-churn' });
    const [panel] = await ui().webviews({ contains: 'Objective across training jobs', timeout: 30_000 });
    assert.match(panel!.text, /validation:auc of each training job/);
    assert.match(panel!.text, /Best training jobs/);
    await waitFor(async () => (await ui().webviews({ contains: 'Objective across training jobs' })).some((view) => /<canvas/.test(view.html)), { message: 'the objective chart' });
  });
});
