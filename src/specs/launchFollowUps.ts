import * as vscode from 'vscode';
import type { AwsSession } from '../core/aws/session';
import type { PriceCatalog } from '../core/cost/priceCatalog';
import { watchJob, type JobEnd } from '../core/launch/jobWatch';
import { isCancellation } from '../core/util/cancellation';
import { formatDuration, formatUsd } from '../core/util/format';
import type { Logger } from '../core/util/logger';
import { notifyWhenDone } from './launchSettings';

/**
 * Watches the jobs this window launched and says how each ended: result, duration, cost, and
 * what to do next (follow the logs of a failure, deploy a success). Polls slowly and stops
 * when the window closes; nothing is watched unless it was launched here.
 */
export class LaunchFollowUps implements vscode.Disposable {
  private readonly watching = new Map<string, AbortController>();

  constructor(
    private readonly session: AwsSession,
    private readonly prices: PriceCatalog,
    private readonly log: Logger,
    private readonly pollMs = 30_000,
  ) {}

  watch(kind: 'training' | 'tuning', region: string, name: string): void {
    if (!notifyWhenDone()) return;
    const key = `${region}/${kind}/${name}`;
    if (this.watching.has(key)) return;
    const abort = new AbortController();
    this.watching.set(key, abort);
    void watchJob(this.session.clients, region, kind, name, { signal: abort.signal, pollMs: this.pollMs, quote: (query) => this.prices.quote(query) })
      .then((end) => this.announce(region, end))
      .catch((error: unknown) => {
        if (!isCancellation(error)) this.log.warn(`Stopped watching ${kind} job ${name}: ${String(error)}`);
      })
      .finally(() => this.watching.delete(key));
  }

  private announce(region: string, end: JobEnd): void {
    const noun = end.kind === 'training' ? 'Training job' : 'Tuning job';
    const took = end.durationMs !== undefined ? ` after ${formatDuration(end.durationMs)}` : '';
    const cost = end.costUsd !== undefined ? ` Cost ${end.costApproximate ? '≈ ' : ''}${formatUsd(end.costUsd)}.` : '';
    const best = end.best ? ` Best: ${end.best.name}${end.best.value !== undefined ? ` (${end.best.metric ?? 'objective'} ${end.best.value})` : ''}.` : '';
    this.log.info(`${noun} ${end.name} ended ${end.status}${took}.${cost}`);
    const target = { region, kind: end.kind === 'training' ? 'trainingJob' : 'tuningJob', name: end.name };
    if (end.status === 'Completed') {
      const deploy = end.kind === 'training' ? 'Deploy…' : 'Deploy Best Training Job';
      void vscode.window.showInformationMessage(`${noun} ${end.name} completed${took}.${cost}${best}`, deploy).then((picked) => {
        if (picked === deploy) void vscode.commands.executeCommand(end.kind === 'training' ? 'sagemaker.deploy' : 'sagemaker.deployBestTrainingJob', target);
      });
    } else {
      const logs = 'Open Logs';
      const reason = end.failureReason ? `: ${end.failureReason}` : '';
      const show = end.status === 'Failed' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
      void show(`${noun} ${end.name} ${end.status.toLowerCase()}${took}${reason}.${cost}`, ...(end.kind === 'training' ? [logs] : [])).then((picked) => {
        if (picked === logs) void vscode.commands.executeCommand('sagemaker.openLogs', target);
      });
    }
  }

  dispose(): void {
    for (const abort of this.watching.values()) abort.abort();
    this.watching.clear();
  }
}
