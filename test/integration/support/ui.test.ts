// The UI bridge itself, checked against the UI fixture extension whose content is known.
// These tests need the code-server harness; under any other host they fail on purpose.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { env } from './environment';
import type { FixtureApi } from './fixture-extension/extension';
import { FIXTURE_EXTENSION_ID } from './fixture-extension/ids';
import { ui, UiBridgeUnavailableError } from './ui';
import { waitFor } from './wait';
import { dismissLeftovers, resetEditors } from './workbenchReset';

const TREE = 'Fixture Tree';

describe('UI bridge', function () {
  let fixture: FixtureApi;

  before(async function () {
    ui(); // fails the suite clearly when this host has no bridge
    const extension = vscode.extensions.getExtension<FixtureApi>(FIXTURE_EXTENSION_ID);
    assert.ok(extension, `${FIXTURE_EXTENSION_ID} is not loaded: the harness registers it`);
    fixture = await extension.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  const sawEvent = async (event: string) => {
    try {
      await waitFor(() => fixture.events.includes(event), { timeout: 5000 });
    } catch {
      assert.fail(`the fixture did not see ${event}; it saw: ${fixture.events.join(', ') || 'nothing'}`);
    }
  };

  describe('tree views', () => {
    before(async () => {
      await ui().openViewContainer('UI Fixture');
    });

    it('reads the rendered rows: label, description, level, expansion, icon, aria label', async () => {
      const rows = await ui().treeRows(TREE, { minRows: 5 });
      assert.deepEqual(
        rows.map((row) => [row.label, row.description, row.level, row.expanded, row.icon]),
        [
          ['Alpha', 'first', 1, true, 'beaker'],
          ['Alpha one', 'child', 2, undefined, 'circle-filled'],
          ['Alpha two', undefined, 2, undefined, 'circle-outline'],
          ['Beta', undefined, 1, false, 'debug-stop'],
          ['Gamma', undefined, 1, undefined, undefined],
        ],
      );
      assert.equal(rows[4]?.ariaLabel, 'Gamma accessible');
      assert.deepEqual(rows[0]?.actions, ['Fixture Inline Action']);
    });

    it('expands and collapses a row', async () => {
      const expanded = await ui().expandTreeItem(TREE, 'Beta');
      assert.equal(expanded.expanded, true);
      const child = await ui().treeItem(TREE, 'Beta one');
      assert.equal(child.level, 2);
      const collapsed = await ui().collapseTreeItem(TREE, 'Beta');
      assert.equal(collapsed.expanded, false);
      await waitFor(async () => !(await ui().treeRows(TREE)).some((row) => row.label === 'Beta one'), { message: 'Beta one to disappear' });
    });

    it('reads plain and markdown tooltips by hovering', async () => {
      assert.equal(await ui().treeItemTooltip(TREE, 'Alpha'), 'Alpha tooltip');
      assert.equal(await ui().treeItemTooltip(TREE, 'Beta'), 'Beta in markdown');
    });

    it('clicks a row, which runs its command', async () => {
      await ui().clickTreeItem(TREE, /^Gam/);
      await sawEvent('click:Gamma');
      const gamma = await ui().treeItem(TREE, 'Gamma');
      assert.equal(gamma.selected, true);
    });

    it('right-clicks a row and picks from its context menu', async () => {
      const menu = await ui().rightClickTreeItem(TREE, 'Alpha');
      assert.ok(menu.some((item) => item.label === 'Fixture Item Action' && item.enabled), JSON.stringify(menu));
      await ui().clickContextMenu('Fixture Item Action');
      await sawEvent('itemAction:Alpha');
    });

    it('clicks inline and title actions', async () => {
      await ui().clickTreeItemInlineAction(TREE, 'Beta', 'Fixture Inline Action');
      await sawEvent('inlineAction:Beta');
      assert.ok((await ui().viewTitleActions(TREE)).includes('Fixture Title Action'));
      await ui().clickViewTitleAction(TREE, 'Fixture Title Action');
      await sawEvent('titleAction:');
    });

    it('reads and clicks the welcome content of an empty view', async () => {
      const welcome = await ui().viewWelcome('Fixture Empty');
      assert.deepEqual(welcome.text, ['Nothing to show in the fixture.']);
      assert.deepEqual(welcome.buttons, ['Run Fixture Action']);
      await ui().clickViewWelcomeButton('Fixture Empty', 'Run Fixture Action');
      await sawEvent('welcomeAction:');
    });

    it('says what it saw when a row never appears', async () => {
      await assert.rejects(ui().treeItem(TREE, 'No such row', { timeout: 300 }), (error: Error) => {
        assert.match(error.message, /No such row/);
        assert.match(error.message, /Alpha/);
        return true;
      });
    });
  });

  describe('modal dialogs', () => {
    it('reads a modal warning and clicks its buttons', async () => {
      const answer = vscode.window.showWarningMessage('Stop training job fraud-xgb-3?', { modal: true, detail: 'It bills until it stops.' }, 'Stop', 'Keep');
      const dialog = await ui().dialog();
      assert.equal(dialog.message, 'Stop training job fraud-xgb-3?');
      assert.equal(dialog.detail, 'It bills until it stops.');
      assert.equal(dialog.severity, 'warning');
      assert.deepEqual([...dialog.buttons].sort(), ['Cancel', 'Keep', 'Stop']);
      await ui().clickDialogButton('Stop');
      assert.equal(await answer, 'Stop');
    });

    it('cancels a modal dialog', async () => {
      const answer = vscode.window.showWarningMessage('Delete endpoint fraud-ep?', { modal: true }, 'Delete');
      const dialog = await ui().dialog();
      assert.equal(dialog.message, 'Delete endpoint fraud-ep?');
      assert.equal(dialog.detail, undefined);
      await ui().clickDialogButton('Cancel');
      assert.equal(await answer, undefined);
    });
  });

  describe('notifications', () => {
    it('reads notifications with severity and buttons, and clicks one', async () => {
      const choice = vscode.window.showInformationMessage('Fixture notice: training finished', 'Open Logs', 'Later');
      void vscode.window.showErrorMessage('Fixture failure: access denied', 'Retry');
      void vscode.window.showWarningMessage(`Fixture long warning: ${'a very long explanation of what went wrong, '.repeat(8)}`, 'Open Log', 'Sign In');
      const [info] = await ui().notifications({ message: 'Fixture notice: training finished' });
      assert.equal(info?.severity, 'info');
      assert.deepEqual(info?.buttons, ['Open Logs', 'Later']);
      const [error] = await ui().notifications({ message: /^Fixture failure/ });
      assert.equal(error?.severity, 'error');
      await ui().clickNotificationButton('Fixture notice: training finished', 'Later');
      assert.equal(await choice, 'Later');
      await ui().clearNotifications();
      await assert.rejects(ui().notifications({ timeout: 300 }), /notification/);
    });
  });

  describe('quick picks and input boxes', () => {
    it('reads items with descriptions and details, filters and picks one', async () => {
      const picked = vscode.window.showQuickPick(
        [
          { label: '$(globe) us-east-1', description: 'N. Virginia', detail: 'Default region' },
          { label: 'eu-west-1', description: 'Ireland' },
          { label: 'ap-south-1', description: 'Mumbai' },
        ],
        { title: 'Select Region', placeHolder: 'Region for SageMaker' },
      );
      const view = await ui().quickPick({ title: 'Select Region' });
      assert.equal(view.placeholder, 'Region for SageMaker');
      assert.equal(view.canSelectMany, false);
      assert.deepEqual(
        view.items.map((item) => [item.label, item.description, item.detail]),
        [
          ['$(globe) us-east-1', 'N. Virginia', 'Default region'],
          ['eu-west-1', 'Ireland', undefined],
          ['ap-south-1', 'Mumbai', undefined],
        ],
      );
      const filtered = await ui().quickPickType('eu');
      assert.deepEqual(
        filtered.items.map((item) => item.label),
        ['eu-west-1'],
      );
      await ui().quickPickSelect('eu-west-1');
      assert.equal((await picked)?.label, 'eu-west-1');
    });

    it('toggles items of a multi-select picker and accepts', async () => {
      const picked = vscode.window.showQuickPick(
        [{ label: 'job-a', picked: true }, { label: 'job-b' }, { label: 'job-c', picked: true }],
        { canPickMany: true, title: 'Stop jobs' },
      );
      const view = await ui().quickPick({ title: 'Stop jobs' });
      assert.equal(view.canSelectMany, true);
      assert.deepEqual(
        view.items.map((item) => [item.label, item.checked]),
        [
          ['job-a', true],
          ['job-b', false],
          ['job-c', true],
        ],
      );
      const toggled = await ui().quickPickToggle('job-a');
      assert.equal(toggled.checked, false);
      await ui().quickPickToggle('job-b');
      await ui().quickPickAccept();
      assert.deepEqual((await picked)?.map((item) => item.label), ['job-b', 'job-c']);
    });

    it('shows an input box validation message and submits', async () => {
      const answer = vscode.window.showInputBox({
        title: 'Job name',
        prompt: 'Name of the training job',
        validateInput: (value) => (/^[a-z0-9-]+$/.test(value) ? undefined : 'Only lowercase letters, digits and hyphens'),
      });
      await ui().quickPick({ title: 'Job name' });
      await ui().quickPickType('Bad Name');
      const invalid = await waitFor(async () => {
        const view = await ui().quickPick();
        return view.message?.includes('Only lowercase') ? view : undefined;
      });
      assert.equal(invalid.value, 'Bad Name');
      await ui().inputBoxSubmit('fraud-xgb-4');
      assert.equal(await answer, 'fraud-xgb-4');
    });

    it('cancels a picker', async () => {
      const picked = vscode.window.showQuickPick(['a', 'b'], { title: 'Cancel me' });
      await ui().quickPick({ title: 'Cancel me' });
      await ui().quickPickCancel();
      assert.equal(await picked, undefined);
    });
  });

  describe('status bar', () => {
    after(() => fixture.hideStatus());

    it('reads text with icons, tooltip and background kind', async () => {
      fixture.setStatus({ text: '$(warning) $3.20/h', tooltip: 'Billing now: 2 endpoints', background: 'warning' });
      const item = await ui().statusBarItem({ id: 'fixtureStatus', tooltip: true });
      assert.equal(item.id, `${FIXTURE_EXTENSION_ID}.fixtureStatus`);
      assert.equal(item.text, '$(warning) $3.20/h');
      assert.equal(item.kind, 'warning');
      assert.equal(item.tooltip, 'Billing now: 2 endpoints');

      fixture.setStatus({ text: '$(error) $9.00/h', background: 'error' });
      const changed = await ui().statusBarItem({ id: 'fixtureStatus', text: /9\.00/ });
      assert.equal(changed.kind, 'error');

      fixture.setStatus({ text: 'idle' });
      assert.equal((await ui().statusBarItem({ id: 'fixtureStatus', text: 'idle' })).kind, 'standard');

      fixture.hideStatus();
      await waitFor(async () => !(await ui().statusBarItems()).some((entry) => entry.id.endsWith('.fixtureStatus')), { message: 'the item to hide' });
    });
  });

  describe('webviews, tabs and screenshots', () => {
    it('reads the text inside a webview panel', async () => {
      const panel = fixture.openWebview('Fixture Details', '<!DOCTYPE html><html><body><h1>Endpoint fraud-ep</h1><p>InService since 09:00</p></body></html>');
      try {
        const [webview] = await ui().webviews({ extensionId: FIXTURE_EXTENSION_ID, contains: 'Endpoint fraud-ep' });
        assert.match(webview?.text ?? '', /InService since 09:00/);
        const tabs = await ui().editorTabs();
        assert.ok(tabs.some((tab) => tab.label === 'Fixture Details' && tab.active), JSON.stringify(tabs));
      } finally {
        panel.dispose();
      }
    });

    it('saves a screenshot', async () => {
      const file = path.join(env('sandbox') ?? env('artifacts') ?? '.', 'bridge-check.png');
      assert.equal(await ui().screenshot(file), file);
      const bytes = await readFile(file);
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    });
  });

  describe('workbench reset between tests', () => {
    it('closes a modal dialog and a quick pick left open', async () => {
      const answer = vscode.window.showWarningMessage('Left open by a test', { modal: true }, 'OK');
      await ui().dialog();
      assert.deepEqual(await dismissLeftovers(), ['modal dialog "Left open by a test"']);
      assert.equal(await answer, undefined);
      const picked = vscode.window.showQuickPick(['x'], { title: 'Left open too' });
      await ui().quickPick({ title: 'Left open too' });
      assert.deepEqual(await dismissLeftovers(), ['quick input "Left open too"']);
      assert.equal(await picked, undefined);
      assert.deepEqual(await dismissLeftovers(), []);
    });

    it('reverts unsaved editors without asking, and closes all editors', async () => {
      const document = await vscode.workspace.openTextDocument({ content: 'unsaved text' });
      await vscode.window.showTextDocument(document);
      assert.equal(document.isDirty, true);
      const reverted = await resetEditors();
      assert.equal(reverted.length, 1);
      assert.equal(vscode.window.tabGroups.all.flatMap((group) => group.tabs).length, 0);
      assert.equal((await ui().snapshot()).dialog, null);
    });
  });

  describe('without a bridge', () => {
    it('throws a clear error instead of passing', () => {
      const saved = process.env.SAGEMAKER_TEST_BRIDGE;
      delete process.env.SAGEMAKER_TEST_BRIDGE;
      try {
        assert.throws(() => ui(), UiBridgeUnavailableError);
      } finally {
        process.env.SAGEMAKER_TEST_BRIDGE = saved;
      }
    });
  });
});
