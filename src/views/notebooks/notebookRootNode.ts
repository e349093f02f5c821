import type * as vscode from 'vscode';
import type { ResourceChange } from '../../platform/resourceEvents';
import { listNotebookInstances } from '../../core/resources/notebookInstances';
import { ContainerNode } from '../tree/containerNode';
import type { ExplorerNode } from '../tree/explorerNode';
import type { ExplorerDeps } from '../studio/studioDeps';
import { NotebookInstanceNode } from './notebookInstanceNode';

/** The Notebook Instances view's invisible root: one ListNotebookInstances call per page. */
export class NotebookRootNode extends ContainerNode {
  constructor(private readonly deps: ExplorerDeps) {
    super('notebookInstances', undefined, deps.view);
  }

  treeItem(): vscode.TreeItem {
    throw new Error('The root is not shown.');
  }

  protected get listAction(): string {
    return `list the notebook instances in ${this.view.session.connection.region}`;
  }

  protected override emptyMessage(): string | undefined {
    // With no filter, an empty list shows the view's welcome content instead.
    return this.deps.filter.runningOnly ? 'No running notebook instances' : undefined;
  }

  protected async loadChildren(): Promise<ExplorerNode[]> {
    const { region } = this.view.session.connection;
    const instances = await listNotebookInstances(this.view.session.clients, region);
    return instances
      .filter((instance) => this.deps.filter.shows('notebookInstance', instance.status))
      .map((instance) => new NotebookInstanceNode(instance, this, this.deps));
  }

  override showsChange(change: ResourceChange): boolean {
    return (change.kind === 'notebookInstance' && change.region === this.view.session.connection.region) || super.showsChange(change);
  }
}
