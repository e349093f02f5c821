import type { Random } from '../core/random';
import { LogStore } from '../logs/store';
import { Collection, type Resource } from './collection';
import type {
  AppRecord, DomainRecord, EndpointConfigRecord, EndpointRecord, LifecycleConfigRecord, ModelRecord,
  NotebookInstanceRecord, ProcessingJobRecord, SpaceRecord, TrainingJobRecord, TransformJobRecord,
  TuningJobRecord, UserProfileRecord,
} from './records';
import { Scheduler } from './scheduler';

/** Where finished jobs put their outputs (the S3 stand-in). */
export interface ArtifactSink {
  /** Writes a small object if the bucket exists; silently skips otherwise. */
  put(bucket: string, key: string, body: Buffer, now: number): void;
  /** Whether the bucket exists in `region` and holds at least one object whose key starts with `prefix`. */
  hasObjectsUnder(bucket: string, prefix: string, region: string): boolean;
}

export interface RegionEnv {
  /** Deterministic ids (domain ids, instance ids...) for this account and region. */
  random: Random;
  artifacts: ArtifactSink;
}

export const RESOURCE_KINDS = [
  'domain', 'userProfile', 'space', 'app', 'notebookInstance', 'notebookInstanceLifecycleConfig',
  'trainingJob', 'hyperParameterTuningJob', 'processingJob', 'transformJob', 'model', 'endpointConfig', 'endpoint',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Every SageMaker resource and log of one account in one region. */
export class RegionState {
  readonly domains = new Collection<DomainRecord>();
  readonly userProfiles = new Collection<UserProfileRecord>();
  readonly spaces = new Collection<SpaceRecord>();
  readonly apps = new Collection<AppRecord>();
  readonly notebookInstances = new Collection<NotebookInstanceRecord>();
  readonly lifecycleConfigs = new Collection<LifecycleConfigRecord>();
  readonly trainingJobs = new Collection<TrainingJobRecord>();
  readonly tuningJobs = new Collection<TuningJobRecord>();
  readonly processingJobs = new Collection<ProcessingJobRecord>();
  readonly transformJobs = new Collection<TransformJobRecord>();
  readonly models = new Collection<ModelRecord>();
  readonly endpointConfigs = new Collection<EndpointConfigRecord>();
  readonly endpoints = new Collection<EndpointRecord>();
  readonly logs = new LogStore();
  readonly scheduler = new Scheduler();
  /** Every resource by ARN, for the tagging operations. */
  readonly byArn = new Map<string, Resource>();

  constructor(
    readonly accountId: string,
    readonly region: string,
    readonly env: RegionEnv,
  ) {}

  /** Runs what is due by `now` (jobs finishing, tuners launching jobs, deleted things vanishing). */
  tick(now: number): void {
    this.scheduler.runUntil(now);
  }

  add<T extends Resource>(collection: Collection<T>, item: T): T {
    collection.add(item);
    this.byArn.set(item.arn, item);
    return item;
  }

  remove<T extends Resource>(collection: Collection<T>, key: string): void {
    const item = collection.remove(key);
    if (item) this.byArn.delete(item.arn);
  }

  collection(kind: ResourceKind): Collection<Resource> {
    const map: Record<ResourceKind, Collection<Resource>> = {
      domain: this.domains,
      userProfile: this.userProfiles,
      space: this.spaces,
      app: this.apps,
      notebookInstance: this.notebookInstances,
      notebookInstanceLifecycleConfig: this.lifecycleConfigs,
      trainingJob: this.trainingJobs,
      hyperParameterTuningJob: this.tuningJobs,
      processingJob: this.processingJobs,
      transformJob: this.transformJobs,
      model: this.models,
      endpointConfig: this.endpointConfigs,
      endpoint: this.endpoints,
    };
    return map[kind];
  }

  /** The account's default SageMaker bucket in this region. */
  get defaultBucket(): string {
    return `sagemaker-${this.region}-${this.accountId}`;
  }
}
