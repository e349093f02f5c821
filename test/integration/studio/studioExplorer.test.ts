// The Studio view in a real VS Code against the local service: what it shows, shutting apps down
// (and declining to), and a denied listing that stays where it happened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ui } from '../support/ui';
import { waitFor } from '../support/wait';
import { deleteApp as deleteAppInService } from '../../emulator/sagemaker/studio';
import { companion, startStudioFixture, type StudioFixture } from './studioFixture';

const VIEW = 'Studio';
const MINUTE = 60_000;

describe('Studio view', function () {
  this.timeout(120_000);
  let fixture: StudioFixture;

  before(async () => {
    fixture = await startStudioFixture();
    await ui().openViewContainer('SageMaker');
    await ui().openView('sagemaker.studio', VIEW);
  });
  after(async () => {
    await fixture?.dispose();
  });
  beforeEach(async () => {
    // Collapsed rows are listed afresh when expanded, so each test starts from the seed.
    await ui().clickViewTitleAction(VIEW, 'Collapse All');
    await fixture.reseed();
  });

  /**
   * Expands a row (if it is not already) and waits for one of its children. A redraw of the view
   * (new prices arriving, say) can swallow a click on a row being drawn again: then it clicks again.
   */
  async function expand(label: string, child: string, options: { level?: number } = {}): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const row = await ui().treeItem(VIEW, label, { ...options, timeout: 20_000 });
      if (row.expanded !== true) await ui().expandTreeItem(VIEW, label, options);
      try {
        await ui().treeItem(VIEW, child, { level: row.level + 1, timeout: attempt < 3 ? 7_000 : 20_000 });
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  const deleteApps = () => fixture.emulator.requests.list({ operation: 'DeleteApp' });
  /** The SageMaker operations called about the seeded domain (the cost guard's region-wide scans aside). */
  const sagemakerCalls = () =>
    fixture.emulator.requests
      .list({ service: 'sagemaker' })
      .filter((record) => {
        const input = record.input as { DomainIdEquals?: string; DomainId?: string };
        return (input.DomainIdEquals ?? input.DomainId) === fixture.studio.domainId;
      })
      .map((record) => record.operation)
      .sort();

  it('shows the seeded domain, its profiles, spaces and apps as the service has them', async () => {
    const domain = await ui().treeItem(VIEW, 'ml-research', { level: 1, timeout: 20_000 });
    assert.equal(domain.description, fixture.studio.domainId);
    fixture.emulator.requests.clear();
    await expand('ml-research', 'ana');
    // Expanding costs one List call per page, and no Describe per row.
    assert.deepEqual(sagemakerCalls(), ['ListSpaces', 'ListUserProfiles']);
    const profiles = (await ui().treeRows(VIEW)).filter((row) => row.level === 2);
    assert.deepEqual(
      profiles.map((row) => [row.label, row.description ?? '']),
      [
        ['ana', '1 private space'],
        ['bo', '1 private space'],
        ['team-lab', 'shared space · JupyterLab'],
      ],
    );
    fixture.emulator.requests.clear();
    await expand('ana', 'ana-lab');
    await ui().treeItem(VIEW, 'JupyterServer', { level: 3 });
    assert.deepEqual(sagemakerCalls().filter((operation) => operation !== 'DescribeUserProfile' && operation !== 'DescribeDomain'), ['ListApps']);
    await expand('ana-lab', 'JupyterLab');
    const rows = await ui().treeRows(VIEW);
    const byLabel = new Map(rows.map((row) => [row.label, row]));
    assert.match(byLabel.get('JupyterLab')?.description ?? '', /^ml\.t3\.medium · 3h 0\dm · (≈ )?\$[\d.]+\/h/);
    assert.match(byLabel.get('KernelGateway datascience-ml-m5-large')?.description ?? '', /^ml\.m5\.large · 5h 0\dm · /);
    assert.equal(byLabel.get('JupyterServer')?.level, 3);
    assert.equal(byLabel.get('ana-lab')?.description, 'private space · JupyterLab');
    const tooltip = await ui().treeItemTooltip(VIEW, 'JupyterLab', { level: 4 });
    assert.match(tooltip, /arn:aws:sagemaker:[a-z0-9-]+:\d{12}:app\/d-[a-z0-9]+\/ana-lab\/jupyterlab\/default/);
    // bo's only app is Deleted: hidden, and said so. (Collapsing ana keeps bo's rows in view.)
    await ui().collapseTreeItem(VIEW, 'ana', { level: 2 });
    await expand('bo', 'bo-code');
    await expand('bo-code', '1 deleted app hidden');
  });

  it('shuts an app down: one DeleteApp with its domain, space, type and name; the row goes Deleting, then away', async () => {
    await expand('ml-research', 'ana');
    await expand('ana', 'ana-lab');
    await expand('ana-lab', 'JupyterLab');
    await ui().rightClickTreeItem(VIEW, 'JupyterLab', { level: 4 });
    await ui().clickContextMenu('Shut Down Studio App');
    const dialog = await ui().dialog();
    assert.match(dialog.message, /^Shut down the JupyterLab app in space ana-lab \(domain ml-research\) · ml\.t3\.medium\?$/);
    assert.match(dialog.detail ?? '', /Saves (≈ )?\$[\d.]+\/h\./);
    await ui().clickDialogButton('Shut Down');
    await fixture.emulator.requests.waitFor({ operation: 'DeleteApp' }, 10_000);
    await ui().treeItem(VIEW, 'JupyterLab', { level: 4, description: /^Deleting · /, timeout: 15_000 });
    assert.equal(deleteApps().length, 1);
    assert.deepEqual(deleteApps()[0]?.input, { DomainId: fixture.studio.domainId, SpaceName: 'ana-lab', AppType: 'JupyterLab', AppName: 'default' });
    // SageMaker takes about a minute; the view polls by itself until the app is gone.
    fixture.emulator.clock.advance(2 * MINUTE);
    await ui().treeItem(VIEW, '1 deleted app hidden', { level: 4, timeout: 30_000 });
    const rows = await ui().treeRows(VIEW);
    assert.equal(rows.some((row) => row.label === 'JupyterLab' && row.level === 4), false);
    assert.equal(deleteApps().length, 1);
  });

  it('sends nothing when the confirmation is declined', async () => {
    await expand('ml-research', 'team-lab');
    await expand('team-lab', 'JupyterLab');
    await ui().clickTreeItemInlineAction(VIEW, 'JupyterLab', 'Shut Down Studio App', { level: 3 });
    const dialog = await ui().dialog();
    assert.match(dialog.message, /team-lab/);
    await ui().clickDialogButton('Cancel');
    // Give a wrongly sent request time to arrive before checking that none did.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(deleteApps().length, 0);
    await ui().treeItem(VIEW, 'JupyterLab', { level: 3, description: /^ml\.g5\.xlarge/ });
  });

  it('shuts down everything under a user profile, listing every app in the confirmation', async () => {
    await expand('ml-research', 'ana');
    await ui().rightClickTreeItem(VIEW, 'ana', { level: 2 });
    await ui().clickContextMenu('Shut Down All Apps');
    const dialog = await ui().dialog();
    assert.match(dialog.message, /Shut down 3 Studio apps under user profile ana\?/);
    for (const app of ['JupyterLab app in space ana-lab', 'KernelGateway app datascience-ml-m5-large in user profile ana', 'JupyterServer app in user profile ana']) {
      assert.ok(dialog.detail?.includes(app), `the confirmation does not name ${app}: ${dialog.detail}`);
    }
    await ui().clickDialogButton('Shut Down');
    await waitFor(() => deleteApps().length === 3, { timeout: 10_000, message: 'three DeleteApp calls' });
  });

  it('reports which app failed to shut down and why, and shuts the others down', async () => {
    fixture.emulator.access.deny({ operation: 'DeleteApp', match: { AppType: 'KernelGateway' } });
    await expand('ml-research', 'ana');
    await ui().rightClickTreeItem(VIEW, 'ana', { level: 2 });
    await ui().clickContextMenu('Shut Down All Apps');
    await ui().clickDialogButton('Shut Down');
    const [report] = await ui().notifications({
      message: /^Shut down 2 of 3 apps\. Could not shut down the KernelGateway app datascience-ml-m5-large in user profile ana: access denied/,
      timeout: 15_000,
    });
    assert.equal(report?.severity, 'error');
    const sent = deleteApps().map((record) => (record.input as { AppType: string }).AppType).sort();
    assert.deepEqual(sent, ['JupyterLab', 'JupyterServer', 'KernelGateway']);
    assert.equal(deleteApps().filter((record) => record.status === 200).length, 2);
  });

  it('shuts down apps picked from the running ones, from the Command Palette', async () => {
    const running = vscode.commands.executeCommand('sagemaker.shutDownApp');
    const picker = await ui().quickPick({ title: 'Shut Down Studio Apps', timeout: 20_000 });
    assert.equal(picker.canSelectMany, true);
    // Every running app of the region, and only those (bo's is Deleted).
    assert.equal(picker.items.length, 4);
    await ui().quickPickType('team-lab');
    await ui().quickPickToggle(/JupyterLab$/);
    await ui().quickPickAccept();
    const dialog = await ui().dialog();
    assert.match(dialog.message, /^Shut down the JupyterLab app in space team-lab \(domain ml-research\) · ml\.g5\.xlarge\?$/);
    await ui().clickDialogButton('Shut Down');
    await running;
    assert.deepEqual(
      deleteApps().map((record) => record.input),
      [{ DomainId: fixture.studio.domainId, SpaceName: 'team-lab', AppType: 'JupyterLab', AppName: 'default' }],
    );
  });

  it('shows idle shutdown on hover, and sets a profile’s timeout sending only that', async () => {
    await expand('ml-research', 'bo');
    // The hover says "Loading..." while the profile is described (only now: listings never do).
    const tooltip = await waitFor(
      async () => {
        const text = await ui().treeItemTooltip(VIEW, 'bo', { level: 2 });
        return text.includes('Idle shutdown') ? text : undefined;
      },
      { timeout: 15_000, message: 'the hover of bo to show idle shutdown' },
    );
    assert.match(tooltip, /Idle shutdown, JupyterLab: after 1 h idle \(user profile\)/);
    assert.match(tooltip, /Idle shutdown, CodeEditor: not set/);
    await ui().rightClickTreeItem(VIEW, 'bo', { level: 2 });
    await ui().clickContextMenu('Idle Shutdown…');
    const apps = await ui().quickPick({ title: 'Idle Shutdown: user profile bo' });
    assert.deepEqual(apps.items.map((item) => [item.label, item.description]), [
      ['JupyterLab', 'after 1 h idle'],
      ['CodeEditor', 'not set'],
    ]);
    await ui().quickPickSelect('CodeEditor');
    await ui().quickPickSelect(/Set the idle timeout/);
    // Too short for SageMaker: the box says so and stays open.
    await ui().inputBoxSubmit('45');
    await waitFor(async () => /Enter between 60 and 525600 minutes/.test((await ui().quickPick()).message ?? ''), {
      timeout: 5_000,
      message: 'the input box to refuse 45 minutes',
    });
    await ui().inputBoxSubmit('90');
    await fixture.emulator.requests.waitFor({ operation: 'UpdateUserProfile' }, 10_000);
    assert.deepEqual(fixture.emulator.requests.list({ operation: 'UpdateUserProfile' }).map((record) => record.input), [
      {
        DomainId: fixture.studio.domainId,
        UserProfileName: 'bo',
        UserSettings: { CodeEditorAppSettings: { AppLifecycleManagement: { IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: 90 } } } },
      },
    ]);
    // The profile is Updating for a moment; the domain's list follows it by itself.
    await ui().treeItem(VIEW, 'bo', { level: 2, description: /^Updating/, timeout: 15_000 });
  });

  it('follows a shutdown made elsewhere in the extension (the cost guard, say) when it is announced', async () => {
    await expand('ml-research', 'team-lab');
    await expand('team-lab', 'JupyterLab');
    const state = fixture.emulator.state.region(fixture.region);
    const app = [...state.apps.values()].find((record) => record.spaceName === 'team-lab');
    assert.ok(app);
    deleteAppInService(state, app, fixture.emulator.clock.now().getTime());
    const api = (await companion()) as unknown as { services: { resourceEvents: { changed(change: object): void } } };
    api.services.resourceEvents.changed({ region: fixture.region, kind: 'app', name: 'team-lab JupyterLab' });
    await ui().treeItem(VIEW, 'JupyterLab', { level: 3, description: /^Deleting · /, timeout: 15_000 });
  });

  it('filters to running apps from the view title, and shows deleted ones on request', async () => {
    await expand('ml-research', 'bo');
    await expand('bo', 'bo-code');
    await expand('bo-code', '1 deleted app hidden');
    try {
      // In the view's "..." menu, which the UI bridge does not read yet: run its command instead.
      await vscode.commands.executeCommand('sagemaker.showDeletedApps');
      await ui().treeItem(VIEW, 'CodeEditor', { level: 4, description: /^Deleted · ml\.t3\.large$/, timeout: 15_000 });
      await ui().clickViewTitleAction(VIEW, 'Show Running Apps Only');
      await ui().treeItem(VIEW, 'No running apps', { level: 4, timeout: 15_000 });
      assert.ok((await ui().viewTitleActions(VIEW)).includes('Show All Apps'));
    } finally {
      await vscode.commands.executeCommand('sagemaker.showAllApps');
      await vscode.commands.executeCommand('sagemaker.hideDeletedApps');
    }
    await ui().treeItem(VIEW, '1 deleted app hidden', { level: 4, timeout: 15_000 });
  });

  it('opens Studio in a space as its owner, or as the profile picked for a shared space', async () => {
    const presigned = () => fixture.emulator.requests.list({ operation: 'CreatePresignedDomainUrl' }).map((record) => record.input);
    await expand('ml-research', 'ana');
    await expand('ana', 'ana-lab');
    await ui().clickTreeItemInlineAction(VIEW, 'ana-lab', 'Open in Studio', { level: 3 });
    // The workbench asks before it opens an outside site: the URL it names is the one SageMaker signed.
    const dialog = await ui().dialog({ timeout: 15_000 });
    assert.match(`${dialog.message}\n${dialog.detail ?? ''}`, /https:\/\/d-[a-z0-9]+\.studio\.[a-z0-9-]+\.sagemaker\.aws\/auth\?/);
    await ui().clickDialogButton('Cancel');
    assert.deepEqual(presigned(), [{ DomainId: fixture.studio.domainId, UserProfileName: 'ana', SpaceName: 'ana-lab', ExpiresInSeconds: 300 }]);

    await ui().collapseTreeItem(VIEW, 'ana', { level: 2 });
    await ui().clickTreeItemInlineAction(VIEW, 'team-lab', 'Open in Studio', { level: 2 });
    const profiles = await ui().quickPick({ title: 'Open space team-lab as', timeout: 15_000 });
    assert.deepEqual(profiles.items.map((item) => item.label), ['ana', 'bo']);
    await ui().quickPickSelect('bo');
    await ui().dialog({ timeout: 15_000 });
    await ui().clickDialogButton('Cancel');
    assert.deepEqual(presigned()[1], { DomainId: fixture.studio.domainId, UserProfileName: 'bo', SpaceName: 'team-lab', ExpiresInSeconds: 300 });
  });

  it('opens Studio and sets idle shutdown for a profile or domain picked from the Command Palette', async () => {
    const opening = vscode.commands.executeCommand('sagemaker.openStudio');
    const scopes = await ui().quickPick({ title: 'Open in Studio', timeout: 20_000 });
    // The domain's profiles and spaces, under the domain's name; no domain itself to open.
    assert.deepEqual(
      scopes.items.map((item) => [item.label, item.description]),
      [
        ['ana', 'user profile'],
        ['bo', 'user profile'],
        ['ana-lab', 'private space of ana'],
        ['bo-code', 'private space of bo'],
        ['team-lab', 'shared space'],
      ],
    );
    assert.equal(scopes.items[0]?.separator, 'domain ml-research');
    await ui().quickPickSelect('bo');
    await ui().dialog({ timeout: 15_000 });
    await ui().clickDialogButton('Cancel');
    await opening;
    assert.deepEqual(
      fixture.emulator.requests.list({ operation: 'CreatePresignedDomainUrl' }).map((record) => record.input),
      [{ DomainId: fixture.studio.domainId, UserProfileName: 'bo', ExpiresInSeconds: 300 }],
    );

    const configuring = vscode.commands.executeCommand('sagemaker.configureIdleShutdown');
    const levels = await ui().quickPick({ title: 'Idle Shutdown', timeout: 20_000 });
    assert.deepEqual(levels.items.map((item) => item.label), ['ml-research', 'ana', 'bo', 'ana-lab', 'bo-code', 'team-lab']);
    await ui().quickPickSelect('ml-research');
    await ui().quickPick({ title: 'Idle Shutdown: domain ml-research', timeout: 15_000 });
    await ui().quickPickSelect('JupyterLab');
    await ui().quickPickSelect(/Set the idle timeout/);
    await ui().inputBoxSubmit('180');
    await configuring;
    assert.deepEqual(fixture.emulator.requests.list({ operation: 'UpdateDomain' }).map((record) => record.input), [
      {
        DomainId: fixture.studio.domainId,
        DefaultUserSettings: { JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: 180 } } } },
      },
    ]);
  });

  it('shows an AccessDenied on one profile’s apps there only; the rest keeps working', async () => {
    fixture.emulator.access.deny({ operation: 'ListApps', match: { UserProfileNameEquals: 'bo' } });
    await fixture.relist();
    await expand('ml-research', 'bo');
    await expand('bo', 'Could not list the apps of user profile bo');
    const error = await ui().treeItem(VIEW, 'Could not list the apps of user profile bo', { level: 3 });
    assert.equal(error.description, 'access denied');
    // bo's private space is still there, and its apps list.
    await expand('bo-code', '1 deleted app hidden');
    // Everywhere else lists as usual (bo collapsed, so that the rest fits in the view).
    await ui().collapseTreeItem(VIEW, 'bo', { level: 2 });
    await expand('ana', 'ana-lab');
    await ui().treeItem(VIEW, 'KernelGateway datascience-ml-m5-large', { level: 3 });
    await expand('team-lab', 'JupyterLab');
    const rows = await ui().treeRows(VIEW);
    assert.deepEqual(rows.filter((row) => row.label.startsWith('Could not')), []);
  });
});
