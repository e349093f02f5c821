import {
  CreateAppCommand, CreateDomainCommand, CreatePresignedDomainUrlCommand, CreateSpaceCommand, CreateUserProfileCommand,
  DeleteAppCommand, DeleteDomainCommand, DeleteSpaceCommand, DeleteUserProfileCommand, DescribeAppCommand, DescribeDomainCommand,
  DescribeSpaceCommand, DescribeUserProfileCommand, ListAppsCommand, ListDomainsCommand, ListSpacesCommand, ListUserProfilesCommand,
  paginateListApps, ResourceInUse, ResourceNotFound, UpdateDomainCommand, UpdateSpaceCommand, type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/index';
import { clientsFor, DAY, HOUR, MINUTE, rejection, ROLE, start } from './helpers';

describe('local service: Studio domains, user profiles, spaces and apps', () => {
  let emu: Emulator;
  let sm: SageMakerClient;

  beforeEach(async () => {
    emu = await start({ data: 'empty', clockSpeed: 0 });
    sm = clientsFor(emu).sagemaker;
  });
  afterEach(() => emu.stop());

  async function domain(): Promise<string> {
    const d = await sm.send(new CreateDomainCommand({ DomainName: 'team', AuthMode: 'IAM', DefaultUserSettings: { ExecutionRole: ROLE }, SubnetIds: ['subnet-0a1'], VpcId: 'vpc-0b2' }));
    emu.clock.advance(10 * MINUTE);
    return d.DomainId!;
  }

  it('runs a domain through Pending, InService, Updating and Deleting', async () => {
    const created = await sm.send(new CreateDomainCommand({ DomainName: 'ml-platform', AuthMode: 'IAM', DefaultUserSettings: { ExecutionRole: ROLE } }));
    assert.match(created.DomainId!, /^d-[a-z0-9]{12}$/);
    assert.equal(created.DomainArn, `arn:aws:sagemaker:us-east-1:123456789012:domain/${created.DomainId}`);
    assert.equal(created.Url, `https://${created.DomainId}.studio.us-east-1.sagemaker.aws`);
    const describe = () => sm.send(new DescribeDomainCommand({ DomainId: created.DomainId }));
    assert.equal((await describe()).Status, 'Pending');
    emu.clock.advance(5 * MINUTE);
    assert.equal((await describe()).Status, 'Pending');
    emu.clock.advance(2 * MINUTE);
    const ready = await describe();
    assert.equal(ready.Status, 'InService');
    assert.equal(ready.DefaultUserSettings?.ExecutionRole, ROLE);
    assert.ok(ready.CreationTime instanceof Date && ready.CreationTime.getFullYear() === new Date().getFullYear());
    await sm.send(new UpdateDomainCommand({
      DomainId: created.DomainId,
      DefaultUserSettings: { JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: 90 } } } },
    }));
    const updating = await describe();
    assert.equal(updating.Status, 'Updating');
    assert.equal(updating.DefaultUserSettings?.JupyterLabAppSettings?.AppLifecycleManagement?.IdleSettings?.IdleTimeoutInMinutes, 90);
    assert.equal(updating.DefaultUserSettings?.ExecutionRole, ROLE, 'an update merges into the settings');
    emu.clock.advance(2 * MINUTE);
    assert.equal((await describe()).Status, 'InService');
    const list = await sm.send(new ListDomainsCommand({}));
    assert.deepEqual(list.Domains?.map((d) => [d.DomainId, d.Status]), [[created.DomainId, 'InService']]);
    await sm.send(new DeleteDomainCommand({ DomainId: created.DomainId }));
    assert.equal((await describe()).Status, 'Deleting');
    emu.clock.advance(5 * MINUTE);
    const gone = await rejection(describe());
    assert.ok(gone instanceof ResourceNotFound);
    assert.deepEqual((await sm.send(new ListDomainsCommand({}))).Domains, []);
  });

  it('refuses to delete a domain that still has user profiles', async () => {
    const id = await domain();
    await sm.send(new CreateUserProfileCommand({ DomainId: id, UserProfileName: 'ana' }));
    const err = await rejection(sm.send(new DeleteDomainCommand({ DomainId: id })));
    assert.ok(err instanceof ResourceInUse, err.name);
  });

  it('creates apps in private spaces and walks them from Pending to Deleted and out of the listing', async () => {
    const id = await domain();
    await sm.send(new CreateUserProfileCommand({ DomainId: id, UserProfileName: 'ana' }));
    await sm.send(new CreateSpaceCommand({
      DomainId: id, SpaceName: 'ana-lab', SpaceSettings: { AppType: 'JupyterLab' },
      OwnershipSettings: { OwnerUserProfileName: 'ana' }, SpaceSharingSettings: { SharingType: 'Private' },
    }));
    emu.clock.advance(MINUTE);
    const space = await sm.send(new DescribeSpaceCommand({ DomainId: id, SpaceName: 'ana-lab' }));
    assert.equal(space.Status, 'InService');
    assert.equal(space.OwnershipSettings?.OwnerUserProfileName, 'ana');
    const spaces = await sm.send(new ListSpacesCommand({ DomainIdEquals: id }));
    assert.equal(spaces.Spaces?.[0]?.SpaceSharingSettingsSummary?.SharingType, 'Private');
    assert.equal(spaces.Spaces?.[0]?.OwnershipSettingsSummary?.OwnerUserProfileName, 'ana');

    const app = await sm.send(new CreateAppCommand({ DomainId: id, SpaceName: 'ana-lab', AppType: 'JupyterLab', AppName: 'default', ResourceSpec: { InstanceType: 'ml.g5.xlarge' } }));
    assert.equal(app.AppArn, `arn:aws:sagemaker:us-east-1:123456789012:app/${id}/ana-lab/jupyterlab/default`);
    const describe = () => sm.send(new DescribeAppCommand({ DomainId: id, SpaceName: 'ana-lab', AppType: 'JupyterLab', AppName: 'default' }));
    assert.equal((await describe()).Status, 'Pending');
    emu.clock.advance(3 * MINUTE);
    const running = await describe();
    assert.equal(running.Status, 'InService');
    assert.equal(running.ResourceSpec?.InstanceType, 'ml.g5.xlarge');
    assert.equal(running.SpaceName, 'ana-lab');
    assert.equal(running.UserProfileName, undefined);

    const inUse = await rejection(sm.send(new DeleteSpaceCommand({ DomainId: id, SpaceName: 'ana-lab' })));
    assert.ok(inUse instanceof ResourceInUse);

    await sm.send(new DeleteAppCommand({ DomainId: id, SpaceName: 'ana-lab', AppType: 'JupyterLab', AppName: 'default' }));
    assert.equal((await describe()).Status, 'Deleting');
    emu.clock.advance(2 * MINUTE);
    assert.equal((await describe()).Status, 'Deleted');
    const again = await rejection(sm.send(new DeleteAppCommand({ DomainId: id, SpaceName: 'ana-lab', AppType: 'JupyterLab', AppName: 'default' })));
    assert.equal(again.name, 'ValidationException');
    assert.match(again.message, /Deleted/);
    const listed = await sm.send(new ListAppsCommand({ DomainIdEquals: id }));
    assert.deepEqual(listed.Apps?.map((a) => a.Status), ['Deleted'], 'deleted apps stay listed for a while');
    emu.clock.advance(DAY + HOUR);
    assert.deepEqual((await sm.send(new ListAppsCommand({ DomainIdEquals: id }))).Apps, []);
    assert.ok((await rejection(describe())) instanceof ResourceNotFound);
    // The name can be used again once the old app is gone.
    await sm.send(new CreateAppCommand({ DomainId: id, SpaceName: 'ana-lab', AppType: 'JupyterLab', AppName: 'default' }));
  });

  it('rejects apps in the wrong place and duplicates', async () => {
    const id = await domain();
    await sm.send(new CreateUserProfileCommand({ DomainId: id, UserProfileName: 'ben' }));
    const labOnProfile = await rejection(sm.send(new CreateAppCommand({ DomainId: id, UserProfileName: 'ben', AppType: 'JupyterLab', AppName: 'default' })));
    assert.equal(labOnProfile.name, 'ValidationException');
    assert.match(labOnProfile.message, /space/i);
    const neither = await rejection(sm.send(new CreateAppCommand({ DomainId: id, AppType: 'KernelGateway', AppName: 'k' })));
    assert.equal(neither.name, 'ValidationException');
    const missingProfile = await rejection(sm.send(new CreateAppCommand({ DomainId: id, UserProfileName: 'nobody', AppType: 'JupyterServer', AppName: 'default' })));
    assert.ok(missingProfile instanceof ResourceNotFound);
    await sm.send(new CreateAppCommand({ DomainId: id, UserProfileName: 'ben', AppType: 'JupyterServer', AppName: 'default' }));
    const duplicate = await rejection(sm.send(new CreateAppCommand({ DomainId: id, UserProfileName: 'ben', AppType: 'JupyterServer', AppName: 'default' })));
    assert.ok(duplicate instanceof ResourceInUse);
    const profileInUse = await rejection(sm.send(new DeleteUserProfileCommand({ DomainId: id, UserProfileName: 'ben' })));
    assert.ok(profileInUse instanceof ResourceInUse);
    const jupyterServer = await sm.send(new DescribeAppCommand({ DomainId: id, UserProfileName: 'ben', AppType: 'JupyterServer', AppName: 'default' }));
    assert.equal(jupyterServer.ResourceSpec?.InstanceType, 'system');
  });

  it('filters ListApps by user profile and by space, and refuses both at once', async () => {
    const id = await domain();
    for (const user of ['ana', 'ben']) await sm.send(new CreateUserProfileCommand({ DomainId: id, UserProfileName: user }));
    await sm.send(new CreateSpaceCommand({ DomainId: id, SpaceName: 'shared', SpaceSharingSettings: { SharingType: 'Shared' }, SpaceSettings: { AppType: 'JupyterLab' } }));
    emu.clock.advance(MINUTE);
    await sm.send(new CreateAppCommand({ DomainId: id, UserProfileName: 'ana', AppType: 'JupyterServer', AppName: 'default' }));
    await sm.send(new CreateAppCommand({ DomainId: id, UserProfileName: 'ana', AppType: 'KernelGateway', AppName: 'kg-1', ResourceSpec: { InstanceType: 'ml.m5.xlarge' } }));
    await sm.send(new CreateAppCommand({ DomainId: id, UserProfileName: 'ben', AppType: 'KernelGateway', AppName: 'kg-2' }));
    await sm.send(new CreateAppCommand({ DomainId: id, SpaceName: 'shared', AppType: 'JupyterLab', AppName: 'default' }));
    const ana = await sm.send(new ListAppsCommand({ DomainIdEquals: id, UserProfileNameEquals: 'ana' }));
    assert.deepEqual(ana.Apps?.map((a) => a.AppName).sort(), ['default', 'kg-1']);
    const shared = await sm.send(new ListAppsCommand({ DomainIdEquals: id, SpaceNameEquals: 'shared' }));
    assert.deepEqual(shared.Apps?.map((a) => [a.AppType, a.SpaceName]), [['JupyterLab', 'shared']]);
    const both = await rejection(sm.send(new ListAppsCommand({ UserProfileNameEquals: 'ana', SpaceNameEquals: 'shared' })));
    assert.equal(both.name, 'ValidationException');
    const ascending = await sm.send(new ListAppsCommand({ DomainIdEquals: id, SortOrder: 'Ascending' }));
    const descending = await sm.send(new ListAppsCommand({ DomainIdEquals: id }));
    assert.deepEqual(ascending.Apps?.map((a) => a.AppName), [...(descending.Apps ?? [])].reverse().map((a) => a.AppName));
  });

  it('updates spaces and user profiles and answers missing ones with ResourceNotFound', async () => {
    const id = await domain();
    await sm.send(new CreateUserProfileCommand({ DomainId: id, UserProfileName: 'chen', UserSettings: { ExecutionRole: ROLE } }));
    await sm.send(new CreateSpaceCommand({ DomainId: id, SpaceName: 'chen-lab', SpaceSettings: { AppType: 'JupyterLab' }, OwnershipSettings: { OwnerUserProfileName: 'chen' }, SpaceSharingSettings: { SharingType: 'Private' } }));
    emu.clock.advance(MINUTE);
    await sm.send(new UpdateSpaceCommand({ DomainId: id, SpaceName: 'chen-lab', SpaceSettings: { SpaceStorageSettings: { EbsStorageSettings: { EbsVolumeSizeInGb: 50 } } }, SpaceDisplayName: 'GPU lab' }));
    const updated = await sm.send(new DescribeSpaceCommand({ DomainId: id, SpaceName: 'chen-lab' }));
    assert.equal(updated.Status, 'Updating');
    assert.equal(updated.SpaceSettings?.AppType, 'JupyterLab');
    assert.equal(updated.SpaceSettings?.SpaceStorageSettings?.EbsStorageSettings?.EbsVolumeSizeInGb, 50);
    assert.equal(updated.SpaceDisplayName, 'GPU lab');
    const profile = await sm.send(new DescribeUserProfileCommand({ DomainId: id, UserProfileName: 'chen' }));
    assert.equal(profile.UserProfileArn, `arn:aws:sagemaker:us-east-1:123456789012:user-profile/${id}/chen`);
    assert.match(profile.HomeEfsFileSystemUid!, /^\d+$/);
    const missing = await rejection(sm.send(new DescribeUserProfileCommand({ DomainId: id, UserProfileName: 'nobody' })));
    assert.ok(missing instanceof ResourceNotFound);
    const filtered = await sm.send(new ListUserProfilesCommand({ DomainIdEquals: id, UserProfileNameContains: 'che' }));
    assert.deepEqual(filtered.UserProfiles?.map((p) => p.UserProfileName), ['chen']);
  });

  it('creates presigned Studio URLs for existing user profiles only', async () => {
    const id = await domain();
    await sm.send(new CreateUserProfileCommand({ DomainId: id, UserProfileName: 'ana' }));
    const url = await sm.send(new CreatePresignedDomainUrlCommand({ DomainId: id, UserProfileName: 'ana', ExpiresInSeconds: 60 }));
    assert.match(url.AuthorizedUrl!, new RegExp(`^https://${id}\\.studio\\.us-east-1\\.sagemaker\\.aws/auth\\?token=[\\w-]+$`));
    const err = await rejection(sm.send(new CreatePresignedDomainUrlCommand({ DomainId: id, UserProfileName: 'ghost' })));
    assert.ok(err instanceof ResourceNotFound);
  });

  it('takes resources put in directly, with past creation times and chosen statuses', async () => {
    const now = emu.clock.now().getTime();
    emu.state.putDomain('eu-west-1', { DomainName: 'put', AuthMode: 'IAM', DefaultUserSettings: { ExecutionRole: ROLE } }, { createdAt: now - 30 * DAY, status: 'InService' });
    const [d] = emu.state.list('domain', 'eu-west-1') as { DomainId: string; Status: string }[];
    assert.equal(d!.Status, 'InService');
    emu.state.putUserProfile('eu-west-1', { DomainId: d!.DomainId, UserProfileName: 'eli' }, { status: 'InService' });
    emu.state.putApp('eu-west-1', { DomainId: d!.DomainId, UserProfileName: 'eli', AppType: 'KernelGateway', AppName: 'gpu', ResourceSpec: { InstanceType: 'ml.g5.12xlarge' } }, { createdAt: now - 3 * DAY, status: 'InService' });
    emu.state.putApp('eu-west-1', { DomainId: d!.DomainId, UserProfileName: 'eli', AppType: 'JupyterServer', AppName: 'default' }, { createdAt: now - DAY, status: 'Deleted' });
    const apps = await clientsFor(emu, { region: 'eu-west-1' }).sagemaker.send(new ListAppsCommand({ DomainIdEquals: d!.DomainId }));
    assert.deepEqual(apps.Apps?.map((a) => [a.AppName, a.Status, a.CreationTime!.getTime()]), [['default', 'Deleted', now - DAY], ['gpu', 'InService', now - 3 * DAY]]);
    assert.deepEqual((await sm.send(new ListAppsCommand({}))).Apps, [], 'put in eu-west-1 only');
  });

  it('pages through the demo account\'s apps without gaps or repeats', async () => {
    const demo = await start({ data: 'demo', clockSpeed: 0 });
    try {
      const client = clientsFor(demo).sagemaker;
      const seen: string[] = [];
      let pages = 0;
      for await (const page of paginateListApps({ client, pageSize: 3 }, {})) {
        pages++;
        assert.ok((page.Apps?.length ?? 0) <= 3);
        for (const a of page.Apps ?? []) seen.push(`${a.DomainId}/${a.UserProfileName ?? a.SpaceName}/${a.AppType}/${a.AppName}`);
      }
      const expected = (demo.state.list('app', 'us-east-1') as { AppArn: string }[]).length;
      assert.equal(seen.length, expected);
      assert.equal(new Set(seen).size, expected);
      assert.ok(pages >= Math.ceil(expected / 3));
      const times = (await client.send(new ListAppsCommand({ MaxResults: 100 }))).Apps!.map((a) => a.CreationTime!.getTime());
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first by default');
    } finally {
      await demo.stop();
    }
  });
});
