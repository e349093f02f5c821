import type { ExtensionServices } from '../../platform/services';
import { isRefreshable } from '../tree/explorerNode';

export const notebookViewId = 'sagemaker.notebookInstances';

/** After a change: the view lists again at once, then polls from its quickest delay until every instance settles. */
export async function settleNotebookView(services: Pick<ExtensionServices, 'views'>): Promise<void> {
  const view = services.views.get(notebookViewId);
  if (!view) return;
  view.refresh();
  // The listing just started is the one the tree shows: awaiting it lists nothing twice.
  const [first] = await view.topLevel();
  if (first?.parent && isRefreshable(first.parent)) view.poller.kick(first.parent);
}
