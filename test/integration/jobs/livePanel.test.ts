// Panels and logs show the present: a running job's details panel follows the job without a
// Refresh (also after being hidden and shown again) and says "as of" when it cannot update, and
// the training log shows what the job printed (SageMaker's `#011` capture escapes decoded).
import * as assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ui } from '../support/ui';
import { waitFor } from '../support/wait';
import { RUNNING_JOB, startJobsFixture, type JobsFixture } from './jobsFixture';

interface LogSession {
  readonly lines: number;
  readonly following: boolean;
  readonly done: Promise<unknown>;
}

const DAY = 24 * 3600_000;

describe('Panels and logs show the present', function () {
  this.timeout(180_000);
  let fixture: JobsFixture;

  before(async () => {
    fixture = await startJobsFixture();
  });
  after(async () => {
    await fixture?.dispose();
  });
  beforeEach(async () => {
    await fixture.reseed();
  });
  afterEach(async () => {
    fixture.emulator.faults.clear();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const target = (): { region: string; kind: string; name: string } => ({ region: fixture.region, kind: 'trainingJob', name: RUNNING_JOB });
  /** The status the service gives the job now. */
  const serviceStatus = (): string => (fixture.emulator.state.get('trainingJob', fixture.region, RUNNING_JOB) as { TrainingJobStatus: string }).TrainingJobStatus;
  /** The text of the job's panel once it matches, read from the page the host shows. */
  const panelText = async (matcher: RegExp, message: string): Promise<string> => {
    let text = '';
    await waitFor(
      async () => {
        const panels = await ui().webviews({ contains: 'Status timeline', timeout: 30_000 });
        text = panels.find((panel) => panel.text.includes(RUNNING_JOB))?.text ?? '';
        return matcher.test(text);
      },
      { message, timeout: 60_000 },
    );
    return text;
  };

  it('a running job’s panel follows it to its end without Refresh', async () => {
    await vscode.commands.executeCommand('sagemaker.openJobPanel', target());
    await panelText(/InProgress · Training/, 'the panel of the running job');
    // The service's clock moves on: the job finishes while the panel is open.
    fixture.emulator.clock.advance(2 * DAY);
    const final = serviceStatus();
    assert.notEqual(final, 'InProgress');
    const text = await panelText(new RegExp(`${RUNNING_JOB}\\s+${final}\\b`), `the panel to show ${final} on its own`);
    assert.doesNotMatch(text, /InProgress/);
  });

  it('says "as of" when it cannot update, keeping what it showed; updates again, also after being hidden and shown', async () => {
    await vscode.commands.executeCommand('sagemaker.openJobPanel', target());
    await panelText(/InProgress · Training/, 'the panel of the running job');
    fixture.emulator.faults.set({ operation: 'DescribeTrainingJob', serverErrorRate: 1 });
    const stale = await panelText(/Could not update \([^)]*\); showing the job as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/, 'the panel to say as of when');
    assert.match(stale, /InProgress · Training/, 'the last data stays');
    fixture.emulator.faults.clear();
    await panelText(/^(?![\s\S]*Could not update)[\s\S]*InProgress · Training/, 'the note to go once a describe succeeds');

    // Hidden behind an editor while the job finishes, then shown again.
    // A saved file, so that closing every editor afterwards asks nothing.
    const inFront = join(tmpdir(), `in-front-of-the-panel-${process.pid}.txt`);
    await writeFile(inFront, 'in front of the panel\n');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(inFront));
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Active, preview: false });
    // With no panel in sight the bridge finds no webview at all: that also means hidden.
    const shown = async () => (await ui().webviews({ timeout: 2_000 }).catch(() => [])).filter((panel) => panel.text.includes(RUNNING_JOB));
    await waitFor(async () => (await shown()).length === 0, { message: 'the panel to be hidden' });
    fixture.emulator.clock.advance(2 * DAY);
    const final = serviceStatus();
    await vscode.commands.executeCommand('sagemaker.openJobPanel', target());
    await panelText(new RegExp(`${RUNNING_JOB}\\s+${final}\\b`), `the panel shown again to catch up to ${final}`);
  });

  it('shows the training log as the job printed it: tabs, not #011', async () => {
    const name = fixture.finished[0]!;
    // A line as SageMaker's capture stores it: each tab the job printed written as #011.
    const marker = 'tab-check-metric';
    fixture.emulator.logs.append('/aws/sagemaker/TrainingJobs', `${name}/algo-1-1700000000`, [`[99]#011${marker}:0.125#011other-metric:7`]);
    const session = await vscode.commands.executeCommand<LogSession>('sagemaker.openLogs', { region: fixture.region, kind: 'trainingJob', name });
    assert.ok(session);
    await session.done;
    let screen = '';
    await waitFor(
      async () => {
        screen = (await ui().text('.part.panel .view-lines', { timeout: 5_000 })).join('\n');
        return screen.includes(marker);
      },
      { message: 'the line on screen', timeout: 30_000 },
    );
    assert.doesNotMatch(screen, /#0\d\d/, 'no capture escapes on screen');
    assert.match(screen, new RegExp(`\\[99\\]\\s+${marker}:0\\.125\\s+other-metric:7`));
  });

  it('draws the metrics chart with time labels that do not overlap (screenshot)', async () => {
    const name = fixture.finished[0]!;
    await vscode.commands.executeCommand('sagemaker.openJobPanel', { region: fixture.region, kind: 'trainingJob', name });
    await waitFor(async () => (await ui().webviews({ contains: /Metrics over time[\s\S]*values\)/, timeout: 30_000 })).some((view) => /<canvas/.test(view.html)), {
      message: 'a metrics chart',
      timeout: 30_000,
    });
    const [panel] = await ui().webviews({ contains: 'Metrics over time' });
    // Only metrics with values are charted; those without are named once.
    assert.equal((panel!.text.match(/Waiting for values of|The log has no values for/g) ?? []).length <= 1, true);
    const folder = join(process.env.SAGEMAKER_TEST_ARTIFACTS ?? join(__dirname, '..', '..', 'artifacts'), 'screenshots');
    await mkdir(folder, { recursive: true });
    await ui().screenshot(join(folder, 'training-panel-metrics.png'));
  });
});
