import type { ExtensionServices } from '../../platform/services';
import { loadedNodes } from '../../views/studio/loadedNodes';

interface Settling {
  settle(): void;
}

function canSettle(node: unknown): node is Settling {
  return typeof (node as Partial<Settling> | undefined)?.settle === 'function';
}

/**
 * Lists again, and polls until they settle, the loaded rows of a view with these ids (the lists
 * an action changed). Rows nobody expanded are left alone: they list fresh when expanded.
 */
export async function settleLoaded(services: ExtensionServices, viewId: string, ids: Iterable<string>): Promise<void> {
  const view = services.views.get(viewId);
  if (!view) return;
  const wanted = new Set(ids);
  if (wanted.size === 0) return;
  for (const node of loadedNodes(await view.topLevel())) {
    if (wanted.has(node.id) && canSettle(node)) node.settle();
  }
}
