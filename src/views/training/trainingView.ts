import { isFiltered, type JobKind } from '../../core/resources/jobs';
import type { ExtensionServices } from '../../platform/services';
import type { PagedGroupNode } from './listNodes';
import { rootOfView, type TrainingGroupKey, type TrainingRootNode } from './trainingRootNode';

export const trainingViewId = 'sagemaker.training';

const groupOfKind: Record<JobKind, TrainingGroupKey> = {
  trainingJob: 'trainingJobs',
  tuningJob: 'tuningJobs',
  processingJob: 'processingJobs',
  transformJob: 'transformJobs',
};

export function trainingRoot(services: ExtensionServices): TrainingRootNode | undefined {
  return rootOfView(services.views.get(trainingViewId));
}

/** Finds an item of a group by name, listing again (and dropping a filter that hides it) if needed. */
export async function findInGroup(group: PagedGroupNode<never>, name: string): Promise<ReturnType<PagedGroupNode<never>['itemNode']>> {
  await group.children();
  let node = group.itemNode(name);
  if (!node) {
    // Just launched, say: it is newest, so it is on the first page once listed again.
    group.refresh();
    await group.children();
    node = group.itemNode(name);
  }
  if (!node && isFiltered(group.filter)) {
    group.setFilter({});
    await group.children();
    node = group.itemNode(name);
  }
  return node;
}

/**
 * Shows a job in the Training view: opens the view, lists the job's group if needed, selects the
 * job's row. False when the job is in another region than the views show, or cannot be found.
 */
export async function revealJob(services: ExtensionServices, kind: JobKind, region: string, name: string): Promise<boolean> {
  const view = services.views.get(trainingViewId);
  const root = trainingRoot(services);
  if (!view || !root) return false;
  if (region !== services.session.connection.region) {
    services.log.info(`Not revealing ${name}: it is in ${region}, the views show ${services.session.connection.region}.`);
    return false;
  }
  const group = await root.group(groupOfKind[kind]);
  if (!group) return false;
  const node = await findInGroup(group, name);
  if (!node) return false;
  await view.treeView.reveal(node, { select: true, focus: true, expand: false });
  return true;
}

/** Shows a training job in the Training view (for the launch flow). */
export function revealTrainingJob(services: ExtensionServices, region: string, name: string): Promise<boolean> {
  return revealJob(services, 'trainingJob', region, name);
}

/** Shows a hyperparameter tuning job in the Training view (for the launch flow). */
export function revealTuningJob(services: ExtensionServices, region: string, name: string): Promise<boolean> {
  return revealJob(services, 'tuningJob', region, name);
}
