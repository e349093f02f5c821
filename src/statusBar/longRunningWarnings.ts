import * as vscode from 'vscode';
import type { PricedResource } from '../core/cost/billing';
import type { CostSnapshot, CostWatch, StateStore } from '../core/cost/costWatch';
import { claimWarnings, ignore, snooze } from '../core/cost/longRunning';
import type { MergedScan } from '../core/cost/scanOutcome';
import { isUnseenId } from '../core/cost/scanOutcome';
import { WarningStore } from '../core/cost/warningStore';
import type { Logger } from '../core/util/logger';
import { presentLongRunningWarning, presentPickRow } from './costPresenter';
import { readCostSettings } from './costSettings';

const snoozeChoices: ReadonlyArray<{ label: string; hours: number }> = [
  { label: '1 hour', hours: 1 },
  { label: '4 hours', hours: 4 },
  { label: '8 hours', hours: 8 },
  { label: '1 day', hours: 24 },
  { label: '1 week', hours: 24 * 7 },
];

/**
 * Warns when something has run longer than its threshold (`sagemaker.cost.warnAfterHours.*`):
 * once per resource per day (remembered in global state across windows and restarts), in ONE
 * notification for everything due at once, with Shut Down (the list, to choose from), Snooze
 * (for a chosen time) and Don't Warn. A warning stays in the Notification Center until acted on
 * or dismissed, and in the status bar item's list ("2 warnings") until acted on or the resource
 * stops.
 */
export class LongRunningWarnings implements vscode.Disposable {
  private readonly store: WarningStore;
  private lastScan: MergedScan | undefined;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly watch: CostWatch,
    state: StateStore,
    private readonly log: Logger,
  ) {
    this.store = new WarningStore(state);
    this.subscription = watch.onDidChange((snapshot) => {
      // Once per scan, not on every re-pricing of the same scan.
      if (!snapshot.scan || snapshot.scan === this.lastScan) return;
      this.lastScan = snapshot.scan;
      this.check(snapshot);
    });
  }

  /**
   * Claims what is due in one synchronous read-modify-write of the stored state (the write to
   * disk follows), then shows it at once: two scans ending together, another window or a restart
   * do not warn again today, and the notification is on its way before the scan's listeners return.
   */
  private check(snapshot: CostSnapshot): void {
    const { scan, priced } = snapshot;
    if (!scan) return;
    const unseen = (id: string): boolean => isUnseenId(id, scan.failed);
    const running = new Set(priced.map((resource) => resource.id));
    this.watch.warnings.retain((id) => running.has(id) || unseen(id));
    const thresholds = readCostSettings().warnAfterHours;
    let due: PricedResource[] = [];
    this.store
      .update((current) => {
        const claim = claimWarnings(current, priced, thresholds, Date.now(), Number.POSITIVE_INFINITY, unseen);
        due = claim.due;
        return claim.state;
      })
      .catch((error: unknown) => this.log.warn(`Cost guard: could not save the long-running warnings' state: ${String(error)}`));
    if (due.length === 0) return;
    this.watch.warnings.add(
      due.map((resource) => resource.id),
      Date.now(),
    );
    this.warn(due).catch((error: unknown) => this.log.warn(`Cost guard: could not show a long-running warning: ${String(error)}`));
  }

  private async warn(resources: readonly PricedResource[]): Promise<void> {
    const view = presentLongRunningWarning(resources);
    this.log.info(`Cost guard: ${view.message}`);
    const choice = await vscode.window.showWarningMessage(view.message, ...view.buttons);
    if (choice === undefined) return; // dismissed: still listed in the status bar item's list
    const [first] = resources;
    if (choice === view.buttons[0]) {
      const ids = resources.length === 1 ? [first!.id] : await this.pick(resources);
      if (ids.length > 0) await vscode.commands.executeCommand('sagemaker.shutDownBilling', ids);
    } else if (choice === view.buttons[1]) {
      const what = resources.length === 1 ? first!.name : `these ${resources.length} resources`;
      const picked = await vscode.window.showQuickPick(
        snoozeChoices.map((entry) => ({ ...entry, description: `no warning about ${what} until then` })),
        { title: `Snooze the warning about ${what}`, placeHolder: 'For how long?' },
      );
      if (!picked) return;
      const until = Date.now() + picked.hours * 3_600_000;
      await this.store.update((state) => resources.reduce((next, resource) => snooze(next, resource.id, until), state));
      this.watch.warnings.remove(resources.map((resource) => resource.id));
    } else if (choice === view.buttons[2]) {
      await this.store.update((state) => resources.reduce((next, resource) => ignore(next, resource.id, `${resource.name} (${resource.region})`), state));
      this.watch.warnings.remove(resources.map((resource) => resource.id));
      const what = resources.length === 1 ? first!.name : `these ${resources.length} resources`;
      void vscode.window.showInformationMessage(`No more warnings about ${what}. "SageMaker: Warn Again About Long-Running Resources" undoes this.`);
    }
  }

  /** The resources of a warning, all selected, to choose which to shut down. */
  private async pick(resources: readonly PricedResource[]): Promise<string[]> {
    const picked = await vscode.window.showQuickPick(
      resources.map((resource) => ({ ...presentPickRow(resource), id: resource.id, picked: true })),
      { title: 'Shut down resources that have run long', placeHolder: 'Selected resources are shut down after one confirmation', canPickMany: true, matchOnDetail: true },
    );
    return picked?.map((item) => item.id) ?? [];
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
