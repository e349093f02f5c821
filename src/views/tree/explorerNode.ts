import type * as vscode from 'vscode';

/**
 * A row in one of the SageMaker views. Ids are stable (`region/kind/name`), so a refresh keeps
 * expansion and selection; `children()` never throws (failures become error rows).
 */
export interface ExplorerNode {
  readonly id: string;
  readonly parent: ExplorerNode | undefined;
  /** True while the resource's status moves by itself (Pending, Deleting, InProgress...). */
  readonly transitional?: boolean;
  treeItem(): vscode.TreeItem;
  children?(): Promise<ExplorerNode[]>;
  /** Forgets cached children so the next expansion lists again. */
  invalidate?(): void;
  /** Called when the node has been replaced by a fresh instance (its parent listed again). */
  detach?(): void;
  /**
   * Called on hover when `treeItem()` left the tooltip undefined: fills in what costs a call
   * (a Describe), so listings never pay for it. Failures leave the item as it was.
   */
  resolveTreeItem?(item: vscode.TreeItem, signal: AbortSignal): Promise<vscode.TreeItem>;
}

/** A node whose children are fetched and cached; the poller refreshes it while they move. */
export interface RefreshableNode extends ExplorerNode {
  children(): Promise<ExplorerNode[]>;
  invalidate(): void;
  /** Lists again and redraws (what Refresh and Retry do). */
  refresh(): void;
  readonly detached: boolean;
}

export function isRefreshable(node: unknown): node is RefreshableNode {
  return typeof node === 'object' && node !== null && typeof (node as RefreshableNode).refresh === 'function';
}
