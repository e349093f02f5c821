import type { ExtensionServices } from '../../platform/services';
import type { LaunchFeature } from '../../specs/launchFeature';
import { isResourceNode, type ResourceIdentity } from '../../views/tree/resourceNode';

export function launchFeature(services: ExtensionServices): LaunchFeature {
  if (!services.launch) throw new Error('The launch feature is not available in this window.');
  return services.launch;
}

/** A tree node, or `{ region, kind, name }` from a notification or another feature. */
export function resourceArg(value: unknown, kinds: readonly ResourceIdentity['kind'][]): ResourceIdentity | undefined {
  const identity = isResourceNode(value) ? value.resource : (value as Partial<ResourceIdentity> | undefined);
  if (!identity || typeof identity.name !== 'string' || typeof identity.region !== 'string' || !identity.kind) return undefined;
  return kinds.includes(identity.kind) ? (identity as ResourceIdentity) : undefined;
}
