import * as vscode from 'vscode';
import { isBillable, isTransitional, type ResourceKind } from '../../core/resources/status';

export interface ViewFilterState {
  /** Show only what runs (bills) or is on its way somewhere (Pending, Stopping, Deleting...). */
  readonly runningOnly: boolean;
  /** Show Studio apps in the Deleted state (SageMaker lists them for a day after shutdown). */
  readonly showDeleted: boolean;
}

const defaults: ViewFilterState = { runningOnly: false, showDeleted: false };

/**
 * A view's filter: kept per workspace, published as context keys (`<viewId>.runningOnly`,
 * `<viewId>.showDeleted`) so the view's title shows the matching toggle.
 */
export class ViewFilter {
  private state: ViewFilterState;

  constructor(
    readonly viewId: string,
    private readonly memento: vscode.Memento,
  ) {
    this.state = { ...defaults, ...memento.get<Partial<ViewFilterState>>(this.storageKey) };
  }

  get runningOnly(): boolean {
    return this.state.runningOnly;
  }

  get showDeleted(): boolean {
    return this.state.showDeleted;
  }

  /** Whether a resource of `kind` in `status` passes the filter. */
  shows(kind: ResourceKind, status: string): boolean {
    if (status === 'Deleted' && !this.state.showDeleted) return false;
    return !this.state.runningOnly || isBillable(kind, status) || isTransitional(kind, status);
  }

  async update(change: Partial<ViewFilterState>): Promise<void> {
    this.state = { ...this.state, ...change };
    await this.memento.update(this.storageKey, this.state);
    await this.publish();
  }

  /** Sets the context keys the view's title menu reads. */
  async publish(): Promise<void> {
    await vscode.commands.executeCommand('setContext', `${this.viewId}.runningOnly`, this.state.runningOnly);
    await vscode.commands.executeCommand('setContext', `${this.viewId}.showDeleted`, this.state.showDeleted);
  }

  private get storageKey(): string {
    return `${this.viewId}.filter`;
  }
}
