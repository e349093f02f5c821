// The cost guard in a real VS Code against the local service's `demo` data in two regions: the
// status bar's count and $/h against what the seeded billable set costs (worked out here from the
// service's own state and price list), the threshold colour, shutting down exactly what is picked,
// a denied region noted but not fatal, and a long-running warning shown once.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatHourly } from '../../../src/core/util/format';
import { products } from '../../emulator/pricing/catalog';
import { expectedBilling, type ExpectedResource } from '../../unit/cost/support/expectedBilling';
import { useEmulator } from '../support/emulator';
import { updateSettings as applySettings } from '../support/settings';
import { ui } from '../support/ui';
import { waitFor } from '../support/wait';

const EXTENSION_ID = 'sagemaker-tools.sagemaker-companion';
const ITEM_ID = `${EXTENSION_ID}.sagemaker.cost`;
const REGIONS = ['us-east-1', 'eu-west-1'];
/** How long a step may take on a busy machine (each wait ends as soon as its condition holds). */
const WAIT = 60_000;
const updateSettings = (values: Record<string, unknown>): Promise<void> => applySettings(values, { timeout: WAIT });

/** The offer's use for each of the guard's uses: this test's own reading of the price list. */
function offerComponent(resource: ExpectedResource): string | undefined {
  switch (resource.use) {
    case 'studio':
      return { JupyterLab: 'Studio-JupyterLab', CodeEditor: 'studio-codeeditor', KernelGateway: 'Studio-Notebook', JupyterServer: 'Studio-Notebook' }[resource.appType ?? ''];
    case 'notebookInstance':
      return 'Notebook';
    // Spot has no fixed rate: the guard shows the on-demand rate as its upper bound.
    case 'training':
    case 'spotTraining':
      return 'Training';
    case 'hosting':
      return 'Hosting';
    case 'asyncInference':
      return 'AsyncInf';
    case 'processing':
      return 'Processing';
    case 'batchTransform':
      return 'BatchTransform';
    default:
      return undefined;
  }
}

interface Expected {
  readonly count: number;
  readonly knownUsdPerHour: number;
  readonly unknown: number;
  /** A rate stands in for another (spot training at the on-demand rate). */
  readonly estimated: boolean;
}

/** What the seeded billable set costs per hour by the service's own price list. */
function expectedCost(state: Parameters<typeof expectedBilling>[0]): Expected {
  const rates = new Map(products().map((product) => [`${product.attributes.regionCode}|${product.attributes.instanceName}|${product.attributes.platoinstancetype}`, product.price]));
  const resources = REGIONS.flatMap((region) => expectedBilling(state, region));
  let known = 0;
  let unknown = 0;
  for (const resource of resources) {
    let resourceUnknown = false;
    for (const [type, count] of Object.entries(resource.instances)) {
      const rate = rates.get(`${resource.region}|${type}|${offerComponent(resource) ?? '-'}`);
      if (rate === undefined) resourceUnknown = true;
      else known += rate * count;
    }
    if (resourceUnknown) unknown++;
  }
  return { count: resources.length, knownUsdPerHour: known, unknown, estimated: resources.some((resource) => resource.use === 'spotTraining') };
}

/** "≥" when some price is unknown, else "≈" when a rate is an estimate. */
const statusText = (expected: Expected, icon: string): string =>
  `${icon} ${expected.unknown > 0 ? '≥ ' : expected.estimated ? '≈ ' : ''}${formatHourly(expected.knownUsdPerHour)} · ${expected.count} running`;

describe('Cost guard', function () {
  this.timeout(600_000);
  const costSettings = {
    'sagemaker.cost.enabled': true,
    'sagemaker.cost.regions': ['eu-west-1'],
    'sagemaker.cost.warningThreshold': 10_000,
    'sagemaker.cost.warnAfterHours.studioApps': 0,
    'sagemaker.cost.warnAfterHours.notebookInstances': 0,
    'sagemaker.cost.warnAfterHours.endpoints': 0,
    'sagemaker.cost.warnAfterHours.jobs': 0,
  };

  // Before the service starts, so that no scan runs with the default thresholds (and warns).
  let previousSettings: Record<string, unknown> = {};
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    previousSettings = Object.fromEntries(Object.keys(costSettings).map((key) => [key, vscode.workspace.getConfiguration().inspect(key)?.globalValue]));
    await updateSettings(costSettings);
  });
  const fixture = useEmulator({ data: 'demo', clockSpeed: 0, region: 'us-east-1' });
  after(async () => {
    await updateSettings(previousSettings);
  });
  beforeEach(async () => {
    const { emulator } = fixture();
    emulator.reset({ data: 'demo', regions: REGIONS });
    emulator.access.clear();
    emulator.faults.clear();
    await updateSettings(costSettings);
  });

  const scan = async (): Promise<void> => {
    await vscode.commands.executeCommand('sagemaker.scanBillingNow');
  };
  const item = (text: string | RegExp, tooltip = false) => ui().statusBarItem({ id: ITEM_ID, text, tooltip, timeout: WAIT });

  it('shows the count and $/h of what the seeded account runs in both regions, priced by the Price List', async () => {
    await scan();
    const expected = expectedCost(fixture().emulator.state);
    assert.ok(expected.count >= 8 && expected.knownUsdPerHour > 1, 'the demo data runs a fair amount');
    const shown = await item(statusText(expected, '$(cloud)'));
    assert.equal(shown.kind, 'standard');
    assert.equal(shown.hasCommand, true);
    const withTooltip = await item(/running/, true);
    assert.match(withTooltip.tooltip ?? '', /us.east.1/);
    assert.match(withTooltip.tooltip ?? '', /eu.west.1/);
    assert.match(withTooltip.tooltip ?? '', /AWS Price List/);
  });

  it('turns to the warning colour over the threshold', async () => {
    const expected = expectedCost(fixture().emulator.state);
    await updateSettings({ 'sagemaker.cost.warningThreshold': Math.floor(expected.knownUsdPerHour) - 0.5 });
    await scan();
    const warning = await item(statusText(expected, '$(warning)'));
    assert.equal(warning.kind, 'warning');
    await updateSettings({ 'sagemaker.cost.warningThreshold': Math.ceil(expected.knownUsdPerHour) + 1 });
    const calm = await item(statusText(expected, '$(cloud)'));
    assert.equal(calm.kind, 'standard');
  });

  it('shuts down exactly the resources picked in the quick pick, after one confirmation', async () => {
    const { emulator } = fixture();
    await scan();
    const before = expectedCost(emulator.state);
    emulator.requests.clear();
    const shown = vscode.commands.executeCommand('sagemaker.showBillingNow');
    const picker = await ui().quickPick({ title: /billing now/, timeout: WAIT });
    assert.equal(picker.canSelectMany, true);
    // Most expensive first: every row's rate is no higher than the one above it.
    const rates = picker.items.map((row) => Number(/\$([\d.]+)\/h/.exec(row.description ?? '')?.[1] ?? 'NaN')).filter((rate) => !Number.isNaN(rate));
    assert.deepEqual(rates, [...rates].sort((a, b) => b - a));
    // The list is longer than the picker shows: filter, pick, filter again (picks are kept).
    await ui().quickPickType('churn-analysis');
    await ui().quickPickToggle(/churn-analysis-nb/);
    await ui().quickPickType('llm-summarizer');
    await ui().quickPickToggle(/llm-summarizer-g5/);
    await ui().quickPickAccept();
    const dialog = await ui().dialog({ timeout: WAIT });
    assert.match(dialog.message, /^Shut down 2 SageMaker resources\? They save /);
    assert.match(dialog.detail ?? '', /Stop notebook instance churn-analysis-nb \(us-east-1\)/);
    assert.match(dialog.detail ?? '', /Delete endpoint llm-summarizer-g5 \(us-east-1\)/);
    await ui().clickDialogButton('Shut Down');
    await shown;
    const actions = () =>
      emulator.requests
        .list((record) => /^(Stop|Delete)/.test(record.operation))
        .map((record) => `${record.operation} ${JSON.stringify(record.input)}`)
        .sort();
    await waitFor(() => actions().length === 2, { timeout: WAIT, message: 'two shutdown calls' });
    assert.deepEqual(actions(), ['DeleteEndpoint {"EndpointName":"llm-summarizer-g5"}', 'StopNotebookInstance {"NotebookInstanceName":"churn-analysis-nb"}']);
    // The guard rescans at once after the extension's own action.
    await item(new RegExp(` · ${before.count - 2} running$`));
  });

  it('notes a region that is not enabled or denies access, and shows the rest', async () => {
    const { emulator } = fixture();
    emulator.access.disableRegion('ap-east-1');
    emulator.access.deny({ region: 'ap-southeast-2' });
    await updateSettings({ 'sagemaker.cost.regions': ['eu-west-1', 'ap-east-1', 'ap-southeast-2'] });
    await scan();
    const expected = expectedCost(emulator.state);
    await item(statusText(expected, '$(cloud)'));
    const shown = await item(/running/, true);
    assert.match(shown.tooltip ?? '', /Skipped: ap-east-1 \(not enabled for this account\), ap-southeast-2 \(access denied\)/);
  });

  /**
   * Waits until the workbench has handled everything the extension asked of it so far: the
   * billing list is drawn after any notification the scans before it sent (the host's messages
   * to the workbench are handled in order), so what the notification center lists then is final.
   */
  const settled = async (): Promise<void> => {
    const shown = vscode.commands.executeCommand('sagemaker.showBillingNow');
    await ui().quickPick({ title: /billing now/, timeout: WAIT });
    await ui().quickPickCancel({ timeout: WAIT });
    await shown;
  };

  it('warns once about a resource running longer than its threshold', async () => {
    await ui().clearNotifications({ timeout: WAIT });
    await updateSettings({ 'sagemaker.cost.warnAfterHours.notebookInstances': 8 });
    await scan();
    const message = /^SageMaker notebook instance churn-analysis-nb \(us-east-1\) has been running for \d+d \d+h at \$[\d.]+\/h \(\$[\d.]+ so far\)\.$/;
    const [warning] = await ui().notifications({ message, timeout: WAIT });
    assert.deepEqual(warning?.buttons, ['Shut Down', 'Snooze…', "Don't Warn for This Resource"]);
    assert.equal(warning?.severity, 'warning');
    await ui().clearNotifications({ timeout: WAIT });
    await scan();
    await scan();
    await settled();
    const again = (await ui().notifications({ minCount: 0 })).filter((notification) => message.test(notification.message));
    assert.deepEqual(again, [], 'the same resource is not warned about twice in a day');
  });

  it('keeps the warning marks of resources a partial scan could not see: no second warning when they are seen again', async () => {
    const { emulator } = fixture();
    await updateSettings({ 'sagemaker.cost.warnAfterHours.notebookInstances': 8 });
    await scan();
    await settled();
    await ui().clearNotifications({ timeout: WAIT });
    // The notebook part of us-east-1 fails (throttled after the SDK's retries), then answers again.
    emulator.faults.set({ region: 'us-east-1', operation: 'ListNotebookInstances', throttleRate: 1 });
    await scan();
    await item(/^\$\(cloud\) ≥ /);
    emulator.faults.clear();
    await scan();
    await item(statusText(expectedCost(emulator.state), '$(cloud)'));
    await settled();
    const warnings = (await ui().notifications({ minCount: 0 })).filter((notification) => /churn-analysis-nb/.test(notification.message));
    assert.deepEqual(warnings, [], 'a resource the scan could not see is not warned about again when it is seen');
  });

  it('shows a partial scan as a lower bound, naming the region and part it could not see', async () => {
    const { emulator } = fixture();
    await scan();
    const expected = expectedCost(emulator.state);
    await item(statusText(expected, '$(cloud)'));
    emulator.faults.set({ region: 'eu-west-1', operation: 'ListNotebookInstances', throttleRate: 1 });
    emulator.faults.set({ region: 'eu-west-1', operation: 'ListApps', throttleRate: 1 });
    await scan();
    // What eu-west-1's apps and notebook instances ran is kept as last seen: the same total, as a lower bound.
    const shown = await item(new RegExp(`^\\$\\(cloud\\) ≥ ${formatHourly(expected.knownUsdPerHour).replace(/[$.]/g, '\\$&')} · ${expected.count} running$`), true);
    assert.match(shown.tooltip ?? '', /Not seen in this scan: eu-west-1 Studio apps \(throttled\); eu-west-1 notebook instances \(throttled\)/);
    assert.match(shown.tooltip ?? '', /≥: at least this much; .*part of the scan failed/);
    const carried = expectedBilling(emulator.state, 'eu-west-1').filter((resource) => /^(app|notebookInstance):/.test(resource.key));
    if (carried.length > 0) assert.match(shown.tooltip ?? '', /Last known, kept from an earlier scan: .*seen \d+ (s|min) ago/);
  });

  it('says the cost is unknown when no part answered, never $0', async () => {
    const { emulator } = fixture();
    await scan();
    emulator.faults.set({ service: 'sagemaker', throttleRate: 1 });
    await scan();
    const shown = await item('$(warning) SageMaker cost unknown', true);
    assert.match(shown.tooltip ?? '', /Throttling/);
    assert.match(shown.tooltip ?? '', /Last known, .* ago: /);
  });

  it('stays in the status bar, quiet at $0/h, when nothing bills; its click checks again', async () => {
    const { emulator } = fixture();
    emulator.reset({ data: 'empty', regions: REGIONS });
    await scan();
    const shown = await item('$(check) $0/h', true);
    assert.equal(shown.kind, 'standard');
    assert.equal(shown.hasCommand, true);
    assert.match(shown.tooltip ?? '', /nothing bills by the hour/);
    assert.match(shown.tooltip ?? '', /Click to check again/);
    await ui().clearNotifications({ timeout: WAIT });
    await ui().clickStatusBarItem({ id: ITEM_ID, text: '$(check) $0/h', timeout: WAIT });
    const [answer] = await ui().notifications({ message: /^Nothing on SageMaker bills by the hour right now \(2 regions scanned\)\.$/, timeout: WAIT });
    assert.deepEqual(answer?.buttons, ['Scan Again']);
  });

  it('warns about several resources in one notification, still listed in the billing list after it is gone', async () => {
    await ui().clearNotifications({ timeout: WAIT });
    // One setting, so one scan finds them all (each changed setting starts a scan).
    await updateSettings({ 'sagemaker.cost.warnAfterHours.studioApps': 8 });
    await scan();
    const [warning] = await ui().notifications({ message: /^\d+ SageMaker resources have been running longer than your thresholds/, timeout: WAIT });
    assert.deepEqual(warning?.buttons, ['Shut Down…', 'Snooze All…', "Don't Warn for These"]);
    const count = Number(/^(\d+)/.exec(warning?.message ?? '')?.[1]);
    assert.ok(count >= 2);
    await settled();
    const all = await ui().notifications({ minCount: 0 });
    assert.equal(all.filter((notification) => /running longer than your thresholds|has been running for/.test(notification.message)).length, 1, 'one notification for all');
    // The notification goes (dismissed, or its toast long gone); the warnings stay reachable.
    await ui().clearNotifications({ timeout: WAIT });
    const shown = vscode.commands.executeCommand('sagemaker.showBillingNow');
    const picker = await ui().quickPick({ title: /billing now .* · \d+ warnings/, timeout: WAIT });
    const header = picker.items.find((row) => row.separator && /^\d+ warnings?$/.test(row.separator))?.separator ?? '';
    assert.ok(Number(/^\d+/.exec(header)?.[0]) >= count, `the list heads with the warnings: ${header}`);
    const warnedRows = picker.items.filter((row) => /Running longer than its threshold/.test(row.detail ?? ''));
    assert.ok(warnedRows.length >= Math.min(count, 2), 'the warned resources are listed with their warning');
    await ui().quickPickCancel({ timeout: WAIT });
    await shown;
  });
});
