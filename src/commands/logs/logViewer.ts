import * as vscode from 'vscode';
import { displayCapturedText } from '../../core/logs/capturedText';
import { followLog, type FollowResult, type FollowState, type LogLine } from '../../core/logs/logFollower';
import { logSourceFor, shortStreamName, type LoggingKind } from '../../core/logs/logSources';
import { isTerminalJobStatus, jobStatus } from '../../core/resources/jobs';
import { describeEndpoint } from '../../core/resources/endpoints';
import { classifyAwsError } from '../../core/aws/errors';
import type { ExtensionServices } from '../../platform/services';

/** What `sagemaker.openLogs` takes: the resource whose CloudWatch logs to show. */
export interface LogTarget {
  readonly region: string;
  readonly kind: LoggingKind;
  readonly name: string;
}

/** What `sagemaker.openLogs` returns: a live view of the session, for callers and tests. */
export interface LogSessionHandle {
  readonly key: string;
  readonly channelName: string;
  /** Lines written so far. */
  readonly lines: number;
  readonly state: FollowState;
  readonly following: boolean;
  /** Resolves when the session ends (drained, no logs, or stopped). */
  readonly done: Promise<FollowResult | undefined>;
}

const kindWords: Record<LoggingKind, string> = {
  trainingJob: 'training job',
  processingJob: 'processing job',
  transformJob: 'transform job',
  endpoint: 'endpoint',
};

/** An endpoint's log is read from this long before its newest line, not from its first. */
export const endpointLogWindowMs = 3600_000;

/** Channels kept once their session has ended; older ones are closed first. */
const maxIdleChannels = 8;

/**
 * A job's or endpoint's CloudWatch logs in an output channel of its own, followed while it runs.
 *
 * Why an output channel: a followed log grows by appends, and an output channel takes appends
 * (one IPC message per batch of up to 10,000 lines) without sending the whole text again, keeps
 * the text out of the extension host (memory stays flat however long the log), is read-only,
 * searchable, and scrolls with new lines. A virtual document would have to hand the whole text to
 * the editor on every change: quadratic work for a log followed to 100,000 lines.
 */
class LogSession implements LogSessionHandle {
  readonly key: string;
  readonly channelName: string;
  readonly channel: vscode.OutputChannel;
  private readonly abort = new AbortController();
  lines = 0;
  state: FollowState = 'reading';
  done: Promise<FollowResult | undefined> = Promise.resolve(undefined);
  private multiStream = false;
  private readonly prefix: string | undefined;
  endedAt: number | undefined;

  constructor(
    readonly target: LogTarget,
    private readonly onChange: () => void,
  ) {
    this.key = `${target.region}/${target.kind}/${target.name}`;
    this.channelName = `SageMaker: ${kindWords[target.kind]} ${target.name}`;
    this.channel = vscode.window.createOutputChannel(this.channelName, 'log');
    this.prefix = logSourceFor(target.kind, target.name).streamPrefix;
  }

  get following(): boolean {
    return this.endedAt === undefined;
  }

  start(services: ExtensionServices): void {
    const { clients } = services.session;
    const { region, kind, name } = this.target;
    this.channel.clear();
    this.lines = 0;
    this.endedAt = undefined;
    const streams = new Set<string>();
    this.done = followLog({
      clients,
      region,
      source: logSourceFor(kind, name),
      follow: true,
      signal: this.abort.signal,
      recentMs: kind === 'endpoint' ? endpointLogWindowMs : undefined,
      isLive: () => isLive(services, this.target),
      onLines: (batch) => {
        for (const line of batch) streams.add(line.stream);
        this.multiStream ||= streams.size > 1;
        this.channel.append(batch.map((line) => this.format(line)).join('\n') + '\n');
        this.lines += batch.length;
      },
      onState: (state) => {
        this.state = state;
        if (state === 'waiting') this.channel.appendLine(`— The ${kindWords[kind]} has not started logging yet; waiting for its first lines…`);
        this.onChange();
      },
    }).then(
      (result) => {
        this.channel.appendLine(endNote(result, kind));
        return result;
      },
      (error: unknown) => {
        const classified = classifyAwsError(error);
        this.channel.appendLine(`— Could not read the logs: ${classified.code}: ${classified.message}`);
        services.log.warn(`Could not follow the logs of ${this.key}: ${classified.code}: ${classified.message}`);
        return undefined;
      },
    );
    void this.done.finally(() => {
      this.endedAt = Date.now();
      this.onChange();
    });
  }

  stop(): void {
    this.abort.abort();
  }

  dispose(): void {
    this.abort.abort();
    this.channel.dispose();
  }

  private format(line: LogLine): string {
    const time = new Date(line.timestamp).toISOString().replace('T', ' ').slice(0, 23);
    // What the job printed: the capture's `#011`-style escapes decoded (see capturedText).
    const text = displayCapturedText(line.message);
    return this.multiStream ? `${time} [${shortStreamName(line.stream, this.prefix)}] ${text}` : `${time} ${text}`;
  }
}

function endNote(result: FollowResult, kind: LoggingKind): string {
  switch (result.outcome) {
    case 'drained':
      return `— End of log: the ${kindWords[kind]} has ${kind === 'endpoint' ? 'gone' : 'finished'} (${result.lines} lines from ${result.streams} stream${result.streams === 1 ? '' : 's'}).`;
    case 'noLogs':
      return `— The ${kindWords[kind]} ${kind === 'endpoint' ? 'has no logs' : 'ended without writing any logs'}.`;
    case 'stopped':
      return '— Stopped following. Open the logs again to catch up and follow.';
  }
}

/** Whether more lines may come: the job has not finished, or the endpoint still exists. */
async function isLive(services: ExtensionServices, target: LogTarget): Promise<boolean> {
  const { clients } = services.session;
  try {
    if (target.kind === 'endpoint') {
      const endpoint = await describeEndpoint(clients, target.region, target.name);
      return endpoint.EndpointStatus !== 'Failed';
    }
    return !isTerminalJobStatus(await jobStatus(clients, target.kind, target.region, target.name));
  } catch (error) {
    if (classifyAwsError(error).kind === 'notFound') return false;
    throw error;
  }
}

/** Every log session of the window, and the status bar item that shows which ones follow. */
export class LogViewer implements vscode.Disposable {
  private readonly sessions = new Map<string, LogSession>();
  private readonly status = vscode.window.createStatusBarItem('sagemaker.followingLogs', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly services: ExtensionServices) {
    this.status.name = 'SageMaker: following logs';
    this.status.command = 'sagemaker.stopFollowingLogs';
  }

  /** Shows the logs of `target`, following them; a session already following is just shown. */
  open(target: LogTarget): LogSessionHandle {
    const key = `${target.region}/${target.kind}/${target.name}`;
    let session = this.sessions.get(key);
    if (!session) {
      session = new LogSession(target, () => this.update());
      this.sessions.set(key, session);
      this.closeIdleChannels();
      session.start(this.services);
    } else if (!session.following) {
      // Reading again from the start catches up with what was written since, then follows.
      session = this.restart(session);
    }
    session.channel.show(true);
    this.update();
    return session;
  }

  /** Stops following (the text stays); no key: every session. */
  stop(key?: string): void {
    for (const session of this.sessions.values()) if (key === undefined || session.key === key) session.stop();
  }

  get following(): LogSessionHandle[] {
    return [...this.sessions.values()].filter((session) => session.following);
  }

  session(key: string): LogSessionHandle | undefined {
    return this.sessions.get(key);
  }

  private restart(previous: LogSession): LogSession {
    previous.dispose();
    const session = new LogSession(previous.target, () => this.update());
    this.sessions.set(session.key, session);
    session.start(this.services);
    return session;
  }

  private closeIdleChannels(): void {
    const idle = [...this.sessions.values()].filter((session) => !session.following).sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0));
    while (idle.length > maxIdleChannels) {
      const oldest = idle.shift()!;
      oldest.dispose();
      this.sessions.delete(oldest.key);
    }
  }

  private update(): void {
    const following = this.following;
    if (following.length === 0) {
      this.status.hide();
      return;
    }
    this.status.text = `$(eye) ${following.length === 1 ? `Following ${following[0]!.channelName.replace(/^SageMaker: /, '')}` : `Following ${following.length} logs`}`;
    this.status.tooltip = `Following the CloudWatch logs of:\n${following.map((session) => `• ${session.channelName.replace(/^SageMaker: /, '')} (${session.lines} lines${session.state === 'waiting' ? ', waiting for the first lines' : ''})`).join('\n')}\n\nClick to stop following.`;
    this.status.show();
  }

  dispose(): void {
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
    this.status.dispose();
  }
}

const viewers = new WeakMap<ExtensionServices, LogViewer>();

/** The window's log viewer, created on first use (nothing is built at activation). */
export function logViewer(services: ExtensionServices): LogViewer {
  let viewer = viewers.get(services);
  if (!viewer) {
    viewer = new LogViewer(services);
    viewers.set(services, viewer);
    services.context.subscriptions.push(viewer);
  }
  return viewer;
}
