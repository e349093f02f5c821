import { Emitter } from '../util/events';
import { ClientFactory, type AwsClients } from './clientFactory';
import { resolveConnection, sameConnection, type Connection, type ConnectionSettings } from './connection';
import { loadSdk } from './loadSdk';
import { loadSharedConfig, loadSharedConfigSync, type SharedConfig } from './sharedConfig';

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

export interface SessionOptions {
  readonly userAgent: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  readonly maxAttempts?: number;
}

/**
 * The current connection and its clients. Settings or shared-file changes produce a new
 * connection (and new clients) only when something that matters changed, and listeners are told.
 */
export class AwsSession {
  private current: { connection: Connection; clients: ClientFactory; shared: SharedConfig } | undefined;
  private identityByAccountKey = new Map<string, Promise<CallerIdentity>>();
  private credentialsStale = false;
  private readonly changed = new Emitter<Connection>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly options: SessionOptions) {}

  get connection(): Connection {
    return this.state().connection;
  }

  get clients(): AwsClients {
    return this.state().clients;
  }

  get sharedConfig(): SharedConfig {
    return this.state().shared;
  }

  get isInitialized(): boolean {
    return this.current !== undefined;
  }

  /** Re-reads the shared files and applies settings; returns whether the connection changed. */
  async update(settings: ConnectionSettings): Promise<boolean> {
    return this.apply(settings, await loadSharedConfig(this.options.env ?? process.env, this.options.home));
  }

  /** The same as update(), reading the files synchronously: for activation, which must not yield. */
  updateSync(settings: ConnectionSettings): boolean {
    return this.apply(settings, loadSharedConfigSync(this.options.env ?? process.env, this.options.home));
  }

  private apply(settings: ConnectionSettings, shared: SharedConfig): boolean {
    const connection = resolveConnection(settings, this.options.env ?? process.env, shared);
    if (this.current && !this.credentialsStale && sameConnection(this.current.connection, connection)) {
      this.current = { ...this.current, shared };
      return false;
    }
    this.current?.clients.dispose();
    this.current = {
      connection,
      shared,
      clients: new ClientFactory({ connection, shared, userAgent: this.options.userAgent, maxAttempts: this.options.maxAttempts }),
    };
    this.identityByAccountKey.clear();
    this.credentialsStale = false;
    this.changed.fire(connection);
    return true;
  }

  /** The shared files changed: the next update() builds new clients even if the connection looks the same. */
  markCredentialsStale(): void {
    this.credentialsStale = true;
  }

  /** Who the credentials belong to (STS GetCallerIdentity), asked once per connection. */
  identity(): Promise<CallerIdentity> {
    const { clients, connection } = this.state();
    const key = `${connection.profile ?? ''}@${connection.region}`;
    let pending = this.identityByAccountKey.get(key);
    if (!pending) {
      pending = (async () => {
        const { sts } = await loadSdk();
        const client = await clients.sts();
        const answer = await client.send(new sts.GetCallerIdentityCommand({}));
        return { account: answer.Account ?? '', arn: answer.Arn ?? '', userId: answer.UserId ?? '' };
      })();
      this.identityByAccountKey.set(key, pending);
      pending.catch(() => this.identityByAccountKey.delete(key));
    }
    return pending;
  }

  dispose(): void {
    this.current?.clients.dispose();
    this.changed.dispose();
  }

  private state(): { connection: Connection; clients: ClientFactory; shared: SharedConfig } {
    if (!this.current) throw new Error('The AWS session is used before its first update().');
    return this.current;
  }
}
