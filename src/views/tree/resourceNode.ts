import type { ResourceKind } from '../../core/resources/status';
import type { ExplorerNode } from './explorerNode';

/** Kinds of resources a node can stand for (the API's nouns): those with a status, and the rest. */
export type ResourceNodeKind = ResourceKind | 'model' | 'endpointConfig';

export interface ResourceIdentity {
  readonly region: string;
  readonly kind: ResourceNodeKind;
  readonly name: string;
  readonly arn?: string;
}

/** A row that stands for one SageMaker resource: Copy Name / Copy ARN / Show Details work on it. */
export interface ResourceNode extends ExplorerNode {
  readonly resource: ResourceIdentity;
  /** The Describe output, for Show Details. */
  describe?(signal?: AbortSignal): Promise<unknown>;
}

export function isResourceNode(node: unknown): node is ResourceNode {
  return typeof node === 'object' && node !== null && typeof (node as ResourceNode).resource?.name === 'string';
}
