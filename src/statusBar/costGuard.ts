import * as vscode from 'vscode';
import type { AwsClients } from '../core/aws/clientFactory';
import { classifyAwsError } from '../core/aws/errors';
import type { AwsSession } from '../core/aws/session';
import { ActiveWarnings } from '../core/cost/activeWarnings';
import { BillableScanner } from '../core/cost/billableScan';
import { byCost, priceQueries, priceResources, summarize } from '../core/cost/billing';
import type { CostSnapshot, CostWatch, CostWatchState } from '../core/cost/costWatch';
import type { PriceCatalog } from '../core/cost/priceCatalog';
import { nextScanDelay, regionsToScan } from '../core/cost/scanPlan';
import { failureReason, failuresAfter, mergeScan, type MergedScan } from '../core/cost/scanOutcome';
import { delay, isCancellation } from '../core/util/cancellation';
import type { Subscription } from '../core/util/events';
import type { ConnectionMonitor } from '../platform/connectionStatus';
import type { ExtensionLog } from '../platform/log';
import type { ResourceEvents } from '../platform/resourceEvents';
import { affectsCostSettings, readCostSettings, type CostSettings } from './costSettings';

export interface CostGuardOptions {
  readonly session: AwsSession;
  readonly monitor: ConnectionMonitor;
  readonly log: ExtensionLog;
  readonly prices: PriceCatalog;
  readonly resourceEvents: ResourceEvents;
  readonly readSettings?: () => CostSettings;
  /** How long the live prices of a scan may delay its result before it is shown with what is known. */
  readonly priceWaitMs?: number;
}

/**
 * Scans what bills by the hour, on its own schedule: a first scan shortly after start-up (never
 * during activation), then every `sagemaker.cost.pollIntervalMinutes`, backing off while scans
 * fail, paused while the window is unfocused (a missed scan runs on focus), not at all without
 * credentials, and at once after any action of the extension that changed resources.
 */
export class CostGuard implements CostWatch, vscode.Disposable {
  private snapshot: CostSnapshot = { state: 'idle', priced: [], summary: summarize([]), ignoredRegions: [], consecutiveFailures: 0 };
  private scanner: { clients: AwsClients; scanner: BillableScanner } | undefined;
  private running: Promise<CostSnapshot> | undefined;
  private queued: Promise<CostSnapshot> | undefined;
  private abort: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private soonTimer: ReturnType<typeof setTimeout> | undefined;
  private dueAt = Number.POSITIVE_INFINITY;
  private failures = 0;
  readonly warnings = new ActiveWarnings();
  private readonly changed = new vscode.EventEmitter<CostSnapshot>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly readSettings: () => CostSettings;
  private disposed = false;

  constructor(private readonly options: CostGuardOptions) {
    this.readSettings = options.readSettings ?? readCostSettings;
    const { session, monitor, prices, resourceEvents } = options;
    this.disposables.push(
      this.changed,
      resourceEvents.onDidChange(() => this.scanSoon(500)),
      toDisposable(prices.onDidUpdate(() => this.reprice())),
      toDisposable(
        session.onDidChange(() => {
          this.abort?.abort();
          this.scanner = undefined;
          this.snapshot = { ...this.snapshot, scan: undefined, completeness: undefined, priced: [], summary: summarize([]), failure: undefined, consecutiveFailures: 0 };
          this.failures = 0;
          this.publish();
          // Another profile, region or endpoint: scan it (the scan checks the new credentials first).
          this.scanSoon(500);
        }),
      ),
      monitor.onDidChange((status) => {
        if (status.state === 'ready') this.scanSoon(0);
        else if (status.state !== 'checking') this.setState('waitingForCredentials');
      }),
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused && Date.now() >= this.dueAt) this.scanSoon(0);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!affectsCostSettings(event)) return;
        const settings = this.readSettings();
        if (!settings.enabled) {
          this.clearTimers();
          this.setState('disabled');
        } else {
          this.scanSoon(0);
        }
      }),
    );
  }

  get current(): CostSnapshot {
    return this.snapshot;
  }

  onDidChange(listener: (snapshot: CostSnapshot) => void): Subscription {
    return this.changed.event(listener);
  }

  /** Schedules the first scan; nothing is loaded or asked before then. */
  start(firstScanDelayMs: number): void {
    this.schedule(firstScanDelayMs);
  }

  scanNow(): Promise<CostSnapshot> {
    if (this.running) {
      // A scan already under way may have listed before the change that prompted this one.
      this.queued ??= this.running.then(() => {
        this.queued = undefined;
        return this.run();
      });
      return this.queued;
    }
    return this.run();
  }

  /** Re-prices the last scan with what the catalog knows now (no AWS call). */
  reprice(): void {
    if (!this.snapshot.scan) return;
    this.snapshot = { ...this.snapshot, ...this.priced(this.snapshot.scan) };
    this.publish();
  }

  dispose(): void {
    this.disposed = true;
    this.abort?.abort();
    this.clearTimers();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private run(): Promise<CostSnapshot> {
    const running = this.scan().finally(() => {
      if (this.running === running) this.running = undefined;
    });
    this.running = running;
    return running;
  }

  private async scan(): Promise<CostSnapshot> {
    const settings = this.readSettings();
    this.clearTimers();
    if (!settings.enabled) {
      this.setState('disabled');
      return this.snapshot;
    }
    const { monitor, session, log, prices } = this.options;
    // The monitor asks STS once per connection; a failed check (network, say) is asked again.
    const status = monitor.status?.state === 'error' ? await monitor.recheck() : await monitor.check();
    if (status.state !== 'ready') {
      // Nobody to scan as: the monitor says when that changes (an error is rechecked on schedule).
      this.setState('waitingForCredentials');
      if (status.state === 'error') this.schedule(nextScanDelay(settings.pollIntervalMs, ++this.failures));
      return this.snapshot;
    }
    const { regions, ignored } = regionsToScan(session.connection.region, settings.regions);
    this.setState('scanning');
    const abort = new AbortController();
    this.abort = abort;
    try {
      const started = Date.now();
      const result = await this.scannerFor(session.clients).scan(regions, abort.signal);
      if (prices.prepareQuotes) await Promise.race([prices.prepareQuotes(priceQueries(result.resources), abort.signal).catch(() => undefined), delay(this.options.priceWaitMs ?? 10_000)]);
      const merged = mergeScan(result, this.snapshot.scan);
      const lastAttemptAt = new Date();
      if (merged.completeness === 'failed') {
        // Nothing answered: keep the last figures, say the cost is unknown, ask less often.
        this.failures = failuresAfter(merged.completeness, this.failures);
        const failure = failureReason(result) ?? 'no region answered';
        log.warn(`Cost scan failed in every region: ${failure}`);
        this.snapshot = { ...this.snapshot, state: 'idle', completeness: 'failed', failure, consecutiveFailures: this.failures, ignoredRegions: ignored, lastAttemptAt };
      } else {
        this.failures = failuresAfter(merged.completeness, this.failures);
        const skipped = result.regions.filter((region) => region.skipped).map((region) => `${region.region} (${region.skipped!.code})`);
        const failed = merged.failed.map((entry) => `${entry.region}${entry.part ? ` ${entry.part}` : ''} (${entry.problem.code})`);
        log.debug(
          `Cost scan: ${result.resources.length} running in ${regions.length} regions, ${Date.now() - started} ms${skipped.length > 0 ? `; skipped ${skipped.join(', ')}` : ''}`,
        );
        if (failed.length > 0) log.warn(`Cost scan partial: could not list ${failed.join(', ')}; ${merged.carried.length} resource(s) shown as last seen`);
        this.snapshot = {
          state: 'idle',
          scan: merged,
          completeness: merged.completeness,
          ...this.priced(merged),
          ignoredRegions: ignored,
          consecutiveFailures: this.failures,
          lastAttemptAt,
        };
      }
    } catch (error) {
      if (isCancellation(error)) {
        this.snapshot = { ...this.snapshot, state: 'idle' };
        return this.snapshot;
      }
      this.failures++;
      const classified = classifyAwsError(error);
      log.warn(`Cost scan failed: ${classified.code}: ${classified.message}`);
      this.snapshot = {
        ...this.snapshot,
        state: 'idle',
        completeness: 'failed',
        failure: `${classified.code}: ${classified.message}`,
        consecutiveFailures: this.failures,
        ignoredRegions: ignored,
        lastAttemptAt: new Date(),
      };
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
    this.publish();
    this.schedule(nextScanDelay(settings.pollIntervalMs, this.failures));
    return this.snapshot;
  }

  private priced(scan: MergedScan): Pick<CostSnapshot, 'priced' | 'summary'> {
    const priced = priceResources(scan.resources, this.options.prices, Date.now()).sort(byCost);
    return { priced, summary: summarize(priced) };
  }

  private scannerFor(clients: AwsClients): BillableScanner {
    if (this.scanner?.clients !== clients) this.scanner = { clients, scanner: new BillableScanner({ clients, log: this.options.log }) };
    return this.scanner.scanner;
  }

  /** The next timed scan. When it comes due while the window is unfocused, it waits for focus. */
  private schedule(ms: number): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = Date.now() + ms;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (vscode.window.state.focused) void this.scanNow();
    }, ms);
  }

  /** A scan shortly (several events in a row make one scan). */
  private scanSoon(ms: number): void {
    if (this.disposed) return;
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.soonTimer = setTimeout(() => {
      this.soonTimer = undefined;
      void this.scanNow();
    }, ms);
  }

  private clearTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.timer = undefined;
    this.soonTimer = undefined;
    this.dueAt = Number.POSITIVE_INFINITY;
  }

  private setState(state: CostWatchState): void {
    if (this.snapshot.state === state) return;
    this.snapshot = { ...this.snapshot, state };
    this.publish();
  }

  private publish(): void {
    if (!this.disposed) this.changed.fire(this.snapshot);
  }
}

function toDisposable(subscription: { dispose(): void }): vscode.Disposable {
  return { dispose: () => subscription.dispose() };
}
