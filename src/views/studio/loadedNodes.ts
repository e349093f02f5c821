import { ContainerNode } from '../tree/containerNode';
import type { ExplorerNode } from '../tree/explorerNode';

/**
 * The rows of a view that are loaded now (expanded at least once and not replaced since),
 * walked without listing anything. Commands use it to refresh exactly the lists they changed.
 */
export function loadedNodes(topLevel: readonly ExplorerNode[]): ExplorerNode[] {
  const found: ExplorerNode[] = [];
  const visit = (nodes: readonly ExplorerNode[]): void => {
    for (const node of nodes) {
      found.push(node);
      if (node instanceof ContainerNode) visit(node.loadedChildren);
    }
  };
  visit(topLevel);
  return found;
}
