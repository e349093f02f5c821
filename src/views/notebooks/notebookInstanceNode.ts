import type * as vscode from 'vscode';
import type { DescribeNotebookInstanceOutput } from '@aws-sdk/client-sagemaker';
import type { PriceQuote } from '../../core/cost/priceCatalog';
import { describeNotebookInstance, type NotebookInstance } from '../../core/resources/notebookInstances';
import { isTransitional } from '../../core/resources/status';
import { presentNotebookInstance } from '../presenters/notebooks';
import type { RefreshableNode } from '../tree/explorerNode';
import type { ResourceIdentity, ResourceNode } from '../tree/resourceNode';
import { toTreeItem } from '../tree/treeItem';
import type { ExplorerDeps } from '../studio/studioDeps';

/** The hourly price of a notebook instance from the catalog (undefined: unknown, never 0). */
export function quoteNotebookInstance(deps: Pick<ExplorerDeps, 'prices'>, instance: NotebookInstance): PriceQuote | undefined {
  if (!instance.instanceType) return undefined;
  return deps.prices.quote({ region: instance.region, instanceType: instance.instanceType, use: 'notebookInstance' });
}

export class NotebookInstanceNode implements ResourceNode {
  readonly id: string;
  readonly resource: ResourceIdentity;

  constructor(
    readonly instance: NotebookInstance,
    readonly parent: RefreshableNode & { settle(): void },
    private readonly deps: ExplorerDeps,
  ) {
    this.id = `${instance.region}/notebookInstance/${instance.name}`;
    this.resource = { region: instance.region, kind: 'notebookInstance', name: instance.name, arn: instance.arn };
  }

  get transitional(): boolean {
    return isTransitional('notebookInstance', this.instance.status);
  }

  get quote(): PriceQuote | undefined {
    return quoteNotebookInstance(this.deps, this.instance);
  }

  treeItem(): vscode.TreeItem {
    return toTreeItem(presentNotebookInstance(this.instance, { quote: this.quote, now: new Date() }), this.id);
  }

  describe(signal?: AbortSignal): Promise<DescribeNotebookInstanceOutput> {
    return describeNotebookInstance(this.deps.view.session.clients, this.instance.region, this.instance.name, signal);
  }
}

export function isNotebookInstanceNode(node: unknown): node is NotebookInstanceNode {
  return node instanceof NotebookInstanceNode;
}
