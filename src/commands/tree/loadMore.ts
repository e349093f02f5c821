import { LoadMoreNode } from '../../views/tree/messageNodes';
import { defineCommand } from '../command';

export const loadMore = defineCommand('sagemaker.loadMore', 'load more', async (_services, node?: unknown) => {
  if (node instanceof LoadMoreNode) await node.parent.loadMore();
});
