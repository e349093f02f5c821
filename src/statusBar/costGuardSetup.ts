import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import type { AwsSession } from '../core/aws/session';
import type { BundledPriceTable } from '../core/cost/bundledPrices';
import { LivePriceCatalog } from '../core/cost/livePriceCatalog';
import { fileCacheStore } from '../core/cost/priceCache';
import type { ConnectionMonitor } from '../platform/connectionStatus';
import type { ExtensionLog } from '../platform/log';
import type { ResourceEvents } from '../platform/resourceEvents';
import { CostGuard } from './costGuard';
import { affectsCostSettings, readCostSettings } from './costSettings';
import { CostStatusItem } from './costStatusItem';
import { LongRunningWarnings } from './longRunningWarnings';

/**
 * The first scan waits this long after activation: activation stays cheap (no SDK, no call),
 * and a window that is being restored gets its views drawn first.
 */
const firstScanDelayMs = 3_000;

/**
 * The price catalog: the live Pricing API, cached in the extension's global storage with the
 * `sagemaker.cost.priceCacheHours` time to live, over the bundled table (data/sagemaker-prices.json).
 * Nothing is read until the first price is asked for.
 */
export function createPriceCatalog(context: vscode.ExtensionContext, session: AwsSession, log: ExtensionLog): { prices: LivePriceCatalog; disposables: vscode.Disposable[] } {
  const prices = new LivePriceCatalog({
    clients: () => (session.isInitialized ? session.clients : undefined),
    loadBundled: async () =>
      JSON.parse(await readFile(vscode.Uri.joinPath(context.extensionUri, 'data', 'sagemaker-prices.json').fsPath, 'utf8')) as BundledPriceTable,
    cache: fileCacheStore(vscode.Uri.joinPath(context.globalStorageUri, 'sagemaker-prices-cache.json').fsPath),
    ttlMs: readCostSettings().priceCacheTtlMs,
    log,
  });
  const sessionChange = session.onDidChange(() => prices.resetAvailability());
  return {
    prices,
    disposables: [
      prices,
      { dispose: () => sessionChange.dispose() },
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsCostSettings(event)) prices.ttlMs = readCostSettings().priceCacheTtlMs;
      }),
    ],
  };
}

export interface CostGuardParts {
  readonly context: vscode.ExtensionContext;
  readonly session: AwsSession;
  readonly monitor: ConnectionMonitor;
  readonly log: ExtensionLog;
  readonly prices: LivePriceCatalog;
  readonly resourceEvents: ResourceEvents;
}

/** The cost guard, its status bar item and its long-running warnings; the first scan is deferred. */
export function startCostGuard(parts: CostGuardParts): { guard: CostGuard; disposables: vscode.Disposable[] } {
  const guard = new CostGuard(parts);
  const item = new CostStatusItem(guard, () => parts.prices.status);
  const warnings = new LongRunningWarnings(guard, parts.context.globalState, parts.log);
  guard.start(firstScanDelayMs);
  return { guard, disposables: [guard, item, warnings] };
}
