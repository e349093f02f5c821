import type * as vscode from 'vscode';
import { canShutDown } from '../../core/resources/apps';
import type { ResourceChange } from '../../platform/resourceEvents';
import type { ExtensionServices } from '../../platform/services';
import { settleNotebookView } from '../notebooks/notebookView';
import { isAppOwnerNode } from './appOwnerNode';
import { loadedNodes } from './loadedNodes';

const studioViewId = 'sagemaker.studio';

let announcing = 0;

/**
 * Announces a change made from these views. They have already listed exactly what changed, so
 * their own watcher lets it pass; the cost guard and other views hear it as usual.
 */
export function announceChange(services: ExtensionServices, change: ResourceChange): void {
  announcing++;
  try {
    services.resourceEvents.changed(change);
  } finally {
    announcing--;
  }
}

/**
 * When something else changes apps or notebook instances (the cost guard shutting them down,
 * say), lists again the loaded rows that may show them, once per burst of changes.
 */
export function watchStudioResources(services: ExtensionServices): vscode.Disposable {
  let apps = false;
  let notebooks = false;
  let timer: NodeJS.Timeout | undefined;
  const flush = async (): Promise<void> => {
    timer = undefined;
    const [studio, notebook] = [apps, notebooks];
    apps = notebooks = false;
    if (studio) {
      const view = services.views.get(studioViewId);
      // Only lists that show a running app can have changed by a shutdown.
      for (const node of view ? loadedNodes(await view.topLevel()) : []) {
        if (isAppOwnerNode(node) && node.listedApps.some(canShutDown)) node.settle();
      }
    }
    if (notebook) await settleNotebookView(services);
  };
  const subscription = services.resourceEvents.onDidChange((change) => {
    if (announcing > 0 || change.region !== services.session.connection.region) return;
    if (change.kind === 'app') apps = true;
    else if (change.kind === 'notebookInstance') notebooks = true;
    else return;
    timer ??= setTimeout(() => void flush().catch((error: unknown) => services.log.warn(`Could not refresh after a change: ${String(error)}`)), 300);
  });
  return {
    dispose: () => {
      clearTimeout(timer);
      subscription.dispose();
    },
  };
}
