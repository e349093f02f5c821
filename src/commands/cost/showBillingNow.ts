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
 * at once) shuts them down after one confirmation.
 */
export const showBillingNow = defineCommand('sagemaker.showBillingNow', 'show what SageMaker is billing now', async (services) => {
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
  const where = `${regions} region${regions === 1 ? '' : 's'}${skipped > 0 ? `, ${skipped} skipped` : ''}`;
  if (priced.length === 0) {
    void vscode.window.showInformationMessage(`Nothing on SageMaker bills by the hour right now (${where} scanned).`);
    return;
  }
  const items: BillingPickItem[] = priced.map((resource) => ({ ...presentPickRow(resource), resource }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `SageMaker: ${formatTotal(snapshot.summary)} billing now (${where})`,
    placeHolder: 'Select what to shut down (Space to select several), or press Escape',
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
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
