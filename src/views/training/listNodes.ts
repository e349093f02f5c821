import type * as vscode from 'vscode';
import type { PriceCatalog, PriceQuery } from '../../core/cost/priceCatalog';
import type { ResourceChange } from '../../platform/resourceEvents';
import type { ListPage, PageRequest } from '../../core/resources/jobs';
import { presentGroup } from '../presenters/training';
import type { NodePresentation } from '../presenters/presentation';
import type { ExplorerNode } from '../tree/explorerNode';
import { PagedContainerNode, type PagedItemNode } from '../tree/pagedContainerNode';
import type { ResourceIdentity, ResourceNode, ResourceNodeKind } from '../tree/resourceNode';
import { toTreeItem } from '../tree/treeItem';
import type { ViewContext } from '../tree/viewContext';

/** What the nodes of the Training and Inference views need besides their own data. */
export interface ResourceViewDeps {
  readonly view: ViewContext;
  readonly prices: PriceCatalog;
}

/** Anything listed in these views: a name, an ARN, a region. */
export interface ListedResource {
  readonly region: string;
  readonly name: string;
  readonly arn: string;
}

export interface GroupSpec<T extends ListedResource> {
  /** "trainingJobs": the id part and the `group.<key>` context value. */
  readonly key: string;
  /** The kind of resource its rows stand for: a change to one lists the group again. */
  readonly kind: ResourceNodeKind;
  readonly label: string;
  readonly icon: string;
  /** "training jobs": for "list the training jobs in us-east-1" and "No training jobs". */
  readonly noun: string;
  readonly pageSize: number;
  /** Statuses the list can be filtered by (empty: name filter only). */
  readonly statuses: readonly string[];
  fetch(region: string, request: PageRequest): Promise<ListPage<T>>;
  createNode(item: T, group: PagedGroupNode<T>): PagedItemNode<T>;
  /** Prices the rows will show, so the catalog fetches them (the rows redraw when they arrive). */
  priceQueries?(items: readonly T[]): PriceQuery[];
}

/** A top-level group of the Training or Inference view ("Training jobs"): a filterable paged list. */
export class PagedGroupNode<T extends ListedResource> extends PagedContainerNode<T> {
  constructor(
    readonly spec: GroupSpec<T>,
    readonly region: string,
    parent: ExplorerNode | undefined,
    readonly deps: ResourceViewDeps,
  ) {
    super(`${region}/group/${spec.key}`, parent, deps.view, spec.pageSize);
  }

  treeItem(): vscode.TreeItem {
    return toTreeItem(
      presentGroup(this.spec.label, this.spec.key, this.spec.icon, {
        shown: this.shownItems.length,
        more: this.hasMore,
        loaded: this.loaded,
        filter: this.filter,
        source: this.lastSource,
        notes: this.lastNotes,
      }),
      this.id,
    );
  }

  protected get listAction(): string {
    return `list the ${this.spec.noun} in ${this.region}`;
  }

  protected override emptyMessage(): string {
    return this.filter.status || this.filter.nameContains ? `No ${this.spec.noun} match the filter` : `No ${this.spec.noun} in ${this.region}`;
  }

  protected async fetchPage(request: PageRequest): Promise<ListPage<T>> {
    const page = await this.spec.fetch(this.region, request);
    const queries = this.spec.priceQueries?.(page.items) ?? [];
    if (queries.length > 0) {
      const { prices } = this.deps;
      // Rows show "price unknown" until the catalog has the rates; onDidUpdate redraws them.
      void (prices.prepareQuotes ? prices.prepareQuotes(queries) : prices.prepare(this.region)).catch(() => undefined);
    }
    return page;
  }

  protected keyOf(item: T): string {
    return item.name;
  }

  protected createNode(item: T): PagedItemNode<T> {
    return this.spec.createNode(item, this);
  }

  override showsChange(change: ResourceChange): boolean {
    return (change.region === this.region && change.kind === this.spec.kind) || super.showsChange(change);
  }
}

export interface ItemSpec<T extends ListedResource> {
  readonly kind: ResourceNodeKind;
  present(item: T): NodePresentation;
  transitional(item: T): boolean;
  /** The Describe output, for Show Details. */
  describe(item: T, signal?: AbortSignal): Promise<unknown>;
  /** Overrides the `region/kind/name` id (rows that may appear twice in a view). */
  readonly idPrefix?: string;
}

/** A leaf row standing for one resource (a job, a model, a config): updated in place on refresh. */
export class ResourceItemNode<T extends ListedResource> implements PagedItemNode<T>, ResourceNode {
  readonly id: string;
  private current: T;

  constructor(
    item: T,
    readonly parent: ExplorerNode,
    private readonly spec: ItemSpec<T>,
  ) {
    this.current = item;
    this.id = `${spec.idPrefix ?? `${item.region}/${spec.kind}`}/${item.name}`;
  }

  get item(): T {
    return this.current;
  }

  get resource(): ResourceIdentity {
    return { region: this.current.region, kind: this.spec.kind, name: this.current.name, arn: this.current.arn };
  }

  get transitional(): boolean {
    return this.spec.transitional(this.current);
  }

  update(item: T): void {
    this.current = item;
  }

  treeItem(): vscode.TreeItem {
    return toTreeItem(this.spec.present(this.current), this.id, [this]);
  }

  describe(signal?: AbortSignal): Promise<unknown> {
    return this.spec.describe(this.current, signal);
  }
}
