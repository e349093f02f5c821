import type * as SM from '@aws-sdk/client-sagemaker';
import { describeProcessingJob, describeTransformJob, createProcessingJobRecord, createTransformJobRecord } from './sagemaker/batchJobs';
import type { Resource } from './sagemaker/collection';
import { DURATIONS } from './sagemaker/durations';
import {
  createEndpointConfigRecord, createEndpointRecord, createModelRecord, describeEndpoint, describeEndpointConfig, describeModel,
} from './sagemaker/hosting';
import { createLifecycleConfigRecord, createNotebookRecord, describeNotebookInstance } from './sagemaker/notebooks';
import type {
  AppRecord, DomainRecord, EndpointConfigRecord, EndpointRecord, LifecycleConfigRecord, ModelRecord, NotebookInstanceRecord,
  ProcessingJobRecord, SpaceRecord, TrainingJobRecord, TrainingOutcome, TransformJobRecord, TuningJobRecord, UserProfileRecord,
} from './sagemaker/records';
import { RESOURCE_KINDS, type RegionState, type ResourceKind } from './sagemaker/state';
import {
  createAppRecord, createDomainRecord, createSpaceRecord, createUserProfileRecord, describeApp, describeDomain, describeSpace, describeUserProfile,
} from './sagemaker/studio';
import { GONE, type Phase } from './sagemaker/timeline';
import { createTrainingJobRecord, describeTrainingJob, setTrainingOutcome } from './sagemaker/training';
import { createTuningJobRecord, describeTuningJob } from './sagemaker/tuning';
import { ts, type Wire } from './sagemaker/wire';
import type { World } from './world';

export { RESOURCE_KINDS, type ResourceKind };

export interface PutOptions {
  accountId?: string;
  /** When the resource was created (default: now). Timestamps may be in the past. */
  createdAt?: Date | number;
  /** A status to be in now (default: whatever its timeline reaches from `createdAt`). */
  status?: string;
  /** Training jobs: how they end, and after how long in the Training phase. */
  outcome?: TrainingOutcome;
  trainingSeconds?: number;
  failureReason?: string;
}

export interface TrainingOutcomeOverride {
  status: 'Completed' | 'Failed' | 'Stopped';
  failureReason?: string;
}

/** A request as the wire carries it (Create* requests hold no timestamps or blobs). */
const asRecord = (request: object): Record<string, unknown> => JSON.parse(JSON.stringify(request)) as Record<string, unknown>;

const toMs = (t: Date | number | undefined, fallback: number): number => (t === undefined ? fallback : typeof t === 'number' ? t : t.getTime());

/** The first status of each kind while it is being created. */
const INITIAL: Partial<Record<ResourceKind, string>> = {
  domain: 'Pending', userProfile: 'Pending', space: 'Pending', app: 'Pending', notebookInstance: 'Pending', endpoint: 'Creating',
};

/** Phases that end in `status` now (or at creation, when it is the first status). */
function forced(kind: ResourceKind, createdAt: number, now: number, status: string | undefined, readyMs: number): Phase[] | undefined {
  if (!status) return undefined;
  const initial = INITIAL[kind] ?? status;
  if (status === initial) return [{ at: createdAt, status }];
  const reached = Math.max(createdAt, Math.min(createdAt + readyMs, now));
  if (status === 'Deleted') {
    return [{ at: createdAt, status: initial }, { at: Math.min(createdAt + readyMs, now), status: 'InService' }, { at: Math.max(createdAt, now - DURATIONS.app.delete), status: 'Deleting' }, { at: now, status: 'Deleted' }];
  }
  return [{ at: createdAt, status: initial }, { at: reached, status }];
}

type Describe = (state: RegionState, r: Resource, now: number) => unknown;

const DESCRIBE: Record<ResourceKind, Describe> = {
  domain: (s, r, now) => describeDomain(s, r as DomainRecord, now),
  userProfile: (_, r, now) => describeUserProfile(r as UserProfileRecord, now),
  space: (s, r, now) => describeSpace(s, r as SpaceRecord, now),
  app: (_, r, now) => describeApp(r as AppRecord, now),
  notebookInstance: (s, r, now) => describeNotebookInstance(s, r as NotebookInstanceRecord, now),
  notebookInstanceLifecycleConfig: (_, r) => {
    const c = r as LifecycleConfigRecord;
    return { NotebookInstanceLifecycleConfigArn: c.arn, NotebookInstanceLifecycleConfigName: c.name, OnCreate: c.spec.OnCreate, OnStart: c.spec.OnStart, CreationTime: ts(c.creationTime), LastModifiedTime: ts(c.lastModifiedTime) };
  },
  trainingJob: (_, r, now) => describeTrainingJob(r as TrainingJobRecord, now),
  hyperParameterTuningJob: (s, r, now) => describeTuningJob(s, r as TuningJobRecord, now),
  processingJob: (_, r, now) => describeProcessingJob(r as ProcessingJobRecord, now),
  transformJob: (_, r, now) => describeTransformJob(r as TransformJobRecord, now),
  model: (_, r) => describeModel(r as ModelRecord),
  endpointConfig: (_, r) => describeEndpointConfig(r as EndpointConfigRecord),
  endpoint: (s, r, now) => describeEndpoint(s, r as EndpointRecord, now),
};

const isGone = (r: Resource, now: number): boolean => {
  const timeline = (r as Partial<{ timeline: { status(t: number): string } }>).timeline;
  return timeline !== undefined && timeline.status(now) === GONE;
};

/**
 * Read access to the resources of each account and region, answered exactly as the Describe
 * operations would answer now, and ways to put resources in directly (with past creation
 * times and chosen statuses) or decide how a running training job ends.
 */
export class StateApi {
  constructor(private readonly world: World) {}

  /** The raw state (collections, logs) of an account in a region, with due events applied. */
  region(region: string, accountId?: string): RegionState {
    return this.world.current(region, accountId);
  }

  /** Every live resource of a kind, oldest first, as its Describe operation answers now. */
  list(kind: ResourceKind, region: string, accountId?: string): unknown[] {
    const state = this.region(region, accountId);
    const now = this.world.clock.nowMs();
    return state.collection(kind).byCreationTime().filter((r) => !isGone(r, now)).map((r) => DESCRIBE[kind](state, r, now));
  }

  /**
   * One resource by name (user profiles and spaces: `domainId/name`; any kind: its ARN), as its
   * Describe operation answers now, or undefined.
   */
  get(kind: ResourceKind, region: string, key: string, accountId?: string): unknown {
    const state = this.region(region, accountId);
    const now = this.world.clock.nowMs();
    const r = key.startsWith('arn:') ? state.byArn.get(key.toLowerCase()) ?? state.byArn.get(key) : state.collection(kind).get(key);
    return r && !isGone(r, now) ? DESCRIBE[kind](state, r, now) : undefined;
  }

  /**
   * Makes `name` a bucket of `accountId` in `region` (default: the default account, us-east-1),
   * keeping its objects if it exists: e.g. the default bucket name taken by another account.
   */
  putBucket(name: string, options: { region?: string; accountId?: string } = {}): void {
    const owner = options.accountId ?? this.world.accounts.defaultAccountId;
    const region = options.region ?? 'us-east-1';
    const bucket = this.world.s3.buckets.get(name) ?? this.world.s3.createBucket(name, region, owner, this.world.clock.nowMs());
    bucket.owner = owner;
    bucket.region = region;
  }

  /** Puts a resource in directly. `request` is the matching Create* request. Returns its ARN. */
  put(kind: ResourceKind, region: string, request: Record<string, unknown>, options: PutOptions = {}): string {
    const state = this.region(region, options.accountId);
    const now = this.world.clock.nowMs();
    const at = toMs(options.createdAt, now);
    const phases = (ready: number): Phase[] | undefined => forced(kind, at, now, options.status, ready);
    let resource: Resource;
    switch (kind) {
      case 'domain':
        resource = createDomainRecord(state, request as unknown as Wire<SM.CreateDomainRequest>, { at, phases: phases(DURATIONS.domain.create) });
        break;
      case 'userProfile':
        resource = createUserProfileRecord(state, request as unknown as Wire<SM.CreateUserProfileRequest>, { at, phases: phases(DURATIONS.userProfile.create) });
        break;
      case 'space':
        resource = createSpaceRecord(state, request as unknown as Wire<SM.CreateSpaceRequest>, { at, phases: phases(DURATIONS.space.create) });
        break;
      case 'app':
        resource = createAppRecord(state, request as unknown as Wire<SM.CreateAppRequest>, { at, phases: phases(DURATIONS.app.createDefault), failureReason: options.failureReason });
        break;
      case 'notebookInstance':
        resource = createNotebookRecord(state, request as unknown as Wire<SM.CreateNotebookInstanceInput>, { at, phases: phases(DURATIONS.notebookInstance.create) });
        break;
      case 'notebookInstanceLifecycleConfig':
        resource = createLifecycleConfigRecord(state, request as unknown as Wire<SM.CreateNotebookInstanceLifecycleConfigInput>, at);
        break;
      case 'trainingJob':
        resource = createTrainingJobRecord(state, request as unknown as Wire<SM.CreateTrainingJobRequest>, {
          at,
          outcome: options.outcome ?? (options.status === 'Failed' || options.status === 'Stopped' ? options.status : undefined),
          failureReason: options.failureReason,
          trainingMs: options.trainingSeconds !== undefined ? options.trainingSeconds * 1000 : undefined,
        });
        break;
      case 'hyperParameterTuningJob':
        resource = createTuningJobRecord(state, request as unknown as Wire<SM.CreateHyperParameterTuningJobRequest>, { at });
        break;
      case 'processingJob':
        resource = createProcessingJobRecord(state, request as unknown as Wire<SM.CreateProcessingJobRequest>, { at, outcome: options.status as 'Completed' | 'Failed' | 'Stopped' | undefined, failureReason: options.failureReason });
        break;
      case 'transformJob':
        resource = createTransformJobRecord(state, request as unknown as Wire<SM.CreateTransformJobRequest>, { at, outcome: options.status as 'Completed' | 'Failed' | 'Stopped' | undefined, failureReason: options.failureReason });
        break;
      case 'model':
        resource = createModelRecord(state, request as unknown as Wire<SM.CreateModelInput>, at);
        break;
      case 'endpointConfig':
        resource = createEndpointConfigRecord(state, request as unknown as Wire<SM.CreateEndpointConfigInput>, at);
        break;
      case 'endpoint': {
        const r = request as unknown as Wire<SM.CreateEndpointInput>;
        const config = state.endpointConfigs.get(r.EndpointConfigName);
        if (!config) throw new Error(`endpoint config ${r.EndpointConfigName} does not exist in ${region}`);
        resource = createEndpointRecord(state, r.EndpointName, config, r.Tags, { at, phases: phases(DURATIONS.endpoint.create), failureReason: options.failureReason }, r.DeploymentConfig);
        break;
      }
    }
    state.tick(now);
    return resource.arn;
  }

  // Typed shortcuts for put(), taking the SDK's own Create* request types.
  putDomain = (region: string, request: SM.CreateDomainRequest, options?: PutOptions): string => this.put('domain', region, asRecord(request), options);
  putUserProfile = (region: string, request: SM.CreateUserProfileRequest, options?: PutOptions): string => this.put('userProfile', region, asRecord(request), options);
  putSpace = (region: string, request: SM.CreateSpaceRequest, options?: PutOptions): string => this.put('space', region, asRecord(request), options);
  putApp = (region: string, request: SM.CreateAppRequest, options?: PutOptions): string => this.put('app', region, asRecord(request), options);
  putNotebookInstance = (region: string, request: SM.CreateNotebookInstanceInput, options?: PutOptions): string => this.put('notebookInstance', region, asRecord(request), options);
  putNotebookInstanceLifecycleConfig = (region: string, request: SM.CreateNotebookInstanceLifecycleConfigInput, options?: PutOptions): string =>
    this.put('notebookInstanceLifecycleConfig', region, asRecord(request), options);
  putTrainingJob = (region: string, request: SM.CreateTrainingJobRequest, options?: PutOptions): string => this.put('trainingJob', region, asRecord(request), options);
  putHyperParameterTuningJob = (region: string, request: SM.CreateHyperParameterTuningJobRequest, options?: PutOptions): string =>
    this.put('hyperParameterTuningJob', region, asRecord(request), options);
  putProcessingJob = (region: string, request: SM.CreateProcessingJobRequest, options?: PutOptions): string => this.put('processingJob', region, asRecord(request), options);
  putTransformJob = (region: string, request: SM.CreateTransformJobRequest, options?: PutOptions): string => this.put('transformJob', region, asRecord(request), options);
  putModel = (region: string, request: SM.CreateModelInput, options?: PutOptions): string => this.put('model', region, asRecord(request), options);
  putEndpointConfig = (region: string, request: SM.CreateEndpointConfigInput, options?: PutOptions): string => this.put('endpointConfig', region, asRecord(request), options);
  putEndpoint = (region: string, request: SM.CreateEndpointInput, options?: PutOptions): string => this.put('endpoint', region, asRecord(request), options);

  /** Decides how a running training job ends; its remaining timeline is re-planned from now. */
  setTrainingJobOutcome(region: string, name: string, outcome: TrainingOutcomeOverride, accountId?: string): void {
    const state = this.region(region, accountId);
    const job = state.trainingJobs.get(name);
    if (!job) throw new Error(`training job ${name} does not exist in ${region}`);
    setTrainingOutcome(state, job, this.world.clock.nowMs(), outcome);
  }

  /** Counts of live resources per kind in a region (what a seed produced, for example). */
  counts(region: string, accountId?: string): Record<ResourceKind, number> {
    const state = this.region(region, accountId);
    const now = this.world.clock.nowMs();
    const out = {} as Record<ResourceKind, number>;
    for (const kind of RESOURCE_KINDS) out[kind] = state.collection(kind).byCreationTime().filter((r) => !isGone(r, now)).length;
    return out;
  }
}
