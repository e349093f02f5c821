import type * as vscode from 'vscode';
import type { ExtensionServices } from '../../platform/services';
import type { ResourceChange } from '../../platform/resourceEvents';
import { findInGroup } from '../training/trainingView';
import { rootOfView, type InferenceGroupKey, type InferenceRootNode } from './inferenceRootNode';

export const inferenceViewId = 'sagemaker.inference';

const groupOfKind: Partial<Record<ResourceChange['kind'], InferenceGroupKey>> = {
  endpoint: 'endpoints',
  endpointConfig: 'endpointConfigs',
  model: 'models',
};

export function inferenceRoot(services: ExtensionServices): InferenceRootNode | undefined {
  return rootOfView(services.views.get(inferenceViewId));
}

/** After an action: lists a group of the Inference view again and polls it quickly (if it was ever shown). */
export async function settleInferenceGroup(services: ExtensionServices, key: InferenceGroupKey): Promise<void> {
  const group = await inferenceRoot(services)?.group(key);
  if (group?.isLoaded) group.settle();
}

/**
 * Shows an endpoint in the Inference view (for the launch flow's deployments). False when it is in
 * another region than the views show, or cannot be found.
 */
export async function revealEndpoint(services: ExtensionServices, region: string, name: string): Promise<boolean> {
  const view = services.views.get(inferenceViewId);
  const root = inferenceRoot(services);
  if (!view || !root) return false;
  if (region !== services.session.connection.region) {
    services.log.info(`Not revealing endpoint ${name}: it is in ${region}, the views show ${services.session.connection.region}.`);
    return false;
  }
  const group = await root.group('endpoints');
  if (!group) return false;
  const node = await findInGroup(group, name);
  if (!node) return false;
  await view.treeView.reveal(node, { select: true, focus: true, expand: false });
  return true;
}

/** Lists Endpoints, Endpoint configurations or Models again when the extension changed one. */
export function watchInferenceResources(services: ExtensionServices): vscode.Disposable {
  return services.resourceEvents.onDidChange((change: ResourceChange) => {
    if (change.region !== services.session.connection.region) return;
    const key = groupOfKind[change.kind];
    if (key) void settleInferenceGroup(services, key);
  });
}
