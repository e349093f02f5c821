import { ErrorNode } from '../../views/tree/messageNodes';
import { defineCommand } from '../command';

/** Lists again the part of a tree that failed; connection-level failures re-check the sign-in too. */
export const retryNode = defineCommand('sagemaker.retryNode', 'retry', async (services, node?: unknown) => {
  if (!(node instanceof ErrorNode)) return;
  const kind = node.failure.error.kind;
  if (kind === 'ssoExpired' || kind === 'noCredentials' || kind === 'expiredCredentials' || kind === 'unknownProfile') {
    await services.applySettings();
    await services.monitor.recheck();
  }
  node.parent.refresh();
});
