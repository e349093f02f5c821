import type * as vscode from 'vscode';
import { listDomains } from '../../core/resources/domains';
import { ContainerNode } from '../tree/containerNode';
import type { ExplorerNode } from '../tree/explorerNode';
import type { ViewContext } from '../tree/viewContext';
import { DomainNode } from './domainNode';

/** The Studio view's invisible root: the domains of the current region. */
export class StudioRootNode extends ContainerNode {
  constructor(view: ViewContext) {
    super('studio', undefined, view);
  }

  treeItem(): vscode.TreeItem {
    throw new Error('The root is not shown.');
  }

  protected get listAction(): string {
    return `list the Studio domains in ${this.view.session.connection.region}`;
  }

  protected async loadChildren(): Promise<ExplorerNode[]> {
    const { region } = this.view.session.connection;
    const domains = await listDomains(this.view.session.clients, region);
    return domains.map((domain) => new DomainNode(domain, this, this.view));
  }
}
