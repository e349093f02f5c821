import type * as vscode from 'vscode';
import type { Connection } from '../../core/aws/connection';
import { describeFailure, presentFailure, type Failure } from '../presenters/errorPresenter';
import { contextValue } from '../presenters/contextValues';
import { toTreeItem } from './treeItem';
import type { ExplorerNode, RefreshableNode } from './explorerNode';

/** A failed listing, shown where it happened; clicking it lists again. */
export class ErrorNode implements ExplorerNode {
  readonly id: string;
  readonly failure: Failure;

  constructor(
    readonly parent: RefreshableNode,
    action: string,
    error: unknown,
    connection: Connection,
  ) {
    this.id = `${parent.id}/error`;
    this.failure = describeFailure(action, error, connection);
  }

  treeItem(): vscode.TreeItem {
    return toTreeItem(presentFailure(this.failure), this.id, [this]);
  }
}

/** An informational row: "No apps", "3 deleted apps hidden"... */
export class MessageNode implements ExplorerNode {
  readonly id: string;

  constructor(
    readonly parent: ExplorerNode | undefined,
    private readonly message: string,
    private readonly icon = 'info',
    key = 'message',
  ) {
    this.id = `${parent?.id ?? 'root'}/${key}`;
  }

  treeItem(): vscode.TreeItem {
    return toTreeItem({ label: this.message, icon: { id: this.icon }, contextValue: contextValue('message') }, this.id);
  }
}

/** The last row of a paged list; clicking it fetches the next page into its parent. */
export class LoadMoreNode implements ExplorerNode {
  readonly id: string;

  constructor(
    readonly parent: RefreshableNode & { loadMore(): Promise<void> },
    private readonly shown: number,
  ) {
    this.id = `${parent.id}/loadMore`;
  }

  treeItem(): vscode.TreeItem {
    return toTreeItem(
      {
        label: 'Load more…',
        description: `${this.shown} shown`,
        icon: { id: 'ellipsis' },
        contextValue: contextValue('loadMore'),
        command: { id: 'sagemaker.loadMore', title: 'Load More' },
      },
      this.id,
      [this],
    );
  }
}
