import type * as vscode from 'vscode';
import type { ResourceChange } from '../../platform/resourceEvents';
import type { ExplorerNode, RefreshableNode } from './explorerNode';
import { ErrorNode, MessageNode } from './messageNodes';
import type { ViewContext } from './viewContext';

/**
 * A node with children fetched from AWS: caches them until invalidated, turns failures into an
 * error row, shows an empty-state row, and asks the poller to refresh it while any child moves.
 */
export abstract class ContainerNode implements RefreshableNode {
  private cached: Promise<ExplorerNode[]> | undefined;
  private lastChildren: ExplorerNode[] = [];
  private isDetached = false;
  private loadedOnce = false;

  protected constructor(
    readonly id: string,
    readonly parent: ExplorerNode | undefined,
    protected readonly view: ViewContext,
  ) {}

  abstract treeItem(): vscode.TreeItem;

  /** For error messages: "list the apps of ana". */
  protected abstract get listAction(): string;

  protected abstract loadChildren(): Promise<ExplorerNode[]>;

  /** Shown as a single row when there are no children; undefined shows nothing. */
  protected emptyMessage(): string | undefined {
    return undefined;
  }

  get detached(): boolean {
    return this.isDetached;
  }

  /** Whether the list has been fetched at least once (its row was expanded). */
  get isLoaded(): boolean {
    return this.loadedOnce;
  }

  /**
   * Whether this list may show what `change` changed, so it should list again. By default only
   * the row the actor named; lists of a kind say so by overriding.
   */
  showsChange(change: ResourceChange): boolean {
    return change.listedUnder === this.id;
  }

  /** After a change: list again now, then poll from the quickest delay until the rows settle. */
  settle(): void {
    this.view.refresh(this);
    this.view.poller.kick(this);
  }

  /** The children as last loaded (empty before the first load). */
  get loadedChildren(): readonly ExplorerNode[] {
    return this.lastChildren;
  }

  children(): Promise<ExplorerNode[]> {
    this.cached ??= this.load();
    return this.cached;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  refresh(): void {
    this.view.refresh(this);
  }

  detach(): void {
    this.isDetached = true;
    this.view.poller.untrack(this);
    for (const child of this.lastChildren) child.detach?.();
  }

  private async load(): Promise<ExplorerNode[]> {
    const previous = this.lastChildren;
    let children: ExplorerNode[];
    try {
      children = await this.loadChildren();
      this.view.poller.track(this, children.some((child) => child.transitional));
      const empty = children.length === 0 ? this.emptyMessage() : undefined;
      if (empty) children = [new MessageNode(this, empty)];
    } catch (error) {
      this.view.poller.track(this, false);
      this.view.log.warn(`Could not ${this.listAction}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      children = [new ErrorNode(this, this.listAction, error, this.view.session.connection)];
    }
    this.lastChildren = children;
    this.loadedOnce = true;
    for (const child of previous) if (!children.includes(child)) child.detach?.();
    return children;
  }
}
