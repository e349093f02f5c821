import * as vscode from 'vscode';
import { connectionLabel } from '../../core/aws/connection';
import type { AwsSession } from '../../core/aws/session';
import type { Logger } from '../../core/util/logger';
import type { ConnectionMonitor, ConnectionStatus } from '../../platform/connectionStatus';
import type { ResourceEvents } from '../../platform/resourceEvents';
import { ChangeFollower } from './changeFollower';
import type { ContainerNode } from './containerNode';
import type { ExplorerNode, RefreshableNode } from './explorerNode';
import { TransitionPoller } from './poller';
import type { ViewContext } from './viewContext';

function toDisposable(subscription: { dispose(): void }): vscode.Disposable {
  return { dispose: () => subscription.dispose() };
}

export interface ExplorerViewOptions {
  readonly viewId: string;
  readonly session: AwsSession;
  readonly monitor: ConnectionMonitor;
  readonly log: Logger;
  /** What actions announce: the view lists again the loaded rows that may show a change. */
  readonly resourceEvents: Pick<ResourceEvents, 'onDidChange'>;
  /** The invisible root whose children are the view's top-level rows. */
  readonly createRoot: (view: ViewContext) => ContainerNode;
  readonly canSelectMany?: boolean;
  /** Redraws every row this often while the view is visible (no AWS call), so ages and run times stay current. */
  readonly redrawEveryMs?: number;
}

/** States in which the view shows its welcome content (an empty tree) instead of rows. */
const welcomeStates = new Set<ConnectionStatus['state']>(['noCredentials', 'ssoExpired']);

/**
 * One SageMaker view: its tree provider, its poller (active only while the view is visible),
 * and its description showing which profile and region it looks at.
 */
export class ExplorerView implements vscode.TreeDataProvider<ExplorerNode>, ViewContext, vscode.Disposable {
  readonly treeView: vscode.TreeView<ExplorerNode>;
  readonly poller: TransitionPoller;
  readonly session: AwsSession;
  readonly log: Logger;
  private readonly root: ContainerNode;
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private redrawTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ExplorerViewOptions) {
    this.session = options.session;
    this.log = options.log;
    this.poller = new TransitionPoller((node) => this.refresh(node));
    this.root = options.createRoot(this);
    const follower = new ChangeFollower(() => this.root);
    this.treeView = vscode.window.createTreeView(options.viewId, {
      treeDataProvider: this,
      showCollapseAll: true,
      canSelectMany: options.canSelectMany ?? true,
    });
    this.poller.setVisible(this.treeView.visible);
    this.updateRedrawTimer(this.treeView.visible);
    this.disposables.push(
      this.treeView,
      this.poller,
      this.changed,
      follower,
      toDisposable(options.resourceEvents.onDidChange(follower.follow)),
      this.treeView.onDidChangeVisibility((event) => {
        this.poller.setVisible(event.visible);
        this.updateRedrawTimer(event.visible);
      }),
      { dispose: () => this.updateRedrawTimer(false) },
      options.monitor.onDidChange(() => this.updateDescription()),
      toDisposable(options.session.onDidChange(() => this.refresh())),
    );
    this.updateDescription();
  }

  get id(): string {
    return this.options.viewId;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.treeItem();
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    try {
      if (node) return (await node.children?.()) ?? [];
      if (!this.session.isInitialized) return [];
      const status = await this.options.monitor.check();
      if (welcomeStates.has(status.state)) return [];
      return await this.root.children();
    } catch (error) {
      // children() already turns AWS failures into error rows; this is the last line of defence.
      this.log.error(`Unexpected failure while listing ${node?.id ?? this.id}: ${String(error)}`);
      return [];
    }
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent === this.root ? undefined : node.parent;
  }

  refresh(node?: RefreshableNode): void {
    const target = node ?? this.root;
    target.invalidate();
    this.changed.fire(target === this.root ? undefined : target);
  }

  redraw(node?: ExplorerNode): void {
    this.changed.fire(node === this.root ? undefined : node);
  }

  /** On hover: lets a node fill in a tooltip that costs a call (a Describe), only when someone looks. */
  async resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (!node.resolveTreeItem) return item;
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    try {
      return await node.resolveTreeItem(item, abort.signal);
    } catch (error) {
      this.log.debug(`Could not resolve the tooltip of ${node.id}: ${String(error)}`);
      return item;
    } finally {
      subscription.dispose();
    }
  }

  /** The top-level rows as last loaded, for commands that act on the whole view. */
  async topLevel(): Promise<ExplorerNode[]> {
    return this.root.children();
  }

  private updateRedrawTimer(visible: boolean): void {
    clearInterval(this.redrawTimer);
    this.redrawTimer = visible && this.options.redrawEveryMs ? setInterval(() => this.redraw(), this.options.redrawEveryMs) : undefined;
  }

  private updateDescription(): void {
    if (!this.session.isInitialized) return;
    const status = this.options.monitor.status;
    const label = connectionLabel(this.session.connection);
    this.treeView.description = status?.state === 'checking' ? `${label} · connecting…` : label;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
