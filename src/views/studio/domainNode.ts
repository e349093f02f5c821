import type * as vscode from 'vscode';
import type { Domain } from '../../core/resources/domains';
import { isTransitional } from '../../core/resources/status';
import { presentDomain } from '../presenters/studio';
import type { ExplorerNode } from '../tree/explorerNode';
import { toTreeItem } from '../tree/treeItem';
import type { ViewContext } from '../tree/viewContext';

export class DomainNode implements ExplorerNode {
  readonly id: string;

  constructor(
    readonly domain: Domain,
    readonly parent: ExplorerNode,
    protected readonly view: ViewContext,
  ) {
    this.id = `${domain.region}/domain/${domain.id}`;
  }

  get transitional(): boolean {
    return isTransitional('domain', this.domain.status);
  }

  treeItem(): vscode.TreeItem {
    return toTreeItem({ ...presentDomain(this.domain), collapsible: 'none' }, this.id);
  }
}
