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
/** How often a running job's panel describes it again while visible. */
const refreshMs = 15_000;
/** Metric updates from a followed log are batched this long. */
const metricsThrottleMs = 1_000;

abstract class JobPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  protected readonly abort = new AbortController();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private last: HostMessage[] = [];
  private disposed = false;

  constructor(
    protected readonly services: ExtensionServices,
    readonly target: PanelTarget,
    bundle: string,
    title: string,
    private readonly onDispose: () => void,
  ) {
    const { extensionUri } = services.context;
    this.panel = vscode.window.createWebviewPanel(`sagemaker.${target.kind}Panel`, title, vscode.ViewColumn.Active, panelOptions(extensionUri));
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'sagemaker.svg');
    this.panel.webview.html = panelHtml(this.panel.webview, extensionUri, bundle, title);
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isPanelMessage(message)) void this.receive(message);
        else services.log.warn(`Ignored an unexpected message from the ${target.kind} panel of ${target.name}.`);
      }),
      this.panel.onDidChangeViewState(() => this.schedule()),
      services.prices.onDidUpdate(() => void this.reload(false)),
    );
  }

  /** Describes the job again and posts what the panel shows. */
  protected abstract load(): Promise<{ running: boolean }>;

  /** Called once, when the page first says it is ready. */
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

  private started = false;

  private async receive(message: PanelMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        for (const previous of this.last) void this.panel.webview.postMessage(previous);
        if (!this.started) {
          this.started = true;
          await this.reload(true);
          this.start();
        }
        return;
      case 'refresh':
        await this.reload(true);
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

  private running = true;

  private async reload(report: boolean): Promise<void> {
    try {
      ({ running: this.running } = await this.load());
    } catch (error) {
      const classified = classifyAwsError(error);
      if (report) this.post({ type: 'error', message: `Could not describe ${this.target.name}: ${classified.code}: ${classified.message}` });
      this.services.log.warn(`Could not describe ${this.target.name} for its panel: ${classified.code}: ${classified.message}`);
    }
    this.schedule();
  }

  /** While the job runs and the panel is visible, describe it again now and then. */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed || !this.running || !this.panel.visible) return;
    this.timer = setTimeout(() => void this.reload(false), refreshMs);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.abort.abort();
    for (const disposable of this.disposables) disposable.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

/** A training job: configuration, hyperparameters, data, timeline, final metrics, cost, and metrics over time. */
class TrainingJobPanel extends JobPanel {
  private metricDefinitions: Array<{ name: string; regex: string }> = [];

  protected async load(): Promise<{ running: boolean }> {
    const { region, name } = this.target;
    const answer = await describeTrainingJob(this.services.session.clients, region, name, this.abort.signal);
    this.metricDefinitions = [...toTrainingJob(region, answer).metricDefinitions];
    const view = trainingJobView(region, answer, this.services.prices);
    this.post({ type: 'trainingJob', view });
    return { running: view.running };
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
    let following = true;
    let pending: NodeJS.Timeout | undefined;
    const send = (): void => {
      pending = undefined;
      const series = extractor.result().map((full) => ({ ...downsample(full, maxChartPoints), total: full.times.length }));
      const metrics: MetricsState = { state: 'ready', series, lines, following };
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
  protected async load(): Promise<{ running: boolean }> {
    const { region, name } = this.target;
    const { clients } = this.services.session;
    const job = toTuningJob(region, await describeTuningJob(clients, region, name, this.abort.signal));
    const { trials } = await listTuningTrials(clients, region, name, job.objective?.type, this.abort.signal);
    const view = tuningJobView(job, trials);
    this.post({ type: 'tuningJob', view });
    return { running: view.running };
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
