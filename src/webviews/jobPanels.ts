import * as vscode from 'vscode';
import { classifyAwsError } from '../core/aws/errors';
import { followLog } from '../core/logs/logFollower';
import { logSourceFor } from '../core/logs/logSources';
import { downsample, MetricExtractor } from '../core/logs/metrics';
import { isTerminalJobStatus } from '../core/resources/jobs';
import { describeTrainingJob, toTrainingJob } from '../core/resources/trainingJobs';
import { describeTuningJob, listTuningTrials, toTuningJob } from '../core/resources/tuningJobs';
import type { ExtensionServices } from '../platform/services';
import { panelHtml, panelOptions } from './panelHtml';
import { PanelPoller, type PanelLoad } from './panelPoller';
import { isPanelMessage, type HostMessage, type MetricsState, type PanelMessage } from './protocol';
import { trainingJobView } from './trainingJobModel';
import { tuningJobView } from './tuningJobModel';

export type PanelKind = 'trainingJob' | 'tuningJob';

export interface PanelTarget {
  readonly region: string;
  readonly kind: PanelKind;
  readonly name: string;
}

/** Points per metric sent to the chart: more would not show more on a panel's width. */
const maxChartPoints = 2_000;
/** Metric updates from a followed log are batched this long. */
const metricsThrottleMs = 1_000;

abstract class JobPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  protected readonly abort = new AbortController();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly poller: PanelPoller;
  private last: HostMessage[] = [];
  private disposed = false;
  private started = false;
  /** What the last describe showed (status and progress), to tell whether a poll found news. */
  private signature: string | undefined;
  /** When the panel's data was last described successfully (epoch ms). */
  private describedAt: number | undefined;

  constructor(
    protected readonly services: ExtensionServices,
    readonly target: PanelTarget,
    bundle: string,
    title: string,
    private readonly onDispose: () => void,
  ) {
    const { extensionUri } = services.context;
    this.poller = new PanelPoller(
      () => this.describe(),
      (error) => this.failed(error),
    );
    this.panel = vscode.window.createWebviewPanel(`sagemaker.${target.kind}Panel`, title, vscode.ViewColumn.Active, panelOptions(extensionUri));
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'sagemaker.svg');
    this.panel.webview.html = panelHtml(this.panel.webview, extensionUri, bundle, title);
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isPanelMessage(message)) void this.receive(message);
        else services.log.warn(`Ignored an unexpected message from the ${target.kind} panel of ${target.name}.`);
      }),
      this.panel.onDidChangeViewState(() => {
        if (this.started) this.poller.setVisible(this.panel.visible);
      }),
      services.prices.onDidUpdate(() => void this.poller.now()),
    );
  }

  /** Describes the job again and posts what the panel shows; `signature` changes when what it shows moved on. */
  protected abstract load(): Promise<{ running: boolean; signature: string }>;

  /** Called once, after the first describe. */
  protected start(): void {
    // Panels with more to load (metrics) override this.
  }

  reveal(): void {
    this.panel.reveal();
  }

  protected post(message: HostMessage): void {
    if (this.disposed) return;
    // Kept so a page rebuilt after being hidden gets the same state back at once.
    this.last = [...this.last.filter((m) => m.type !== message.type), message];
    void this.panel.webview.postMessage(message);
  }

  private async receive(message: PanelMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        for (const previous of this.last) void this.panel.webview.postMessage(previous);
        if (!this.started) {
          await this.poller.now();
          this.started = true;
          this.start();
          // Already described: poll from here while visible, without describing twice.
          this.poller.setVisible(this.panel.visible, { catchUp: false });
        }
        return;
      case 'refresh':
        await this.poller.now();
        return;
      case 'openLogs':
        if (this.target.kind !== 'trainingJob') return;
        await vscode.commands.executeCommand('sagemaker.openLogs', { region: this.target.region, kind: 'trainingJob', name: this.target.name });
        return;
      case 'openTrainingJob':
        await vscode.commands.executeCommand('sagemaker.openJobPanel', { region: this.target.region, kind: 'trainingJob', name: message.name });
        return;
    }
  }

  private async describe(): Promise<PanelLoad> {
    const { running, signature } = await this.load();
    this.describedAt = Date.now();
    if (this.last.some((m) => m.type === 'stale')) this.post({ type: 'stale', asOf: undefined });
    const changed = signature !== this.signature;
    this.signature = signature;
    return { running, changed };
  }

  /** A describe failed: the panel keeps what it shows and says as of when. */
  private failed(error: unknown): void {
    if (this.disposed || this.abort.signal.aborted) return;
    const classified = classifyAwsError(error);
    const reason = `${classified.code}: ${classified.message}`;
    this.services.log.warn(`Could not describe ${this.target.name} for its panel: ${reason}`);
    if (this.describedAt === undefined) this.post({ type: 'error', message: `Could not describe ${this.target.name}: ${reason}` });
    else this.post({ type: 'stale', asOf: this.describedAt, reason });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.poller.dispose();
    this.abort.abort();
    for (const disposable of this.disposables) disposable.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

/** A training job: configuration, hyperparameters, data, timeline, final metrics, cost, and metrics over time. */
class TrainingJobPanel extends JobPanel {
  private metricDefinitions: Array<{ name: string; regex: string }> = [];

  protected async load(): Promise<{ running: boolean; signature: string }> {
    const { region, name } = this.target;
    const answer = await describeTrainingJob(this.services.session.clients, region, name, this.abort.signal);
    this.metricDefinitions = [...toTrainingJob(region, answer).metricDefinitions];
    const view = trainingJobView(region, answer, this.services.prices);
    this.post({ type: 'trainingJob', view });
    return { running: view.running, signature: [view.status, view.timeline.length, view.finalMetrics.length, answer.LastModifiedTime?.getTime()].join('|') };
  }

  protected override start(): void {
    void this.followMetrics();
  }

  /** Parses the job's log with its MetricDefinitions regexes, following it while the job runs. */
  private async followMetrics(): Promise<void> {
    const { region, name } = this.target;
    if (this.metricDefinitions.length === 0) {
      this.post({ type: 'metrics', metrics: { state: 'none', reason: 'This job defines no metric regexes (MetricDefinitions), so there is nothing to chart.' } });
      return;
    }
    const extractor = new MetricExtractor(this.metricDefinitions);
    for (const invalid of extractor.invalid) this.services.log.warn(`Metric ${invalid.name} of ${name}: its regex does not compile here (${invalid.reason}).`);
    let lines = 0;
    let reported = 0;
    let following = true;
    let pending: NodeJS.Timeout | undefined;
    const send = (): void => {
      pending = undefined;
      const series = extractor.result().map((full) => ({ ...downsample(full, maxChartPoints), total: full.times.length }));
      const stopped = extractor.stopped.map((metric) => `${metric.name}: ${metric.reason}`);
      for (const note of stopped.slice(reported)) this.services.log.warn(`Metric ${note} (training job ${name}).`);
      reported = stopped.length;
      const metrics: MetricsState = { state: 'ready', series, lines, following, stopped };
      this.post({ type: 'metrics', metrics });
    };
    this.post({ type: 'metrics', metrics: { state: 'loading', lines: 0 } });
    try {
      await followLog({
        clients: this.services.session.clients,
        region,
        source: logSourceFor('trainingJob', name),
        follow: true,
        signal: this.abort.signal,
        isLive: async () => !isTerminalJobStatus((await describeTrainingJob(this.services.session.clients, region, name, this.abort.signal)).TrainingJobStatus),
        onLines: (batch) => {
          extractor.push(batch);
          lines += batch.length;
          pending ??= setTimeout(send, metricsThrottleMs);
        },
      });
      following = false;
      clearTimeout(pending);
      send();
    } catch (error) {
      clearTimeout(pending);
      if (this.abort.signal.aborted) return;
      const classified = classifyAwsError(error);
      this.post({ type: 'metrics', metrics: { state: 'error', reason: `Could not read the log: ${classified.code}: ${classified.message}` } });
    }
  }
}

/** A tuning job: its objective across its training jobs, the leaders and their hyperparameters. */
class TuningJobPanel extends JobPanel {
  protected async load(): Promise<{ running: boolean; signature: string }> {
    const { region, name } = this.target;
    const { clients } = this.services.session;
    const job = toTuningJob(region, await describeTuningJob(clients, region, name, this.abort.signal));
    const { trials } = await listTuningTrials(clients, region, name, job.objective?.type, this.abort.signal);
    const view = tuningJobView(job, trials);
    this.post({ type: 'tuningJob', view });
    return { running: view.running, signature: [view.status, view.trials.length, view.leaders.map((leader) => `${leader.name}:${leader.status}`).join(',')].join('|') };
  }
}

/** One panel per job: opening a job's panel again shows the one already open. */
export class JobPanels implements vscode.Disposable {
  private readonly panels = new Map<string, JobPanel>();

  constructor(private readonly services: ExtensionServices) {}

  open(target: PanelTarget): vscode.WebviewPanel {
    const key = `${target.region}/${target.kind}/${target.name}`;
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return existing.panel;
    }
    const forget = (): void => void this.panels.delete(key);
    const panel =
      target.kind === 'trainingJob'
        ? new TrainingJobPanel(this.services, target, 'trainingJob', `Training job ${target.name}`, forget)
        : new TuningJobPanel(this.services, target, 'tuningJob', `Tuning job ${target.name}`, forget);
    this.panels.set(key, panel);
    return panel.panel;
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }
}

const registries = new WeakMap<ExtensionServices, JobPanels>();

export function jobPanels(services: ExtensionServices): JobPanels {
  let panels = registries.get(services);
  if (!panels) {
    panels = new JobPanels(services);
    registries.set(services, panels);
    services.context.subscriptions.push(panels);
  }
  return panels;
}
