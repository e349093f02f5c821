import type * as SM from '@aws-sdk/client-sagemaker';
import { randomBytes } from 'node:crypto';
import { type AwsError, resourceInUse, resourceNotFound, validationError } from '../core/errors';
import { partitionOf, sagemakerArn, sagemakerDomainSuffix } from './arn';
import { deepMerge, must, type SmHandler, tagsOf } from './common';
import { DURATIONS } from './durations';
import { listPage } from './listing';
import type { AppRecord, DomainRecord, SpaceRecord, UserProfileRecord } from './records';
import type { RegionState } from './state';
import { GONE, type Phase, Timeline } from './timeline';
import { clone, compact, ts, type Wire } from './wire';

type In<T> = Wire<T>;
const lastModified = (rec: { lastModifiedTime: number; timeline: Timeline }, now: number): number =>
  Math.max(rec.lastModifiedTime, rec.timeline.at(now).at);

const studioUrl = (state: RegionState, domainId: string): string =>
  `https://${domainId}.studio.${state.region}.${sagemakerDomainSuffix(state.region)}`;

const isLive = (status: string): boolean => status !== 'Deleting' && status !== GONE && status !== 'Deleted';

// ---------------------------------------------------------------- domains

export interface CreateOptions {
  at: number;
  /** A full timeline for seeded resources (otherwise: created at `at`). */
  phases?: Phase[];
  id?: string;
}

export function createDomainRecord(state: RegionState, spec: In<SM.CreateDomainRequest>, o: CreateOptions): DomainRecord {
  const r = state.env.random;
  const id = o.id ?? `d-${r.alnum(12)}`;
  const rec: DomainRecord = {
    key: id,
    id,
    name: spec.DomainName,
    arn: sagemakerArn(state.region, state.accountId, 'domain', id),
    creationTime: o.at,
    lastModifiedTime: o.at,
    tags: tagsOf(spec.Tags),
    spec: clone(spec),
    timeline: new Timeline(o.phases ?? [
      { at: o.at, status: 'Pending' },
      { at: o.at + DURATIONS.domain.create, status: 'InService' },
    ]),
    homeEfsFileSystemId: `fs-0${r.hex(16)}`,
    securityGroupId: `sg-0${r.hex(16)}`,
    vpcId: spec.VpcId ?? `vpc-0${r.hex(16)}`,
    subnetIds: spec.SubnetIds ?? [`subnet-0${r.hex(16)}`, `subnet-0${r.hex(16)}`],
  };
  return state.add(state.domains, rec);
}

const domainNotFound = (id: string): AwsError => resourceNotFound(`Cannot find Domain with id ${id}.`);

export function liveDomain(state: RegionState, id: string, now: number): DomainRecord {
  const domain = must(state.domains, id, () => domainNotFound(id));
  if (domain.timeline.status(now) === GONE) throw domainNotFound(id);
  return domain;
}

export function describeDomain(state: RegionState, d: DomainRecord, now: number): Wire<SM.DescribeDomainResponse> {
  const s = d.spec;
  return compact({
    DomainArn: d.arn,
    DomainId: d.id,
    DomainName: d.name,
    HomeEfsFileSystemId: d.homeEfsFileSystemId,
    SingleSignOnManagedApplicationInstanceId: s.AuthMode === 'SSO' ? `ins-${d.id.slice(2)}` : undefined,
    SingleSignOnApplicationArn: s.AuthMode === 'SSO' ? `arn:${partitionOf(state.region)}:sso::${state.accountId}:application/ssoins-${d.id.slice(2)}/apl-${d.id.slice(2)}` : undefined,
    Status: d.timeline.status(now) as SM.DomainStatus,
    CreationTime: ts(d.creationTime),
    LastModifiedTime: ts(lastModified(d, now)),
    SecurityGroupIdForDomainBoundary: d.securityGroupId,
    AuthMode: s.AuthMode,
    DefaultUserSettings: s.DefaultUserSettings,
    DomainSettings: s.DomainSettings,
    AppNetworkAccessType: s.AppNetworkAccessType ?? 'PublicInternetOnly',
    HomeEfsFileSystemKmsKeyId: s.HomeEfsFileSystemKmsKeyId,
    SubnetIds: d.subnetIds,
    Url: studioUrl(state, d.id),
    VpcId: d.vpcId,
    KmsKeyId: s.KmsKeyId,
    AppSecurityGroupManagement: s.AppSecurityGroupManagement,
    TagPropagation: s.TagPropagation ?? 'DISABLED',
    DefaultSpaceSettings: s.DefaultSpaceSettings,
  });
}

const CreateDomain: SmHandler = ({ state, now }, input) => {
  const spec = input as unknown as In<SM.CreateDomainRequest>;
  if (!spec.DefaultUserSettings.ExecutionRole) {
    throw validationError('1 validation error detected: Value null at \'defaultUserSettings.executionRole\' failed to satisfy constraint: Member must not be null');
  }
  const d = createDomainRecord(state, spec, { at: now });
  return { DomainArn: d.arn, DomainId: d.id, Url: studioUrl(state, d.id) } satisfies Wire<SM.CreateDomainResponse>;
};

const DescribeDomain: SmHandler = ({ state, now }, input) => {
  const { DomainId } = input as In<SM.DescribeDomainRequest>;
  return describeDomain(state, liveDomain(state, DomainId, now), now);
};

const ListDomains: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.ListDomainsRequest>;
  const page = listPage(state.domains, {
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    defaultSortOrder: 'Descending',
    filter: (d) => d.timeline.status(now) !== GONE,
  });
  return compact({
    Domains: page.items.map((d) => ({
      DomainArn: d.arn,
      DomainId: d.id,
      DomainName: d.name,
      Status: d.timeline.status(now) as SM.DomainStatus,
      CreationTime: ts(d.creationTime),
      LastModifiedTime: ts(lastModified(d, now)),
      Url: studioUrl(state, d.id),
    })),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListDomainsResponse>;
};

function requireStatus(status: string, allowed: string[], what: string, id: string): void {
  if (!allowed.includes(status)) throw resourceInUse(`${what} ${id} is in ${status} state; the operation requires ${allowed.join(' or ')}.`);
}

const UpdateDomain: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.UpdateDomainRequest>;
  const d = liveDomain(state, i.DomainId, now);
  requireStatus(d.timeline.status(now), ['InService', 'Update_Failed'], 'Domain', d.id);
  const s = d.spec;
  s.DefaultUserSettings = deepMerge(s.DefaultUserSettings, i.DefaultUserSettings);
  s.DefaultSpaceSettings = deepMerge(s.DefaultSpaceSettings, i.DefaultSpaceSettings);
  if (i.DomainSettingsForUpdate) {
    const { RStudioServerProDomainSettingsForUpdate: _rstudio, ...rest } = i.DomainSettingsForUpdate;
    s.DomainSettings = deepMerge(s.DomainSettings, rest);
  }
  if (i.AppSecurityGroupManagement) s.AppSecurityGroupManagement = i.AppSecurityGroupManagement;
  if (i.AppNetworkAccessType) s.AppNetworkAccessType = i.AppNetworkAccessType;
  if (i.TagPropagation) s.TagPropagation = i.TagPropagation;
  if (i.SubnetIds) d.subnetIds = i.SubnetIds;
  if (i.VpcId) d.vpcId = i.VpcId;
  d.lastModifiedTime = now;
  d.timeline.rewriteFuture(now, [
    { at: now, status: 'Updating' },
    { at: now + DURATIONS.domain.update, status: 'InService' },
  ]);
  return { DomainArn: d.arn } satisfies Wire<SM.UpdateDomainResponse>;
};

const DeleteDomain: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.DeleteDomainRequest>;
  const d = liveDomain(state, i.DomainId, now);
  if (d.timeline.status(now) === 'Deleting') return {};
  const hasProfiles = [...state.userProfiles.values()].some((p) => p.domainId === d.id && p.timeline.status(now) !== GONE);
  const hasSpaces = [...state.spaces.values()].some((p) => p.domainId === d.id && p.timeline.status(now) !== GONE);
  if (hasProfiles || hasSpaces) {
    throw resourceInUse(`Domain ${d.id} has ${hasProfiles ? 'UserProfiles' : 'Spaces'} that are not deleted. Delete them before deleting the domain.`);
  }
  const goneAt = now + DURATIONS.domain.delete;
  d.timeline.rewriteFuture(now, [{ at: now, status: 'Deleting' }, { at: goneAt, status: GONE }]);
  scheduleRemoval(state, state.domains, d, goneAt);
  return {};
};

/** Removes a resource once its timeline says it is gone (unless an action changed that since). */
export function scheduleRemoval<T extends { key: string; timeline: Timeline }>(
  state: RegionState,
  collection: Parameters<RegionState['remove']>[0],
  rec: T,
  at: number,
): void {
  state.scheduler.schedule(at, (t) => {
    if (rec.timeline.status(t) === GONE && collection.get(rec.key) === (rec as unknown)) state.remove(collection, rec.key);
  });
}

// ---------------------------------------------------------------- user profiles

const profileKey = (domainId: string, name: string): string => `${domainId}/${name}`.toLowerCase();
const profileNotFound = (domainId: string, name: string): AwsError =>
  resourceNotFound(`User profile [${name}] does not exist in domain [${domainId}].`);

export function createUserProfileRecord(state: RegionState, spec: In<SM.CreateUserProfileRequest>, o: CreateOptions): UserProfileRecord {
  const rec: UserProfileRecord = {
    key: profileKey(spec.DomainId, spec.UserProfileName),
    name: spec.UserProfileName,
    domainId: spec.DomainId,
    arn: sagemakerArn(state.region, state.accountId, 'user-profile', spec.DomainId, spec.UserProfileName),
    creationTime: o.at,
    lastModifiedTime: o.at,
    tags: tagsOf(spec.Tags),
    spec: clone(spec),
    timeline: new Timeline(o.phases ?? [
      { at: o.at, status: 'Pending' },
      { at: o.at + DURATIONS.userProfile.create, status: 'InService' },
    ]),
    homeEfsUid: String(200000 + state.env.random.int(1, 99999)),
  };
  return state.add(state.userProfiles, rec);
}

export function liveProfile(state: RegionState, domainId: string, name: string, now: number): UserProfileRecord {
  const p = state.userProfiles.get(profileKey(domainId, name));
  if (!p || p.timeline.status(now) === GONE) throw profileNotFound(domainId, name);
  return p;
}

export function describeUserProfile(p: UserProfileRecord, now: number): Wire<SM.DescribeUserProfileResponse> {
  return compact({
    DomainId: p.domainId,
    UserProfileArn: p.arn,
    UserProfileName: p.name,
    HomeEfsFileSystemUid: p.homeEfsUid,
    Status: p.timeline.status(now) as SM.UserProfileStatus,
    LastModifiedTime: ts(lastModified(p, now)),
    CreationTime: ts(p.creationTime),
    SingleSignOnUserIdentifier: p.spec.SingleSignOnUserIdentifier,
    SingleSignOnUserValue: p.spec.SingleSignOnUserValue,
    UserSettings: p.spec.UserSettings,
  });
}

const CreateUserProfile: SmHandler = ({ state, now }, input) => {
  const spec = input as unknown as In<SM.CreateUserProfileRequest>;
  const d = liveDomain(state, spec.DomainId, now);
  if (!isLive(d.timeline.status(now))) throw resourceNotFound(`Domain ${d.id} is being deleted.`);
  const existing = state.userProfiles.get(profileKey(spec.DomainId, spec.UserProfileName));
  if (existing && existing.timeline.status(now) !== GONE) {
    throw resourceInUse(`User profile [${spec.UserProfileName}] already exists in domain [${spec.DomainId}].`);
  }
  if (existing) state.remove(state.userProfiles, existing.key);
  const p = createUserProfileRecord(state, spec, { at: now });
  return { UserProfileArn: p.arn } satisfies Wire<SM.CreateUserProfileResponse>;
};

const DescribeUserProfile: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.DescribeUserProfileRequest>;
  return describeUserProfile(liveProfile(state, i.DomainId, i.UserProfileName, now), now);
};

const ListUserProfiles: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.ListUserProfilesRequest>;
  const page = listPage(state.userProfiles, {
    sortBy: i.SortBy,
    sortOrder: i.SortOrder,
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    lastModified: (p) => lastModified(p, now),
    filter: (p) =>
      p.timeline.status(now) !== GONE &&
      (i.DomainIdEquals === undefined || p.domainId === i.DomainIdEquals) &&
      (i.UserProfileNameContains === undefined || p.name.includes(i.UserProfileNameContains)),
  });
  return compact({
    UserProfiles: page.items.map((p) => ({
      DomainId: p.domainId,
      UserProfileName: p.name,
      Status: p.timeline.status(now) as SM.UserProfileStatus,
      CreationTime: ts(p.creationTime),
      LastModifiedTime: ts(lastModified(p, now)),
    })),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListUserProfilesResponse>;
};

const UpdateUserProfile: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.UpdateUserProfileRequest>;
  const p = liveProfile(state, i.DomainId, i.UserProfileName, now);
  requireStatus(p.timeline.status(now), ['InService', 'Update_Failed'], 'User profile', p.name);
  p.spec.UserSettings = deepMerge(p.spec.UserSettings, i.UserSettings);
  p.lastModifiedTime = now;
  p.timeline.rewriteFuture(now, [{ at: now, status: 'Updating' }, { at: now + DURATIONS.userProfile.update, status: 'InService' }]);
  return { UserProfileArn: p.arn } satisfies Wire<SM.UpdateUserProfileResponse>;
};

const appsOf = (state: RegionState, domainId: string, owner: { user?: string; space?: string }, now: number): AppRecord[] =>
  [...state.apps.values()].filter(
    (a) =>
      a.domainId === domainId &&
      (owner.user === undefined || a.userProfileName?.toLowerCase() === owner.user.toLowerCase()) &&
      (owner.space === undefined || a.spaceName?.toLowerCase() === owner.space.toLowerCase()) &&
      !['Deleted', GONE, 'Failed'].includes(a.timeline.status(now)),
  );

const DeleteUserProfile: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.DeleteUserProfileRequest>;
  const p = liveProfile(state, i.DomainId, i.UserProfileName, now);
  if (p.timeline.status(now) === 'Deleting') return {};
  if (appsOf(state, p.domainId, { user: p.name }, now).length > 0) {
    throw resourceInUse(`Unable to delete user profile [${p.name}] because it has apps that are not in Deleted state.`);
  }
  const ownsSpace = [...state.spaces.values()].some(
    (s) => s.domainId === p.domainId && s.spec.OwnershipSettings?.OwnerUserProfileName?.toLowerCase() === p.name.toLowerCase() && s.timeline.status(now) !== GONE,
  );
  if (ownsSpace) throw resourceInUse(`Unable to delete user profile [${p.name}] because it owns spaces. Delete its private spaces first.`);
  const goneAt = now + DURATIONS.userProfile.delete;
  p.timeline.rewriteFuture(now, [{ at: now, status: 'Deleting' }, { at: goneAt, status: GONE }]);
  scheduleRemoval(state, state.userProfiles, p, goneAt);
  return {};
};

// ---------------------------------------------------------------- spaces

const spaceKey = profileKey;
const spaceNotFound = (domainId: string, name: string): AwsError => resourceNotFound(`Space [${name}] does not exist in domain [${domainId}].`);

export function createSpaceRecord(state: RegionState, spec: In<SM.CreateSpaceRequest>, o: CreateOptions): SpaceRecord {
  const rec: SpaceRecord = {
    key: spaceKey(spec.DomainId, spec.SpaceName),
    name: spec.SpaceName,
    domainId: spec.DomainId,
    arn: sagemakerArn(state.region, state.accountId, 'space', spec.DomainId, spec.SpaceName),
    creationTime: o.at,
    lastModifiedTime: o.at,
    tags: tagsOf(spec.Tags),
    spec: clone(spec),
    timeline: new Timeline(o.phases ?? [
      { at: o.at, status: 'Pending' },
      { at: o.at + DURATIONS.space.create, status: 'InService' },
    ]),
    homeEfsUid: String(200000 + state.env.random.int(1, 99999)),
  };
  return state.add(state.spaces, rec);
}

export function liveSpace(state: RegionState, domainId: string, name: string, now: number): SpaceRecord {
  const s = state.spaces.get(spaceKey(domainId, name));
  if (!s || s.timeline.status(now) === GONE) throw spaceNotFound(domainId, name);
  return s;
}

const spaceUrl = (state: RegionState, s: SpaceRecord): string =>
  `${studioUrl(state, s.domainId)}/${(s.spec.SpaceSettings?.AppType ?? 'JupyterLab').toLowerCase()}/${s.spec.SpaceSharingSettings?.SharingType === 'Shared' ? 'shared' : 'default'}/${s.name.toLowerCase()}`;

export function describeSpace(state: RegionState, s: SpaceRecord, now: number): Wire<SM.DescribeSpaceResponse> {
  return compact({
    DomainId: s.domainId,
    SpaceArn: s.arn,
    SpaceName: s.name,
    HomeEfsFileSystemUid: s.homeEfsUid,
    Status: s.timeline.status(now) as SM.SpaceStatus,
    LastModifiedTime: ts(lastModified(s, now)),
    CreationTime: ts(s.creationTime),
    SpaceSettings: s.spec.SpaceSettings,
    OwnershipSettings: s.spec.OwnershipSettings,
    SpaceSharingSettings: s.spec.SpaceSharingSettings,
    SpaceDisplayName: s.spec.SpaceDisplayName,
    Url: spaceUrl(state, s),
  });
}

const CreateSpace: SmHandler = ({ state, now }, input) => {
  const spec = input as unknown as In<SM.CreateSpaceRequest>;
  const d = liveDomain(state, spec.DomainId, now);
  if (!isLive(d.timeline.status(now))) throw resourceNotFound(`Domain ${d.id} is being deleted.`);
  const sharing = spec.SpaceSharingSettings?.SharingType;
  if (sharing === 'Private' && !spec.OwnershipSettings) {
    throw validationError('OwnershipSettings must be specified for a private space.');
  }
  if (spec.OwnershipSettings) liveProfile(state, spec.DomainId, spec.OwnershipSettings.OwnerUserProfileName, now);
  if (spec.OwnershipSettings && !sharing) throw validationError('SpaceSharingSettings must be specified when OwnershipSettings is specified.');
  const existing = state.spaces.get(spaceKey(spec.DomainId, spec.SpaceName));
  if (existing && existing.timeline.status(now) !== GONE) throw resourceInUse(`Space [${spec.SpaceName}] already exists in domain [${spec.DomainId}].`);
  if (existing) state.remove(state.spaces, existing.key);
  const s = createSpaceRecord(state, spec, { at: now });
  return { SpaceArn: s.arn } satisfies Wire<SM.CreateSpaceResponse>;
};

const DescribeSpace: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.DescribeSpaceRequest>;
  return describeSpace(state, liveSpace(state, i.DomainId, i.SpaceName, now), now);
};

const ListSpaces: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.ListSpacesRequest>;
  const page = listPage(state.spaces, {
    sortBy: i.SortBy,
    sortOrder: i.SortOrder,
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    lastModified: (s) => lastModified(s, now),
    filter: (s) =>
      s.timeline.status(now) !== GONE &&
      (i.DomainIdEquals === undefined || s.domainId === i.DomainIdEquals) &&
      (i.SpaceNameContains === undefined || s.name.includes(i.SpaceNameContains)),
  });
  return compact({
    Spaces: page.items.map((s) =>
      compact({
        DomainId: s.domainId,
        SpaceName: s.name,
        Status: s.timeline.status(now) as SM.SpaceStatus,
        CreationTime: ts(s.creationTime),
        LastModifiedTime: ts(lastModified(s, now)),
        SpaceSettingsSummary: s.spec.SpaceSettings
          ? compact({
              AppType: s.spec.SpaceSettings.AppType,
              RemoteAccess: s.spec.SpaceSettings.RemoteAccess,
              SpaceStorageSettings: s.spec.SpaceSettings.SpaceStorageSettings,
            })
          : undefined,
        SpaceSharingSettingsSummary: s.spec.SpaceSharingSettings ? { SharingType: s.spec.SpaceSharingSettings.SharingType } : undefined,
        OwnershipSettingsSummary: s.spec.OwnershipSettings ? { OwnerUserProfileName: s.spec.OwnershipSettings.OwnerUserProfileName } : undefined,
        SpaceDisplayName: s.spec.SpaceDisplayName,
      }),
    ),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListSpacesResponse>;
};

const UpdateSpace: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.UpdateSpaceRequest>;
  const s = liveSpace(state, i.DomainId, i.SpaceName, now);
  requireStatus(s.timeline.status(now), ['InService', 'Update_Failed'], 'Space', s.name);
  s.spec.SpaceSettings = deepMerge(s.spec.SpaceSettings, i.SpaceSettings);
  if (i.SpaceDisplayName !== undefined) s.spec.SpaceDisplayName = i.SpaceDisplayName;
  s.lastModifiedTime = now;
  s.timeline.rewriteFuture(now, [{ at: now, status: 'Updating' }, { at: now + DURATIONS.space.update, status: 'InService' }]);
  return { SpaceArn: s.arn } satisfies Wire<SM.UpdateSpaceResponse>;
};

const DeleteSpace: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.DeleteSpaceRequest>;
  const s = liveSpace(state, i.DomainId, i.SpaceName, now);
  if (s.timeline.status(now) === 'Deleting') return {};
  if (appsOf(state, s.domainId, { space: s.name }, now).length > 0) {
    throw resourceInUse(`Unable to delete space [${s.name}] because it has apps that are not in Deleted state.`);
  }
  const goneAt = now + DURATIONS.space.delete;
  s.timeline.rewriteFuture(now, [{ at: now, status: 'Deleting' }, { at: goneAt, status: GONE }]);
  scheduleRemoval(state, state.spaces, s, goneAt);
  return {};
};

// ---------------------------------------------------------------- apps

const IN_SPACE_ONLY = new Set(['JupyterLab', 'CodeEditor']);

export const appKey = (domainId: string, owner: { user?: string; space?: string }, appType: string, appName: string): string =>
  (owner.space !== undefined ? `${domainId}/s/${owner.space}/${appType}/${appName}` : `${domainId}/u/${owner.user ?? ''}/${appType}/${appName}`).toLowerCase();

/** Public SageMaker image ARNs are owned by a service account per region. */
function imageArn(region: string, image: string): string {
  const distribution = image.startsWith('sagemaker-distribution');
  const owner = region === 'eu-west-1' ? (distribution ? '819792524951' : '470317259841') : distribution ? '885854791233' : '081325390199';
  return `arn:${partitionOf(region)}:sagemaker:${region}:${owner}:image/${image}`;
}

export function defaultResourceSpec(region: string, appType: string, instanceType?: string): Wire<SM.ResourceSpec> {
  switch (appType) {
    case 'JupyterServer':
      return { SageMakerImageArn: imageArn(region, 'jupyter-server-3'), InstanceType: 'system' };
    case 'KernelGateway':
      return { SageMakerImageArn: imageArn(region, 'sagemaker-data-science-310-v1'), InstanceType: (instanceType ?? 'ml.t3.medium') as SM.AppInstanceType };
    case 'JupyterLab':
    case 'CodeEditor':
      return {
        SageMakerImageArn: imageArn(region, 'sagemaker-distribution-cpu'),
        SageMakerImageVersionAlias: '2.4.1',
        InstanceType: (instanceType ?? 'ml.t3.medium') as SM.AppInstanceType,
      };
    case 'RStudioServerPro':
    case 'Canvas':
      return { InstanceType: 'system' };
    default:
      return { InstanceType: (instanceType ?? 'ml.t3.medium') as SM.AppInstanceType };
  }
}

export interface AppOptions extends CreateOptions {
  lastUserActivity?: number;
  failureReason?: string;
}

export function createAppRecord(state: RegionState, spec: In<SM.CreateAppRequest>, o: AppOptions): AppRecord {
  const owner = { user: spec.UserProfileName, space: spec.SpaceName };
  const ownerName = spec.SpaceName ?? spec.UserProfileName ?? '';
  const resourceSpec = { ...defaultResourceSpec(state.region, spec.AppType, spec.ResourceSpec?.InstanceType), ...spec.ResourceSpec };
  const readyAt = o.at + (DURATIONS.app.create[spec.AppType] ?? DURATIONS.app.createDefault);
  const rec: AppRecord = {
    key: appKey(spec.DomainId, owner, spec.AppType, spec.AppName),
    name: spec.AppName,
    domainId: spec.DomainId,
    userProfileName: spec.SpaceName === undefined ? spec.UserProfileName : undefined,
    spaceName: spec.SpaceName,
    appType: spec.AppType,
    appName: spec.AppName,
    arn: sagemakerArn(state.region, state.accountId, 'app', spec.DomainId, ownerName, spec.AppType, spec.AppName),
    creationTime: o.at,
    tags: tagsOf(spec.Tags),
    resourceSpec,
    recoveryMode: spec.RecoveryMode,
    timeline: new Timeline(o.phases ?? [
      { at: o.at, status: 'Pending' },
      { at: readyAt, status: 'InService' },
    ]),
    lastUserActivity: o.lastUserActivity ?? readyAt,
    failureReason: o.failureReason,
  };
  state.add(state.apps, rec);
  const deleted = rec.timeline.find((p) => p.status === 'Deleted');
  if (deleted) {
    const goneAt = deleted.at + DURATIONS.app.deletedListedFor;
    rec.timeline.rewriteFuture(goneAt, [{ at: goneAt, status: GONE }]);
    scheduleRemoval(state, state.apps, rec, goneAt);
  }
  return rec;
}

function findApp(state: RegionState, i: { DomainId: string; UserProfileName?: string; SpaceName?: string; AppType: string; AppName: string }, now: number): AppRecord {
  const app = state.apps.get(appKey(i.DomainId, { user: i.UserProfileName, space: i.SpaceName }, i.AppType, i.AppName));
  if (!app || app.timeline.status(now) === GONE) throw resourceNotFound(`App with name [${i.AppName}] of type [${i.AppType}] does not exist.`);
  return app;
}

export function describeApp(a: AppRecord, now: number): Wire<SM.DescribeAppResponse> {
  const status = a.timeline.status(now);
  const inService = status === 'InService';
  return compact({
    AppArn: a.arn,
    AppType: a.appType,
    AppName: a.appName,
    DomainId: a.domainId,
    UserProfileName: a.userProfileName,
    SpaceName: a.spaceName,
    Status: status as SM.AppStatus,
    RecoveryMode: a.recoveryMode,
    // Health checks run every few minutes while the app is up.
    LastHealthCheckTimestamp: inService ? ts(now - (now % 300_000)) : undefined,
    LastUserActivityTimestamp: status === 'Pending' ? undefined : ts(Math.min(a.lastUserActivity, now)),
    CreationTime: ts(a.creationTime),
    FailureReason: status === 'Failed' ? a.failureReason : undefined,
    ResourceSpec: a.resourceSpec,
  });
}

const CreateApp: SmHandler = ({ state, now }, input) => {
  const spec = input as unknown as In<SM.CreateAppRequest>;
  if ((spec.UserProfileName === undefined) === (spec.SpaceName === undefined)) {
    throw validationError('Exactly one of UserProfileName or SpaceName must be specified.');
  }
  const d = liveDomain(state, spec.DomainId, now);
  if (!isLive(d.timeline.status(now))) throw resourceNotFound(`Domain ${d.id} is being deleted.`);
  if (spec.UserProfileName !== undefined) {
    if (IN_SPACE_ONLY.has(spec.AppType)) throw validationError(`AppType ${spec.AppType} is only supported in a space. Specify SpaceName.`);
    liveProfile(state, spec.DomainId, spec.UserProfileName, now);
  } else {
    const space = liveSpace(state, spec.DomainId, spec.SpaceName!, now);
    const spaceType = space.spec.SpaceSettings?.AppType;
    if (spaceType && IN_SPACE_ONLY.has(spec.AppType) && spaceType !== spec.AppType) {
      throw validationError(`Space [${space.name}] is configured for ${spaceType} apps; cannot create a ${spec.AppType} app in it.`);
    }
  }
  const key = appKey(spec.DomainId, { user: spec.UserProfileName, space: spec.SpaceName }, spec.AppType, spec.AppName);
  const existing = state.apps.get(key);
  if (existing) {
    const status = existing.timeline.status(now);
    if (status !== 'Deleted' && status !== GONE && status !== 'Failed') {
      throw resourceInUse(`App [${existing.arn}] already exists and is in ${status} state.`);
    }
    state.remove(state.apps, existing.key);
  }
  const app = createAppRecord(state, spec, { at: now });
  return { AppArn: app.arn } satisfies Wire<SM.CreateAppResponse>;
};

const DescribeApp: SmHandler = ({ state, now }, input) => describeApp(findApp(state, input as In<SM.DescribeAppRequest>, now), now);

const ListApps: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.ListAppsRequest>;
  if (i.UserProfileNameEquals !== undefined && i.SpaceNameEquals !== undefined) {
    throw validationError('Only one of UserProfileNameEquals or SpaceNameEquals can be specified.');
  }
  const user = i.UserProfileNameEquals?.toLowerCase();
  const space = i.SpaceNameEquals?.toLowerCase();
  const page = listPage(state.apps, {
    sortBy: i.SortBy,
    sortOrder: i.SortOrder,
    maxResults: i.MaxResults,
    nextToken: i.NextToken,
    filter: (a) =>
      a.timeline.status(now) !== GONE &&
      (i.DomainIdEquals === undefined || a.domainId === i.DomainIdEquals) &&
      (user === undefined || a.userProfileName?.toLowerCase() === user) &&
      (space === undefined || a.spaceName?.toLowerCase() === space),
  });
  return compact({
    Apps: page.items.map((a) =>
      compact({
        DomainId: a.domainId,
        UserProfileName: a.userProfileName,
        SpaceName: a.spaceName,
        AppType: a.appType,
        AppName: a.appName,
        Status: a.timeline.status(now) as SM.AppStatus,
        CreationTime: ts(a.creationTime),
        ResourceSpec: a.resourceSpec,
      }),
    ),
    NextToken: page.nextToken,
  }) satisfies Wire<SM.ListAppsResponse>;
};

/** Deletes an app from `now`: Deleting, then Deleted (still listed), then gone. */
export function deleteApp(state: RegionState, app: AppRecord, now: number): void {
  const deletedAt = now + DURATIONS.app.delete;
  const goneAt = deletedAt + DURATIONS.app.deletedListedFor;
  app.timeline.rewriteFuture(now, [
    { at: now, status: 'Deleting' },
    { at: deletedAt, status: 'Deleted' },
    { at: goneAt, status: GONE },
  ]);
  scheduleRemoval(state, state.apps, app, goneAt);
}

const DeleteApp: SmHandler = ({ state, now }, input) => {
  const app = findApp(state, input as In<SM.DeleteAppRequest>, now);
  const status = app.timeline.status(now);
  if (status === 'Deleted' || status === 'Deleting') {
    throw validationError(`App [${app.arn}] is in ${status} state and cannot be deleted.`);
  }
  deleteApp(state, app, now);
  return {};
};

const CreatePresignedDomainUrl: SmHandler = ({ state, now }, input) => {
  const i = input as In<SM.CreatePresignedDomainUrlRequest>;
  const d = liveDomain(state, i.DomainId, now);
  liveProfile(state, i.DomainId, i.UserProfileName, now);
  if (i.SpaceName !== undefined) liveSpace(state, i.DomainId, i.SpaceName, now);
  const token = randomBytes(96).toString('base64url');
  const landing = i.LandingUri ? `&landingUri=${encodeURIComponent(i.LandingUri)}` : '';
  return { AuthorizedUrl: `${studioUrl(state, d.id)}/auth?token=${token}${landing}` } satisfies Wire<SM.CreatePresignedDomainUrlResponse>;
};

export const studioHandlers: Record<string, SmHandler> = {
  CreateDomain, DescribeDomain, ListDomains, UpdateDomain, DeleteDomain,
  CreateUserProfile, DescribeUserProfile, ListUserProfiles, UpdateUserProfile, DeleteUserProfile,
  CreateSpace, DescribeSpace, ListSpaces, UpdateSpace, DeleteSpace,
  CreateApp, DescribeApp, ListApps, DeleteApp, CreatePresignedDomainUrl,
};
