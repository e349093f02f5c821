import type * as vscode from 'vscode';
import type { ResourceChange } from '../../platform/resourceEvents';
import { isTransitional } from '../../core/resources/status';
import { bestTrialName, describeTuningJob, listTuningTrials, type TuningJob, type TuningTrial } from '../../core/resources/tuningJobs';
import { presentTuningJob, presentTuningTrial } from '../presenters/training';
import { ContainerNode } from '../tree/containerNode';
import type { ExplorerNode } from '../tree/explorerNode';
import type { PagedItemNode } from '../tree/pagedContainerNode';
import type { ResourceIdentity, ResourceNode } from '../tree/resourceNode';
import { toTreeItem } from '../tree/treeItem';
import { describeTrainingJob } from '../../core/resources/trainingJobs';
import type { ResourceViewDeps } from './listNodes';

/**
 * A tuning job: its row shows progress against the maximum, the objective and the best value;
 * its children are its training jobs ordered by objective, the best one marked.
 */
export class TuningJobNode extends ContainerNode implements PagedItemNode<TuningJob>, ResourceNode {
  private current: TuningJob;
  /** Calls made listing its training jobs (tests and benchmarks read it). */
  calls = 0;

  constructor(
    job: TuningJob,
    parent: ExplorerNode,
    private readonly deps: ResourceViewDeps,
  ) {
    super(`${job.region}/tuningJob/${job.name}`, parent, deps.view);
    this.current = job;
  }

  get job(): TuningJob {
    return this.current;
  }

  get resource(): ResourceIdentity {
    return { region: this.current.region, kind: 'tuningJob', name: this.current.name, arn: this.current.arn };
  }

  get transitional(): boolean {
    return isTransitional('tuningJob', this.current.status);
  }

  update(job: TuningJob): void {
    const moved = job.status !== this.current.status || JSON.stringify(job.counts) !== JSON.stringify(this.current.counts);
    this.current = job;
    // New training jobs or new results: its children list again when next shown.
    if (moved) this.invalidate();
  }

  treeItem(): vscode.TreeItem {
    return toTreeItem(presentTuningJob(this.current, { now: Date.now(), prices: this.deps.prices }), this.id, [this]);
  }

  describe(signal?: AbortSignal): Promise<unknown> {
    return describeTuningJob(this.view.session.clients, this.current.region, this.current.name, signal);
  }

  protected get listAction(): string {
    return `list the training jobs of tuning job ${this.current.name}`;
  }

  protected override emptyMessage(): string {
    return 'No training jobs launched yet';
  }

  protected async loadChildren(): Promise<ExplorerNode[]> {
    const { trials, calls } = await listTuningTrials(this.view.session.clients, this.current.region, this.current.name, this.current.objective?.type);
    this.calls += calls;
    const best = bestTrialName(this.current, trials);
    return trials.map((trial) => new TuningTrialNode(trial, this, this.current.objective?.name, trial.name === best, this.deps));
  }

  /** Its own changes, and those of a training job it lists. */
  override showsChange(change: ResourceChange): boolean {
    if (change.region !== this.current.region) return super.showsChange(change);
    if (change.kind === 'tuningJob') return change.name === undefined || change.name === this.current.name;
    if (change.kind === 'trainingJob') return this.loadedChildren.some((child) => child instanceof TuningTrialNode && (change.name === undefined || child.trial.name === change.name));
    return super.showsChange(change);
  }
}

/** One training job under its tuning job (its actions are a training job's). */
export class TuningTrialNode implements ResourceNode {
  readonly id: string;
  readonly resource: ResourceIdentity;

  constructor(
    readonly trial: TuningTrial,
    readonly parent: TuningJobNode,
    private readonly objectiveName: string | undefined,
    readonly best: boolean,
    private readonly deps: ResourceViewDeps,
  ) {
    // The same job may also be listed under Training jobs: ids must differ within a view.
    this.id = `${parent.id}/trial/${trial.name}`;
    this.resource = { region: trial.region, kind: 'trainingJob', name: trial.name, arn: trial.arn };
  }

  get transitional(): boolean {
    return isTransitional('trainingJob', this.trial.status);
  }

  treeItem(): vscode.TreeItem {
    return toTreeItem(presentTuningTrial(this.trial, this.objectiveName, this.best), this.id, [this]);
  }

  describe(signal?: AbortSignal): Promise<unknown> {
    return describeTrainingJob(this.deps.view.session.clients, this.trial.region, this.trial.name, signal);
  }
}
