import * as vscode from 'vscode';
import { classifyAwsError, type ClassifiedError } from '../core/aws/errors';
import { connectionLabel, type Connection } from '../core/aws/connection';
import type { AwsSession, CallerIdentity } from '../core/aws/session';
import type { Logger } from '../core/util/logger';

/** The `sagemaker.connection` context key's values, used by `viewsWelcome` and menus. */
export type ConnectionState = 'checking' | 'ready' | 'noCredentials' | 'ssoExpired' | 'unknownProfile' | 'error';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  readonly connection: Connection;
  readonly identity?: CallerIdentity;
  readonly error?: ClassifiedError;
}

/**
 * Checks who the current credentials belong to (STS GetCallerIdentity) whenever the connection
 * changes, and publishes the outcome as a context key and an event. Views wait for it before
 * listing, so a missing sign-in shows the welcome content instead of a wall of error nodes.
 */
export class ConnectionMonitor implements vscode.Disposable {
  private current: ConnectionStatus | undefined;
  private pending: Promise<ConnectionStatus> | undefined;
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<ConnectionStatus>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly session: AwsSession,
    private readonly log: Logger,
  ) {
    this.subscription = session.onDidChange(() => {
      this.pending = undefined;
      this.current = undefined;
      this.generation++;
    });
  }

  get status(): ConnectionStatus | undefined {
    return this.current;
  }

  /** The status of the current connection, checking it first if nobody has yet. */
  check(): Promise<ConnectionStatus> {
    this.pending ??= this.run();
    return this.pending;
  }

  /** Forgets the last outcome (after a sign-in, say) and checks again. */
  recheck(): Promise<ConnectionStatus> {
    this.pending = undefined;
    this.generation++;
    return this.check();
  }

  private async run(): Promise<ConnectionStatus> {
    const generation = this.generation;
    const connection = this.session.connection;
    await this.publish({ state: 'checking', connection }, generation);
    let status: ConnectionStatus;
    try {
      const identity = await this.session.identity();
      status = { state: 'ready', connection, identity };
      this.log.info(`Connected as ${identity.arn} (${connectionLabel(connection)})`);
    } catch (error) {
      const classified = classifyAwsError(error);
      const state: ConnectionState =
        classified.kind === 'noCredentials' || classified.kind === 'ssoExpired' || classified.kind === 'unknownProfile' ? classified.kind : 'error';
      status = { state, connection, error: classified };
      this.log.warn(`Could not confirm the AWS identity for ${connectionLabel(connection)}: ${classified.code}: ${classified.message}`);
    }
    await this.publish(status, generation);
    return status;
  }

  private async publish(status: ConnectionStatus, generation: number): Promise<void> {
    if (generation !== this.generation) return;
    this.current = status;
    await vscode.commands.executeCommand('setContext', 'sagemaker.connection', status.state);
    this.changed.fire(status);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
