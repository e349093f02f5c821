import { isResourceNode, type ResourceNode } from '../../views/tree/resourceNode';
import { defineCommand } from '../command';

/** Opens the resource's Describe output as a read-only YAML document. */
export const showDetails = defineCommand(
  'sagemaker.showDetails',
  (node?: unknown) => (isResourceNode(node) ? `show the details of ${node.resource.name}` : 'show details'),
  async (services, node?: unknown) => {
    if (!isResourceNode(node) || !node.describe) return;
    const describable = node as ResourceNode & { describe: NonNullable<ResourceNode['describe']> };
    await services.details.show(node.resource, () => describable.describe());
  },
);
