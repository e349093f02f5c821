import * as vscode from 'vscode';
import { byCost, priceResources, type PricedResource } from '../../core/cost/billing';
import type { CostSnapshot } from '../../core/cost/costWatch';
import type { ExtensionServices } from '../../platform/services';
import { formatTotal, presentPickRow } from '../../statusBar/costPresenter';
import { defineCommand } from '../command';
import { confirmAndShutDownBilling } from './shutDownBilling';

interface BillingPickItem extends vscode.QuickPickItem {
  readonly resource: PricedResource;
}

/** The last scan, or a fresh one (with progress) when none has finished yet. */
async function snapshotToShow(services: ExtensionServices): Promise<CostSnapshot | undefined> {
  const cost = services.cost;
  if (!cost) return undefined;
  if (cost.current.scan) return cost.current;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Looking for SageMaker resources that bill by the hour' }, () => cost.scanNow());
}

/**
 * Everything running, most expensive first, with price, age and cost so far; picking (several
 * at once) shuts them down after one confirmation. Resources with a long-running warning not yet
 * acted on come first, under "N warnings".
 */
export const showBillingNow = defineCommand('sagemaker.showBillingNow', 'show what SageMaker is billing now', async (services) => {
  const cost = services.cost;
  if (!cost) return;
  const snapshot = await snapshotToShow(services);
  if (!snapshot?.scan) {
    void vscode.window.showWarningMessage(
      snapshot?.state === 'waitingForCredentials' ? 'The cost guard needs AWS credentials to scan; choose a profile first.' : `The cost guard could not scan${snapshot?.failure ? `: ${snapshot.failure}` : '.'}`,
    );
    return;
  }
  // Ages and costs so far are worked out now, not at the time of the scan.
  const priced = priceResources(snapshot.scan.resources, services.prices, Date.now()).sort(byCost);
  const regions = snapshot.scan.regions.length;
  const skipped = snapshot.scan.regions.filter((region) => region.skipped).length;
  const failed = new Set(snapshot.scan.failed.map((entry) => entry.region)).size;
  const where = `${regions} region${regions === 1 ? '' : 's'}${skipped > 0 ? `, ${skipped} skipped` : ''}${failed > 0 ? `, ${failed} not fully seen` : ''}`;
  const lastKnown = snapshot.completeness === 'failed' ? ' (last known: the latest scan failed)' : '';
  if (priced.length === 0) {
    const message =
      snapshot.scan.completeness === 'complete'
        ? `Nothing on SageMaker bills by the hour right now (${where} scanned).`
        : `Nothing found billing by the hour, but part of the scan failed (${where}): see the status bar item's tooltip.`;
    const again = await vscode.window.showInformationMessage(message, 'Scan Again');
    if (again) await vscode.commands.executeCommand('sagemaker.scanBillingNow');
    return;
  }
  const warned = new Set(cost.warnings.list);
  const warnedRows = priced.filter((resource) => warned.has(resource.id));
  const otherRows = priced.filter((resource) => !warned.has(resource.id));
  const row = (resource: PricedResource, warning: boolean): BillingPickItem => {
    const view = presentPickRow(resource);
    return { ...view, detail: warning ? `$(warning) Running longer than its threshold · ${view.detail}` : view.detail, resource };
  };
  const warnings = warnedRows.length === 1 ? '1 warning' : `${warnedRows.length} warnings`;
  const items: Array<BillingPickItem | vscode.QuickPickItem> =
    warnedRows.length > 0
      ? [
          { label: warnings, kind: vscode.QuickPickItemKind.Separator },
          ...warnedRows.map((resource) => row(resource, true)),
          { label: 'Everything else running', kind: vscode.QuickPickItemKind.Separator },
          ...otherRows.map((resource) => row(resource, false)),
        ]
      : priced.map((resource) => row(resource, false));
  const total = formatTotal(snapshot.summary, snapshot.scan.completeness !== 'complete');
  const picked = (await vscode.window.showQuickPick(items, {
    title: `SageMaker: ${total} billing now (${where})${warnedRows.length > 0 ? ` · ${warnings}` : ''}${lastKnown}`,
    placeHolder: 'Select what to shut down (Space to select several), or press Escape',
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
  })) as BillingPickItem[] | undefined;
  if (!picked || picked.length === 0) return;
  await confirmAndShutDownBilling(
    services,
    picked.map((item) => item.resource),
  );
});

/** Scans at once instead of waiting for the next poll. */
export const scanBillingNow = defineCommand('sagemaker.scanBillingNow', 'scan what SageMaker is billing now', async (services) => {
  const cost = services.cost;
  if (!cost) return;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Scanning SageMaker for running resources' }, () => cost.scanNow());
});
