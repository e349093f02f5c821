import type { ExtensionServices } from '../../platform/services';
import { findInGroup } from '../training/trainingView';
import { rootOfView, type InferenceRootNode } from './inferenceRootNode';

export const inferenceViewId = 'sagemaker.inference';

export function inferenceRoot(services: ExtensionServices): InferenceRootNode | undefined {
  return rootOfView(services.views.get(inferenceViewId));
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
