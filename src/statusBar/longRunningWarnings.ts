import * as vscode from 'vscode';
import type { ScanResult } from '../core/cost/billableScan';
import type { PricedResource } from '../core/cost/billing';
import type { CostWatch, StateStore } from '../core/cost/costWatch';
import { claimWarnings, ignore, snooze } from '../core/cost/longRunning';
import { WarningStore } from '../core/cost/warningStore';
import type { Logger } from '../core/util/logger';
import { longRunningMessage } from './costPresenter';
import { readCostSettings } from './costSettings';

/** At most this many warnings at once; the rest come with later scans (still once a day each). */
const maxWarningsPerScan = 3;

const snoozeChoices: ReadonlyArray<{ label: string; hours: number }> = [
  { label: '1 hour', hours: 1 },
  { label: '4 hours', hours: 4 },
  { label: '8 hours', hours: 8 },
  { label: '1 day', hours: 24 },
  { label: '1 week', hours: 24 * 7 },
];

/**
 * Warns when something has run longer than its threshold (`sagemaker.cost.warnAfterHours.*`):
 * once per resource per day (remembered in global state across windows and restarts), with
 * Shut Down, Snooze (for a chosen time) and Don't Warn for This Resource.
 */
export class LongRunningWarnings implements vscode.Disposable {
  private readonly store: WarningStore;
  private lastScan: ScanResult | undefined;
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
      this.check(snapshot.priced).catch((error: unknown) => this.log.warn(`Cost guard: could not check for long-running resources: ${String(error)}`));
    });
  }

  private async check(priced: readonly PricedResource[]): Promise<void> {
    const thresholds = readCostSettings().warnAfterHours;
    let due: PricedResource[] = [];
    // Claimed in one read-modify-write, before anything is shown: two scans ending together (a
    // settings change and a refresh, say), another window or a restart do not warn again today.
    await this.store.update((current) => {
      const claim = claimWarnings(current, priced, thresholds, Date.now(), maxWarningsPerScan);
      due = claim.due;
      return claim.state;
    });
    for (const resource of due) void this.warn(resource);
  }

  private async warn(resource: PricedResource): Promise<void> {
    this.log.info(`Cost guard: ${longRunningMessage(resource)}`);
    const choice = await vscode.window.showWarningMessage(longRunningMessage(resource), 'Shut Down', 'Snooze…', "Don't Warn for This Resource");
    if (choice === 'Shut Down') {
      await vscode.commands.executeCommand('sagemaker.shutDownBilling', [resource.id]);
    } else if (choice === 'Snooze…') {
      const picked = await vscode.window.showQuickPick(
        snoozeChoices.map((entry) => ({ ...entry, description: `no warning about ${resource.name} until then` })),
        { title: `Snooze the warning about ${resource.name}`, placeHolder: 'For how long?' },
      );
      if (picked) await this.store.update((state) => snooze(state, resource.id, Date.now() + picked.hours * 3_600_000));
    } else if (choice === "Don't Warn for This Resource") {
      await this.store.update((state) => ignore(state, resource.id, `${resource.name} (${resource.region})`));
      void vscode.window.showInformationMessage(`No more warnings about ${resource.name}. "SageMaker: Warn Again About Long-Running Resources" undoes this.`);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
