import * as vscode from 'vscode';
import type { CostWatch } from '../core/cost/costWatch';
import type { PriceSourceStatus } from '../core/cost/livePriceCatalog';
import { presentStatus } from './costPresenter';
import { affectsCostSettings, readCostSettings } from './costSettings';

export const showBillingCommandId = 'sagemaker.showBillingNow';

/**
 * The status bar item: `$(warning) $4.21/h · 6 running` in the warning colour over the
 * threshold, hidden when nothing bills. Clicking it lists everything running.
 */
export class CostStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sagemaker.cost', vscode.StatusBarAlignment.Left, -100);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly watch: CostWatch,
    private readonly priceStatus: () => PriceSourceStatus | undefined,
  ) {
    this.item.name = 'SageMaker Cost';
    this.item.command = showBillingCommandId;
    const subscription = watch.onDidChange(() => this.render());
    this.subscriptions.push(
      { dispose: () => subscription.dispose() },
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsCostSettings(event)) this.render();
      }),
    );
    this.render();
  }

  render(): void {
    const view = presentStatus(this.watch.current, {
      thresholdUsdPerHour: readCostSettings().warningThresholdUsdPerHour,
      prices: this.priceStatus(),
      now: Date.now(),
    });
    if (!view.visible) {
      this.item.hide();
      return;
    }
    this.item.text = view.text;
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: view.accessibilityLabel, role: 'button' };
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
