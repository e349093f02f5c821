import * as vscode from 'vscode';
import type { ResourceNodeKind } from '../views/tree/resourceNode';

export interface ResourceChange {
  readonly region: string;
  readonly kind: ResourceNodeKind;
  readonly name?: string;
}

/**
 * Announces that the extension changed something (shut down an app, launched a job...), so the
 * cost guard and other views refresh at once instead of waiting for their next poll.
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
