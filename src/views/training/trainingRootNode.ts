import type * as vscode from 'vscode';
import { jobStatuses, SettledCache } from '../../core/resources/jobs';
import {
  describeProcessingJob,
  listProcessingJobsPage,
  type ProcessingJob,
} from '../../core/resources/processingJobs';
import { isTransitional } from '../../core/resources/status';
import { describeTrainingJob, listTrainingJobsPage, type TrainingJob } from '../../core/resources/trainingJobs';
import { describeTransformJob, listTransformJobsPage, type TransformJob } from '../../core/resources/transformJobs';
import { listTuningJobsPage, type TuningJob } from '../../core/resources/tuningJobs';
import { presentProcessingJob, presentTrainingJob, presentTransformJob } from '../presenters/training';
import { ContainerNode } from '../tree/containerNode';
import type { ExplorerNode } from '../tree/explorerNode';
import { PagedGroupNode, ResourceItemNode, type GroupSpec, type ResourceViewDeps } from './listNodes';
import { TuningJobNode } from './tuningJobNode';

/** Rows per page: Search returns full records (up to 100 a call); the others need a Describe per row. */
export const trainingPageSize = 50;
export const describedPageSize = 25;

export type TrainingGroupKey = 'trainingJobs' | 'tuningJobs' | 'processingJobs' | 'transformJobs';

/** Describe answers of finished jobs, shared by every listing of this view (fallback paths). */
interface TrainingCaches {
  readonly training: SettledCache<TrainingJob>;
  readonly tuning: SettledCache<TuningJob>;
  readonly processing: SettledCache<ProcessingJob>;
  readonly transform: SettledCache<TransformJob>;
}

function trainingGroup(deps: ResourceViewDeps, caches: TrainingCaches): GroupSpec<TrainingJob> {
  const { view, prices } = deps;
  return {
    key: 'trainingJobs',
    kind: 'trainingJob',
    label: 'Training jobs',
    icon: 'beaker',
    noun: 'training jobs',
    pageSize: trainingPageSize,
    statuses: jobStatuses.trainingJob,
    fetch: (region, request) => listTrainingJobsPage(view.session.clients, region, request, { cache: caches.training, log: view.log }),
    createNode: (job, group) =>
      new ResourceItemNode(job, group, {
        kind: 'trainingJob',
        present: (item) => presentTrainingJob(item, { now: Date.now(), prices }),
        transitional: (item) => isTransitional('trainingJob', item.status),
        describe: (item, signal) => describeTrainingJob(view.session.clients, item.region, item.name, signal),
      }),
    priceQueries: (jobs) =>
      jobs.flatMap((job) =>
        job.instances.flatMap((instance) => [
          { region: job.region, instanceType: instance.type, use: 'training' as const },
          ...(job.spot ? [{ region: job.region, instanceType: instance.type, use: 'spotTraining' as const }] : []),
        ]),
      ),
  };
}

function tuningGroup(deps: ResourceViewDeps, caches: TrainingCaches): GroupSpec<TuningJob> {
  const { view } = deps;
  return {
    key: 'tuningJobs',
    kind: 'tuningJob',
    label: 'Hyperparameter tuning jobs',
    icon: 'settings-gear',
    noun: 'hyperparameter tuning jobs',
    pageSize: trainingPageSize,
    statuses: jobStatuses.tuningJob,
    fetch: (region, request) => listTuningJobsPage(view.session.clients, region, request, { cache: caches.tuning, log: view.log }),
    createNode: (job, group) => new TuningJobNode(job, group, deps),
  };
}

function processingGroup(deps: ResourceViewDeps, caches: TrainingCaches): GroupSpec<ProcessingJob> {
  const { view } = deps;
  return {
    key: 'processingJobs',
    kind: 'processingJob',
    label: 'Processing jobs',
    icon: 'gear',
    noun: 'processing jobs',
    pageSize: describedPageSize,
    statuses: jobStatuses.processingJob,
    fetch: (region, request) => listProcessingJobsPage(view.session.clients, region, request, { cache: caches.processing }),
    createNode: (job, group) =>
      new ResourceItemNode(job, group, {
        kind: 'processingJob',
        present: (item) => presentProcessingJob(item, { now: Date.now(), prices: deps.prices }),
        transitional: (item) => isTransitional('processingJob', item.status),
        describe: (item, signal) => describeProcessingJob(view.session.clients, item.region, item.name, signal),
      }),
  };
}

function transformGroup(deps: ResourceViewDeps, caches: TrainingCaches): GroupSpec<TransformJob> {
  const { view } = deps;
  return {
    key: 'transformJobs',
    kind: 'transformJob',
    label: 'Batch transform jobs',
    icon: 'symbol-event',
    noun: 'batch transform jobs',
    pageSize: describedPageSize,
    statuses: jobStatuses.transformJob,
    fetch: (region, request) => listTransformJobsPage(view.session.clients, region, request, { cache: caches.transform }),
    createNode: (job, group) =>
      new ResourceItemNode(job, group, {
        kind: 'transformJob',
        present: (item) => presentTransformJob(item, { now: Date.now(), prices: deps.prices }),
        transitional: (item) => isTransitional('transformJob', item.status),
        describe: (item, signal) => describeTransformJob(view.session.clients, item.region, item.name, signal),
      }),
  };
}

/** The root of each view, by its view (the ExplorerView that `services.views` holds). */
const roots = new WeakMap<object, TrainingRootNode>();

export function rootOfView(view: object | undefined): TrainingRootNode | undefined {
  return view ? roots.get(view) : undefined;
}

/** The Training view's invisible root: four groups for the current region, kept while the region stays. */
export class TrainingRootNode extends ContainerNode {
  private groups: { region: string; clients: object; nodes: Array<PagedGroupNode<never>> } | undefined;
  private caches: TrainingCaches = TrainingRootNode.newCaches();

  private static newCaches(): TrainingCaches {
    return { training: new SettledCache(), tuning: new SettledCache(), processing: new SettledCache(), transform: new SettledCache() };
  }

  private clearCaches(): void {
    this.caches = TrainingRootNode.newCaches();
  }

  constructor(private readonly deps: ResourceViewDeps) {
    super('training', undefined, deps.view);
    roots.set(deps.view, this);
  }

  treeItem(): vscode.TreeItem {
    throw new Error('The root is not shown.');
  }

  protected get listAction(): string {
    return 'show the Training view';
  }

  protected loadChildren(): Promise<ExplorerNode[]> {
    const { region } = this.view.session.connection;
    const { clients } = this.view.session;
    // Another region or another connection (profile, endpoint): new groups, and no cached describes.
    if (this.groups?.region !== region || this.groups.clients !== clients) {
      this.clearCaches();
      const specs = [
        trainingGroup(this.deps, this.caches),
        tuningGroup(this.deps, this.caches),
        processingGroup(this.deps, this.caches),
        transformGroup(this.deps, this.caches),
      ] as Array<GroupSpec<never>>;
      this.groups = { region, clients, nodes: specs.map((spec) => new PagedGroupNode(spec, region, this, this.deps)) };
    } else {
      // A refresh of the whole view lists every group again.
      for (const group of this.groups.nodes) group.invalidate();
    }
    return Promise.resolve(this.groups.nodes);
  }

  /** The group of a kind, for reveal and for commands that act on the list. */
  async group(key: TrainingGroupKey): Promise<PagedGroupNode<never> | undefined> {
    const groups = await this.children();
    return groups.find((node): node is PagedGroupNode<never> => node instanceof PagedGroupNode && node.spec.key === key);
  }
}
