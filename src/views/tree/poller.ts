import type * as vscode from 'vscode';
import { realTimers, type Timers } from '../../core/util/timers';
import type { RefreshableNode } from './explorerNode';

/** Seconds between refreshes of a list that still has moving resources: quick first, then slower. */
export const defaultPollDelaysMs = [3_000, 5_000, 10_000, 15_000, 30_000, 60_000];

interface Entry {
  node: RefreshableNode;
  step: number;
  timer?: unknown;
}

/**
 * Refreshes lists whose resources are in a transitional state until they settle, with backoff,
 * and only while the view is visible. Lists register themselves each time they load.
 */
export class TransitionPoller implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private visible = false;

  constructor(
    private readonly refresh: (node: RefreshableNode) => void,
    private readonly delaysMs: readonly number[] = defaultPollDelaysMs,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Called by a list after it loads: keep refreshing it while `moving`, else stop. */
  track(node: RefreshableNode, moving: boolean): void {
    const existing = this.entries.get(node.id);
    if (!moving) {
      this.untrack(node);
      return;
    }
    if (existing) {
      this.timers.clearTimeout(existing.timer);
      existing.node = node;
      existing.step = Math.min(existing.step + 1, this.delaysMs.length - 1);
      this.schedule(existing);
    } else {
      const entry: Entry = { node, step: 0 };
      this.entries.set(node.id, entry);
      this.schedule(entry);
    }
  }

  untrack(node: RefreshableNode): void {
    const entry = this.entries.get(node.id);
    if (entry && entry.node === node) {
      this.timers.clearTimeout(entry.timer);
      this.entries.delete(node.id);
    }
  }

  /** After a user action on a list: poll it from the quickest delay again. */
  kick(node: RefreshableNode): void {
    const entry = this.entries.get(node.id) ?? { node, step: 0 };
    this.timers.clearTimeout(entry.timer);
    entry.node = node;
    entry.step = 0;
    this.entries.set(node.id, entry);
    this.schedule(entry);
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    for (const entry of this.entries.values()) {
      this.timers.clearTimeout(entry.timer);
      entry.timer = undefined;
      // Coming back into view: catch up at once with what changed while hidden.
      if (visible) this.fire(entry);
    }
  }

  get trackedIds(): string[] {
    return [...this.entries.keys()];
  }

  private schedule(entry: Entry): void {
    if (!this.visible) return;
    entry.timer = this.timers.setTimeout(() => this.fire(entry), this.delaysMs[entry.step] ?? 60_000);
  }

  private fire(entry: Entry): void {
    entry.timer = undefined;
    if (entry.node.detached) {
      this.entries.delete(entry.node.id);
      return;
    }
    this.refresh(entry.node);
  }

  dispose(): void {
    for (const entry of this.entries.values()) this.timers.clearTimeout(entry.timer);
    this.entries.clear();
  }
}
