import type * as vscode from 'vscode';
import type { ListFilter, ListPage, ListSource, PageRequest } from '../../core/resources/jobs';
import { describeFailure, presentFailure } from '../presenters/errorPresenter';
import { contextValue } from '../presenters/contextValues';
import type { NodePresentation } from '../presenters/presentation';
import { ContainerNode } from './containerNode';
import type { ExplorerNode } from './explorerNode';
import { LoadMoreNode } from './messageNodes';
import { toTreeItem } from './treeItem';
import type { ViewContext } from './viewContext';

/** A row of a paged list that stands for one item; refreshed in place so expansion and caches survive. */
export interface PagedItemNode<T> extends ExplorerNode {
  update(item: T): void;
}

/** The largest page any SageMaker list or Search returns. */
const maxPageSize = 100;

/**
 * A list fetched a page at a time, newest first, ending in a "Load more…" row while the service
 * has more.
 *
 * - Expanding it fetches the first page.
 * - "Load more…" fetches exactly the next page (one List or Search call, plus the Describe calls
 *   that page needs) and appends it; a failure there keeps what is shown and turns the last row
 *   into an error that retries the same page.
 * - Refresh (the user's, or the poller's while an item moves) lists again as many items as are
 *   shown, from the top, in pages of up to 100: what was loaded stays loaded, new items appear
 *   first, and existing rows are updated in place (so an expanded tuning job stays expanded
 *   without listing its children again). A failed refresh shows an error row with Retry.
 * - Changing the filter starts over from the first page.
 */
export abstract class PagedContainerNode<T> extends ContainerNode {
  private items: T[] = [];
  private nextToken: string | undefined;
  private readonly nodes = new Map<string, PagedItemNode<T>>();
  private requestedMore = 0;
  private moreFailure: unknown;
  private serial: Promise<unknown> = Promise.resolve();
  private listFilter: ListFilter = {};
  /** Whether a first page has arrived (for the row's "50+" description). */
  protected loaded = false;
  protected lastSource: ListSource | undefined;
  protected lastNotes: readonly string[] = [];
  /** AWS calls made by this list since it was created (benchmarks and tests read it). */
  calls = 0;

  protected constructor(
    id: string,
    parent: ExplorerNode | undefined,
    view: ViewContext,
    protected readonly pageSize: number,
  ) {
    super(id, parent, view);
  }

  protected abstract fetchPage(request: PageRequest): Promise<ListPage<T>>;
  protected abstract keyOf(item: T): string;
  protected abstract createNode(item: T): PagedItemNode<T>;

  abstract override treeItem(): vscode.TreeItem;

  get filter(): ListFilter {
    return this.listFilter;
  }

  /** Narrows the list (or clears the filter with `{}`) and lists again from the first page. */
  setFilter(filter: ListFilter): void {
    this.listFilter = { status: filter.status || undefined, nameContains: filter.nameContains?.trim() || undefined };
    this.items = [];
    this.nextToken = undefined;
    this.loaded = false;
    this.refresh();
  }

  get shownItems(): readonly T[] {
    return this.items;
  }

  /** Whether the list has been fetched at least once (expanded). */
  override get isLoaded(): boolean {
    return this.loaded;
  }

  get hasMore(): boolean {
    return this.nextToken !== undefined;
  }

  /** Fetches the next page into the list and redraws it; resolves when the rows are there. */
  async loadMore(): Promise<void> {
    if (!this.nextToken) return;
    this.requestedMore++;
    this.moreFailure = undefined;
    this.view.refresh(this);
    await this.children();
  }

  /** The item rows as loaded, e.g. to find one to reveal. */
  itemNode(key: string): PagedItemNode<T> | undefined {
    return this.nodes.get(key);
  }

  protected loadChildren(): Promise<ExplorerNode[]> {
    // One load at a time: a poll arriving during "Load more" waits for it, then lists what it added.
    const run = this.serial.then(() => this.loadInOrder());
    this.serial = run.catch(() => undefined);
    return run;
  }

  private async loadInOrder(): Promise<ExplorerNode[]> {
    if (this.requestedMore > 0 && this.nextToken) {
      this.requestedMore--;
      try {
        const page = await this.fetch({ nextToken: this.nextToken, pageSize: this.pageSize });
        this.append(page.items);
        this.nextToken = page.nextToken;
      } catch (error) {
        this.moreFailure = error;
        this.view.log.warn(`Could not load more of ${this.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
      return this.rows();
    }
    this.requestedMore = 0;
    this.moreFailure = undefined;
    const target = Math.max(this.pageSize, this.items.length);
    const items: T[] = [];
    const keys = new Set<string>();
    let token: string | undefined;
    do {
      const page = await this.fetch({ nextToken: token, pageSize: Math.min(maxPageSize, Math.max(this.pageSize, target - items.length)) });
      for (const item of page.items) {
        const key = this.keyOf(item);
        if (keys.has(key)) continue;
        keys.add(key);
        items.push(item);
      }
      token = page.nextToken;
    } while (token && items.length < target);
    this.items = [];
    this.append(items);
    this.nextToken = token;
    for (const key of [...this.nodes.keys()]) if (!keys.has(key)) this.nodes.delete(key);
    return this.rows();
  }

  private async fetch(request: Omit<PageRequest, 'filter'>): Promise<ListPage<T>> {
    const page = await this.fetchPage({ ...request, filter: this.listFilter });
    this.calls += page.calls;
    this.lastSource = page.source;
    this.lastNotes = page.notes;
    this.loaded = true;
    return page;
  }

  private append(items: readonly T[]): void {
    const seen = new Set(this.items.map((item) => this.keyOf(item)));
    for (const item of items) {
      const key = this.keyOf(item);
      if (seen.has(key)) continue;
      seen.add(key);
      this.items.push(item);
      const existing = this.nodes.get(key);
      if (existing) existing.update(item);
      else this.nodes.set(key, this.createNode(item));
    }
  }

  private rows(): ExplorerNode[] {
    const rows: ExplorerNode[] = this.items.map((item) => this.nodes.get(this.keyOf(item))!);
    if (this.nextToken) {
      rows.push(
        this.moreFailure === undefined
          ? new LoadMoreNode(this, this.items.length)
          : new LoadMoreFailedNode(this, this.items.length, presentFailure(describeFailure('load more', this.moreFailure, this.view.session.connection))),
      );
    }
    // The row's own description ("50+") changed: redraw it once the rows are in.
    queueMicrotask(() => this.view.redraw(this));
    return rows;
  }
}

/** "Load more…" that failed: says why, and clicking it tries the same page again. */
class LoadMoreFailedNode extends LoadMoreNode {
  constructor(
    parent: PagedContainerNode<unknown>,
    shown: number,
    private readonly failure: NodePresentation,
  ) {
    super(parent, shown);
  }

  override treeItem(): vscode.TreeItem {
    return toTreeItem(
      {
        ...this.failure,
        label: 'Could not load more',
        // A load-more row, not an error row: its Retry is "load this page again", not "list again".
        contextValue: contextValue('loadMore', 'failed'),
        command: { id: 'sagemaker.loadMore', title: 'Load More' },
      },
      this.id,
      [this],
    );
  }
}
