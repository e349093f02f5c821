import * as vscode from 'vscode';
import type { ResourceNodeKind } from '../views/tree/resourceNode';

/** What an action changed: every view and the cost guard decide from this what to list again. */
export interface ResourceChange {
  readonly region: string;
  readonly kind: ResourceNodeKind;
  readonly name?: string;
  /**
   * The id of the tree row that lists the resource, when the actor knows it (an app's user
   * profile or space, a profile's domain): that row lists again even if nothing else matches.
   */
  readonly listedUnder?: string;
}

/**
 * The one announcement of a change the extension made (shut down an app, launched a job...).
 * Actions announce; they never refresh rows themselves: each view follows these events
 * (views/tree/changeFollower.ts) and the cost guard rescans.
 */
export class ResourceEvents implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ResourceChange>();
  readonly onDidChange = this.emitter.event;

  changed(change: ResourceChange): void {
    this.emitter.fire(change);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
