import type { ResourceChange } from '../../platform/resourceEvents';
import { ContainerNode } from './containerNode';
import type { ExplorerNode } from './explorerNode';
import { realTimers, type Timers } from '../../core/util/timers';

/** Changes that arrive within this window (a batch shutdown, a deploy's model and endpoint) are handled once. */
export const changeBurstMs = 250;

/**
 * The lists of a view that are loaded now (expanded at least once and not replaced since), walked
 * without listing anything: rows nobody expanded list fresh when they are expanded.
 */
export function loadedLists(root: ContainerNode): ContainerNode[] {
  const found: ContainerNode[] = [];
  const visit = (node: ExplorerNode): void => {
    if (!(node instanceof ContainerNode) || !node.isLoaded) return;
    found.push(node);
    for (const child of node.loadedChildren) visit(child);
  };
  visit(root);
  return found;
}

/**
 * The one owner of "refresh after an action", for one view: collects the changes announced in a
 * burst, then settles (lists again now, polls until settled) each loaded list that may show one
 * of them, once.
 */
export class ChangeFollower {
  private pending: ResourceChange[] = [];
  private timer: unknown;

  constructor(
    private readonly root: () => ContainerNode,
    private readonly timers: Timers = realTimers,
    private readonly burstMs = changeBurstMs,
  ) {}

  /** Hand every announced change to this (`resourceEvents.onDidChange`). */
  readonly follow = (change: ResourceChange): void => {
    this.pending.push(change);
    this.timer ??= this.timers.setTimeout(() => this.flush(), this.burstMs);
  };

  /** Settles what the pending changes touch now; returns the ids of the lists it settled. */
  flush(): string[] {
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    const changes = this.pending;
    this.pending = [];
    if (changes.length === 0) return [];
    const settled: string[] = [];
    for (const list of loadedLists(this.root())) {
      if (list.detached || !changes.some((change) => list.showsChange(change))) continue;
      list.settle();
      settled.push(list.id);
    }
    return settled;
  }

  dispose(): void {
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
