import type * as SM from '@aws-sdk/client-sagemaker';
import { randomBytes } from 'node:crypto';
import { validationError } from '../core/errors';
import { sagemakerArn, sagemakerDomainSuffix } from './arn';
import { ec2Id, type SmHandler, tagsOf, transitionError } from './common';
import { DURATIONS } from './durations';
import { listPage, toMs } from './listing';
import type { LifecycleConfigRecord, NotebookInstanceRecord } from './records';
import type { RegionState } from './state';
import { scheduleRemoval } from './studio';
import { GONE, type Phase, Timeline } from './timeline';
import { clone, compact, ts, type Wire } from './wire';

type In<T> = Wire<T>;
const WHAT = 'Notebook Instance';

const notebookUrl = (state: RegionState, name: string): string =>
  `${name.toLowerCase()}.notebook.${state.region}.${sagemakerDomainSuffix(state.region)}`;

/** The real service answers a missing notebook instance with a bare "RecordNotFound". */
const recordNotFound = () => validationError('RecordNotFound');

export function createNotebookRecord(state: RegionState, spec: In<SM.CreateNotebookInstanceInput>, o: { at: number; phases?: Phase[] }): NotebookInstanceRecord {
  const rec: NotebookInstanceRecord = {
    key: spec.NotebookInstanceName.toLowerCase(),
    name: spec.NotebookInstanceName,
    arn: sagemakerArn(state.region, state.accountId, 'notebook-instance', spec.NotebookInstanceName),
    creationTime: o.at,
    lastModifiedTime: o.at,
    tags: tagsOf(spec.Tags),
    spec: clone(spec),
    timeline: new Timeline(o.phases ?? [
      { at: o.at, status: 'Pending' },
      { at: o.at + DURATIONS.notebookInstance.create, status: 'InService' },
    ]),
    networkInterfaceId: spec.SubnetId ? ec2Id('eni', state.env.random.hex(16)) : undefined,
  };
  return state.add(state.notebookInstances, rec);
}

function live(state: RegionState, name: string, now: number): NotebookInstanceRecord {
  const nb = state.notebookInstances.get(name);
  if (!nb || nb.timeline.status(now) === GONE) throw recordNotFound();
  return nb;
}

const lastModified = (nb: NotebookInstanceRecord, now: number): number => Math.max(nb.lastModifiedTime, nb.timeline.at(now).at);

export function describeNotebookInstance(state: RegionState, nb: NotebookInstanceRecord, now: number): Wire<SM.DescribeNotebookInstanceOutput> {
  const s = nb.spec;
  const status = nb.timeline.status(now) as SM.NotebookInstanceStatus;
  return compact({
    NotebookInstanceArn: nb.arn,
    NotebookInstanceName: nb.name,
    NotebookInstanceStatus: status,
    FailureReason: status === 'Failed' ? nb.failureReason : undefined,
    Url: notebookUrl(state, nb.name),
    InstanceType: s.InstanceType,
    IpAddressType: s.IpAddressType,
    SubnetId: s.SubnetId,
    SecurityGroups: s.SecurityGroupIds,
    RoleArn: s.RoleArn,
    KmsKeyId: s.KmsKeyId,
    NetworkInterfaceId: nb.networkInterfaceId,
    LastModifiedTime: ts(lastModified(nb, now)),
    CreationTime: ts(nb.creationTime),
    NotebookInstanceLifecycleConfigName: s.LifecycleConfigName,
    DirectInternetAccess: s.DirectInternetAccess ?? 'Enabled',
    VolumeSizeInGB: s.VolumeSizeInGB ?? 5,
    AcceleratorTypes: s.AcceleratorTypes,
    DefaultCodeRepository: s.DefaultCodeRepository,
    AdditionalCodeRepositories: s.AdditionalCodeRepositories,
    RootAccess: s.RootAccess ?? 'Enabled',
    PlatformIdentifier: s.PlatformIdentifier ?? 'notebook-al2-v3',
    InstanceMetadataServiceConfiguration: s.InstanceMetadataServiceConfiguration ?? { MinimumInstanceMetadataServiceVersion: '2' },
  });
}

function requireLifecycleConfig(state: RegionState, name: string | undefined): void {
  if (name !== undefined && !state.lifecycleConfigs.has(name)) {
    throw validationError(`Notebook Instance Lifecycle Config '${name}' does not exist.`);
  }
}

const CreateNotebookInstance: SmHandler = ({ state, now }, input) => {
  const spec = input as unknown as In<SM.CreateNotebookInstanceInput>;
  const existing = state.notebookInstances.get(spec.NotebookInstanceName);
  if (existing && existing.timeline.status(now) !== GONE) {
    throw validationError(`Cannot create a duplicate Notebook Instance (${existing.arn})`);
  }
  if (existing) state.remove(state.notebookInstances, existing.key);
  requireLifecycleConfig(state, spec.LifecycleConfigName);
  const nb = createNotebookRecord(state, spec, { at: now });
  return { NotebookInstanceArn: nb.arn } satisfies Wire<SM.CreateNotebookInstanceOutput>;
};

const DescribeNotebookInstance: SmHandler = ({ state, now }, input) =>
  describeNotebookInstance(state, live(state, (input as In<SM.DescribeNotebookInstanceInput>).NotebookInstanceName, now), now);

const ListNotebookInstances: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.ListNotebookInstancesInput>;
  const lmAfter = toMs(i.LastModifiedTimeAfter);
  const lmBefore = toMs(i.LastModifiedTimeBefore);
  const page = listPage(state.notebookInstances, {
    sortBy: i.SortBy,
    sortOrder: i.SortOrder,
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    createdAfter: toMs(i.CreationTimeAfter),
    createdBefore: toMs(i.CreationTimeBefore),
    status: (nb) => nb.timeline.status(now),
    filter: (nb) => {
      const status = nb.timeline.status(now);
      const lm = lastModified(nb, now);
      return (
        status !== GONE &&
        (i.StatusEquals === undefined || status === i.StatusEquals) &&
        (i.NameContains === undefined || nb.name.toLowerCase().includes(i.NameContains.toLowerCase())) &&
        (lmAfter === undefined || lm > lmAfter) &&
        (lmBefore === undefined || lm < lmBefore) &&
        (i.NotebookInstanceLifecycleConfigNameContains === undefined || (nb.spec.LifecycleConfigName ?? '').includes(i.NotebookInstanceLifecycleConfigNameContains)) &&
        (i.DefaultCodeRepositoryContains === undefined || (nb.spec.DefaultCodeRepository ?? '').includes(i.DefaultCodeRepositoryContains)) &&
        (i.AdditionalCodeRepositoryEquals === undefined || (nb.spec.AdditionalCodeRepositories ?? []).includes(i.AdditionalCodeRepositoryEquals))
      );
    },
  });
  return compact({
    NotebookInstances: page.items.map((nb) =>
      compact({
        NotebookInstanceName: nb.name,
        NotebookInstanceArn: nb.arn,
        NotebookInstanceStatus: nb.timeline.status(now) as SM.NotebookInstanceStatus,
        Url: notebookUrl(state, nb.name),
        InstanceType: nb.spec.InstanceType,
        CreationTime: ts(nb.creationTime),
        LastModifiedTime: ts(lastModified(nb, now)),
        NotebookInstanceLifecycleConfigName: nb.spec.LifecycleConfigName,
        DefaultCodeRepository: nb.spec.DefaultCodeRepository,
        AdditionalCodeRepositories: nb.spec.AdditionalCodeRepositories,
      }),
    ),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListNotebookInstancesOutput>;
};

function transition(nb: NotebookInstanceRecord, now: number, allowed: string[], target: string, phases: Phase[]): void {
  const status = nb.timeline.status(now);
  if (!allowed.includes(status)) throw transitionError(status, allowed, target, WHAT, nb.arn);
  nb.timeline.rewriteFuture(now, phases);
}

const StartNotebookInstance: SmHandler = ({ state, now }, input) => {
  const nb = live(state, (input as In<SM.StartNotebookInstanceInput>).NotebookInstanceName, now);
  transition(nb, now, ['Stopped', 'Failed'], 'Pending', [
    { at: now, status: 'Pending' },
    { at: now + DURATIONS.notebookInstance.start, status: 'InService' },
  ]);
  return {};
};

const StopNotebookInstance: SmHandler = ({ state, now }, input) => {
  const nb = live(state, (input as In<SM.StopNotebookInstanceInput>).NotebookInstanceName, now);
  transition(nb, now, ['InService'], 'Stopping', [
    { at: now, status: 'Stopping' },
    { at: now + DURATIONS.notebookInstance.stop, status: 'Stopped' },
  ]);
  return {};
};

const DeleteNotebookInstance: SmHandler = ({ state, now }, input) => {
  const nb = live(state, (input as In<SM.DeleteNotebookInstanceInput>).NotebookInstanceName, now);
  const goneAt = now + DURATIONS.notebookInstance.delete;
  transition(nb, now, ['Stopped', 'Failed'], 'Deleting', [
    { at: now, status: 'Deleting' },
    { at: goneAt, status: GONE },
  ]);
  scheduleRemoval(state, state.notebookInstances, nb, goneAt);
  return {};
};

const UpdateNotebookInstance: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.UpdateNotebookInstanceInput>;
  const nb = live(state, i.NotebookInstanceName, now);
  requireLifecycleConfig(state, i.LifecycleConfigName);
  transition(nb, now, ['Stopped', 'Failed'], 'Updating', [
    { at: now, status: 'Updating' },
    { at: now + DURATIONS.notebookInstance.update, status: 'Stopped' },
  ]);
  const s = nb.spec;
  if (i.InstanceType) s.InstanceType = i.InstanceType;
  if (i.IpAddressType) s.IpAddressType = i.IpAddressType;
  if (i.PlatformIdentifier) s.PlatformIdentifier = i.PlatformIdentifier;
  if (i.RoleArn) s.RoleArn = i.RoleArn;
  if (i.LifecycleConfigName) s.LifecycleConfigName = i.LifecycleConfigName;
  if (i.DisassociateLifecycleConfig) delete s.LifecycleConfigName;
  if (i.VolumeSizeInGB) s.VolumeSizeInGB = i.VolumeSizeInGB;
  if (i.DefaultCodeRepository) s.DefaultCodeRepository = i.DefaultCodeRepository;
  if (i.DisassociateDefaultCodeRepository) delete s.DefaultCodeRepository;
  if (i.AdditionalCodeRepositories) s.AdditionalCodeRepositories = i.AdditionalCodeRepositories;
  if (i.DisassociateAdditionalCodeRepositories) delete s.AdditionalCodeRepositories;
  if (i.AcceleratorTypes) s.AcceleratorTypes = i.AcceleratorTypes;
  if (i.DisassociateAcceleratorTypes) delete s.AcceleratorTypes;
  if (i.RootAccess) s.RootAccess = i.RootAccess;
  if (i.InstanceMetadataServiceConfiguration) s.InstanceMetadataServiceConfiguration = i.InstanceMetadataServiceConfiguration;
  nb.lastModifiedTime = now;
  return {} satisfies Wire<SM.UpdateNotebookInstanceOutput>;
};

const CreatePresignedNotebookInstanceUrl: SmHandler = ({ state, now }, input) => {
  const nb = live(state, (input as In<SM.CreatePresignedNotebookInstanceUrlInput>).NotebookInstanceName, now);
  return {
    AuthorizedUrl: `https://${notebookUrl(state, nb.name)}?authToken=${randomBytes(96).toString('base64url')}`,
  } satisfies Wire<SM.CreatePresignedNotebookInstanceUrlOutput>;
};

// ---------------------------------------------------------------- lifecycle configs

export function createLifecycleConfigRecord(state: RegionState, spec: In<SM.CreateNotebookInstanceLifecycleConfigInput>, at: number): LifecycleConfigRecord {
  return state.add(state.lifecycleConfigs, {
    key: spec.NotebookInstanceLifecycleConfigName.toLowerCase(),
    name: spec.NotebookInstanceLifecycleConfigName,
    arn: sagemakerArn(state.region, state.accountId, 'notebook-instance-lifecycle-config', spec.NotebookInstanceLifecycleConfigName),
    creationTime: at,
    lastModifiedTime: at,
    tags: tagsOf(spec.Tags),
    spec: clone(spec),
  });
}

const CreateNotebookInstanceLifecycleConfig: SmHandler = ({ state, now }, input) => {
  const spec = input as unknown as In<SM.CreateNotebookInstanceLifecycleConfigInput>;
  const existing = state.lifecycleConfigs.get(spec.NotebookInstanceLifecycleConfigName);
  if (existing) throw validationError(`Unable to create Notebook Instance Lifecycle Config ${existing.arn}. (Details: Notebook Instance Lifecycle Config already exists.)`);
  const rec = createLifecycleConfigRecord(state, spec, now);
  return { NotebookInstanceLifecycleConfigArn: rec.arn } satisfies Wire<SM.CreateNotebookInstanceLifecycleConfigOutput>;
};

const DescribeNotebookInstanceLifecycleConfig: SmHandler = ({ state }, input) => {
  const name = (input as In<SM.DescribeNotebookInstanceLifecycleConfigInput>).NotebookInstanceLifecycleConfigName;
  const rec = state.lifecycleConfigs.get(name);
  if (!rec) throw validationError(`Unable to describe Notebook Instance Lifecycle Config '${name}'. (Details: Notebook Instance Lifecycle Config does not exist.)`);
  return compact({
    NotebookInstanceLifecycleConfigArn: rec.arn,
    NotebookInstanceLifecycleConfigName: rec.name,
    OnCreate: rec.spec.OnCreate,
    OnStart: rec.spec.OnStart,
    LastModifiedTime: ts(rec.lastModifiedTime),
    CreationTime: ts(rec.creationTime),
  }) satisfies Wire<SM.DescribeNotebookInstanceLifecycleConfigOutput>;
};

const ListNotebookInstanceLifecycleConfigs: SmHandler = ({ state }, input) => {
  const i = input as In<SM.ListNotebookInstanceLifecycleConfigsInput>;
  const lmAfter = toMs(i.LastModifiedTimeAfter);
  const lmBefore = toMs(i.LastModifiedTimeBefore);
  const page = listPage(state.lifecycleConfigs, {
    sortBy: i.SortBy,
    sortOrder: i.SortOrder,
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    createdAfter: toMs(i.CreationTimeAfter),
    createdBefore: toMs(i.CreationTimeBefore),
    lastModified: (c) => c.lastModifiedTime,
    filter: (c) =>
      (i.NameContains === undefined || c.name.toLowerCase().includes(i.NameContains.toLowerCase())) &&
      (lmAfter === undefined || c.lastModifiedTime > lmAfter) &&
      (lmBefore === undefined || c.lastModifiedTime < lmBefore),
  });
  return compact({
    NotebookInstanceLifecycleConfigs: page.items.map((c) => ({
      NotebookInstanceLifecycleConfigName: c.name,
      NotebookInstanceLifecycleConfigArn: c.arn,
      CreationTime: ts(c.creationTime),
      LastModifiedTime: ts(c.lastModifiedTime),
    })),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListNotebookInstanceLifecycleConfigsOutput>;
};

export const notebookHandlers: Record<string, SmHandler> = {
  CreateNotebookInstance, DescribeNotebookInstance, ListNotebookInstances, StartNotebookInstance,
  StopNotebookInstance, DeleteNotebookInstance, UpdateNotebookInstance, CreatePresignedNotebookInstanceUrl,
  CreateNotebookInstanceLifecycleConfig, DescribeNotebookInstanceLifecycleConfig, ListNotebookInstanceLifecycleConfigs,
};
