import { canShutDown, listApps, type App, type AppFilter } from '../../core/resources/apps';
import type { ResourceChange } from '../../platform/resourceEvents';
import type { Domain } from '../../core/resources/domains';
import { hiddenDeletedAppsMessage } from '../presenters/studio';
import { ContainerNode } from '../tree/containerNode';
import type { ExplorerNode } from '../tree/explorerNode';
import { ErrorNode, MessageNode } from '../tree/messageNodes';
import type { ResourceIdentity, ResourceNode } from '../tree/resourceNode';
import { AppNode, compareApps } from './appNode';
import type { ExplorerDeps } from './studioDeps';

/**
 * A user profile or a space: the rows that own Studio apps. Expanding one costs one ListApps
 * call per page, filtered by the owner; apps are never described one by one.
 */
export abstract class AppOwnerNode extends ContainerNode implements ResourceNode {
  abstract readonly resource: ResourceIdentity;
  abstract describe(signal?: AbortSignal): Promise<unknown>;

  protected constructor(
    id: string,
    parent: ExplorerNode,
    readonly domain: Domain,
    protected readonly deps: ExplorerDeps,
  ) {
    super(id, parent, deps.view);
  }

  /** The ListApps filter for this owner's apps. */
  abstract get appFilter(): AppFilter;

  /** "user profile alice", "space team-lab": for messages. */
  abstract get ownerDescription(): string;

  /** Rows shown before the apps (a profile's private spaces); kept even when the apps cannot be listed. */
  protected leadingChildren(): ExplorerNode[] {
    return [];
  }

  protected get listAction(): string {
    return `list the apps of ${this.ownerDescription}`;
  }

  protected override emptyMessage(): string {
    return this.deps.filter.runningOnly ? 'No running apps' : 'No apps';
  }

  /** The apps this owner had when last listed (all of them, before filtering). */
  get listedApps(): readonly App[] {
    return this.apps;
  }

  private apps: App[] = [];

  protected async loadChildren(): Promise<ExplorerNode[]> {
    const leading = this.leadingChildren();
    try {
      this.apps = await listApps(this.view.session.clients, this.domain.region, this.appFilter);
    } catch (error) {
      // Without leading rows ContainerNode shows the error row itself; with them, they stay usable.
      if (leading.length === 0) throw error;
      this.view.log.warn(`Could not ${this.listAction}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      return [...leading, new ErrorNode(this, this.listAction, error, this.view.session.connection)];
    }
    const { filter } = this.deps;
    const shown = this.apps.filter((app) => filter.shows('app', app.status)).sort(compareApps);
    const hiddenDeleted = filter.showDeleted || filter.runningOnly ? 0 : this.apps.filter((app) => app.status === 'Deleted').length;
    return [
      ...leading,
      ...shown.map((app) => new AppNode(app, this.domain, this, this.deps)),
      ...(hiddenDeleted > 0 ? [new MessageNode(this, hiddenDeletedAppsMessage(hiddenDeleted), 'eye-closed', 'hiddenDeleted')] : []),
    ];
  }

  /**
   * Besides changes aimed at it: an app change whose owner the actor did not know (a shutdown from
   * the cost guard names the app its own way) may concern any owner with an app that runs.
   */
  override showsChange(change: ResourceChange): boolean {
    if (super.showsChange(change)) return true;
    return change.kind === 'app' && change.region === this.domain.region && change.listedUnder === undefined && this.apps.some(canShutDown);
  }
}

export function isAppOwnerNode(node: unknown): node is AppOwnerNode {
  return node instanceof AppOwnerNode;
}
