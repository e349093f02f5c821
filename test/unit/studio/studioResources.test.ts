import { strict as assert } from 'node:assert';
import { classifyAwsError } from '../../../src/core/aws/errors';
import { appKey, listApps, shutDownApps, type App } from '../../../src/core/resources/apps';
import { describeDomain, isUnifiedStudioDomain, listDomains } from '../../../src/core/resources/domains';
import { effectiveIdleSetting, readIdleShutdown, setIdleShutdown } from '../../../src/core/resources/idleSettings';
import { createStudioUrl } from '../../../src/core/resources/presignedUrls';
import { groupSpacesByOwner, listSpaces } from '../../../src/core/resources/spaces';
import { listUserProfiles } from '../../../src/core/resources/userProfiles';
import { startStudioTestBed, type StudioTestBed } from './support/emulatorClients';
import { seedSmallStudio, type SmallStudio } from './support/studioSeed';

describe('Studio resources against the local service', () => {
  let bed: StudioTestBed;
  let studio: SmallStudio;

  before(async () => {
    bed = await startStudioTestBed();
  });
  after(async () => {
    await bed.dispose();
  });
  beforeEach(() => {
    bed.emulator.reset({ data: 'empty' });
    studio = seedSmallStudio(bed.emulator, bed.region);
    bed.emulator.requests.clear();
  });

  const calls = (operation: string) => bed.emulator.requests.list({ operation });

  it('lists a domain, its profiles and spaces, with private spaces under their owner', async () => {
    const [domain] = await listDomains(bed.clients, bed.region);
    assert.equal(domain?.name, 'ml-research');
    assert.equal(domain?.status, 'InService');
    const profiles = await listUserProfiles(bed.clients, bed.region, studio.domainId);
    assert.deepEqual(profiles.map((p) => p.name), ['ana', 'bo']);
    const { shared, privateByOwner } = groupSpacesByOwner(await listSpaces(bed.clients, bed.region, studio.domainId));
    assert.deepEqual(shared.map((s) => s.name), ['team-lab']);
    assert.deepEqual(privateByOwner.get('ana')?.map((s) => [s.name, s.appType]), [['ana-lab', 'JupyterLab']]);
    assert.deepEqual(privateByOwner.get('bo')?.map((s) => [s.name, s.appType]), [['bo-code', 'CodeEditor']]);
    assert.deepEqual(calls('ListUserProfiles').map((r) => (r.input as { DomainIdEquals?: string }).DomainIdEquals), [studio.domainId]);
  });

  it('tells a Unified Studio domain from a plain one by its DescribeDomain answer', async () => {
    const arn = bed.emulator.state.put('domain', bed.region, {
      DomainName: 'unified-project',
      AuthMode: 'IAM',
      DefaultUserSettings: { ExecutionRole: 'arn:aws:iam::123456789012:role/r' },
      DomainSettings: { UnifiedStudioSettings: { DomainId: 'dzd_abc123', ProjectId: 'prj-1', StudioWebPortalAccess: 'DISABLED' } },
      SubnetIds: ['subnet-1'],
      VpcId: 'vpc-1',
    }, { status: 'InService' });
    const unified = arn.split('/').pop()!;
    assert.equal(isUnifiedStudioDomain(await describeDomain(bed.clients, bed.region, unified)), true);
    assert.equal(isUnifiedStudioDomain(await describeDomain(bed.clients, bed.region, studio.domainId)), false);
  });

  it('lists apps by owner with one ListApps call, keeping instance type and creation time', async () => {
    const ana = await listApps(bed.clients, bed.region, { domainId: studio.domainId, userProfileName: 'ana' });
    assert.deepEqual(ana.map((a) => `${a.appType}/${a.appName}/${a.instanceType}/${a.status}`).sort(), [
      'JupyterServer/default/system/InService',
      'KernelGateway/datascience-ml-m5-large/ml.m5.large/InService',
    ]);
    const space = await listApps(bed.clients, bed.region, { domainId: studio.domainId, spaceName: 'bo-code' });
    assert.deepEqual(space.map((a) => [a.appType, a.status, a.spaceName, a.userProfileName]), [['CodeEditor', 'Deleted', 'bo-code', undefined]]);
    assert.ok(ana.every((a) => a.created instanceof Date && a.created.getTime() < Date.now()));
    assert.equal(calls('ListApps').length, 2);
    assert.equal(calls('DescribeApp').length, 0);
  });

  it('follows NextToken: one call per page, never a Describe per row', async () => {
    for (let i = 0; i < 130; i++) {
      bed.emulator.state.put('userProfile', bed.region, { DomainId: studio.domainId, UserProfileName: `user-${String(i).padStart(3, '0')}` }, { status: 'InService' });
    }
    bed.emulator.requests.clear();
    const profiles = await listUserProfiles(bed.clients, bed.region, studio.domainId);
    assert.equal(profiles.length, 132);
    assert.equal(calls('ListUserProfiles').length, 2);
    assert.equal(calls('DescribeUserProfile').length, 0);
  });

  it('shuts apps down with one DeleteApp each, naming the owner, and carries on past a failure', async () => {
    const apps = [
      ...(await listApps(bed.clients, bed.region, { domainId: studio.domainId, spaceName: 'ana-lab' })),
      ...(await listApps(bed.clients, bed.region, { domainId: studio.domainId, spaceName: 'team-lab' })),
      ...(await listApps(bed.clients, bed.region, { domainId: studio.domainId, userProfileName: 'ana' })).filter((a) => a.appType === 'KernelGateway'),
    ];
    bed.emulator.access.deny({ operation: 'DeleteApp', match: { SpaceName: 'team-lab' } });
    bed.emulator.requests.clear();
    const settled: string[] = [];
    const results = await shutDownApps(bed.clients, apps, { onSettled: (result) => settled.push(result.outcome) });
    assert.deepEqual(
      results.map((r) => [r.app.spaceName ?? r.app.userProfileName, r.outcome]),
      [['ana-lab', 'shutDown'], ['team-lab', 'failed'], ['ana', 'shutDown']],
    );
    assert.equal(classifyAwsError(results[1]!.error).kind, 'accessDenied');
    assert.equal(settled.length, 3);
    const deletes = calls('DeleteApp').map((r) => r.input);
    assert.equal(deletes.length, 3);
    assert.deepEqual(deletes.find((input) => (input as { SpaceName?: string }).SpaceName === 'ana-lab'), {
      DomainId: studio.domainId,
      SpaceName: 'ana-lab',
      AppType: 'JupyterLab',
      AppName: 'default',
    });
    assert.deepEqual(deletes.find((input) => (input as { UserProfileName?: string }).UserProfileName === 'ana'), {
      DomainId: studio.domainId,
      UserProfileName: 'ana',
      AppType: 'KernelGateway',
      AppName: 'datascience-ml-m5-large',
    });
    const after = await listApps(bed.clients, bed.region, { domainId: studio.domainId, spaceName: 'ana-lab' });
    assert.equal(after[0]?.status, 'Deleting');
  });

  it('sends nothing once cancelled', async () => {
    const apps = await listApps(bed.clients, bed.region, { domainId: studio.domainId });
    bed.emulator.requests.clear();
    const abort = new AbortController();
    abort.abort();
    const results = await shutDownApps(bed.clients, apps, { signal: abort.signal });
    assert.ok(results.every((r) => r.outcome === 'cancelled'));
    assert.equal(calls('DeleteApp').length, 0);
  });

  it('identifies an app the same way from any listing', () => {
    const app: App = { region: 'r', domainId: 'd-1', spaceName: 'Lab', appType: 'JupyterLab', appName: 'default', status: 'InService' };
    assert.equal(appKey(app), appKey({ ...app, spaceName: 'lab' }));
    assert.notEqual(appKey(app), appKey({ ...app, spaceName: undefined, userProfileName: 'lab' }));
  });

  it('reads idle shutdown from the domain, the profile, a private space and its owner', async () => {
    const bo = await readIdleShutdown(bed.clients, { kind: 'userProfile', region: bed.region, domainId: studio.domainId, userProfileName: 'bo' });
    assert.deepEqual(bo.levels.map((l) => l.level), ['domain', 'userProfile']);
    const boLab = effectiveIdleSetting(bo, 'JupyterLab');
    assert.equal(boLab.enabled, true);
    assert.equal(boLab.enabledFrom, 'domain');
    assert.equal(boLab.timeoutMinutes, 60);
    assert.equal(boLab.timeoutFrom, 'userProfile');
    assert.equal(effectiveIdleSetting(bo, 'CodeEditor').enabled, false);

    const shared = await readIdleShutdown(bed.clients, { kind: 'space', region: bed.region, domainId: studio.domainId, spaceName: 'team-lab' });
    assert.deepEqual(shared.appTypes, ['JupyterLab']);
    assert.deepEqual(shared.levels.map((l) => l.level), ['domain', 'space']);
    assert.equal(effectiveIdleSetting(shared, 'JupyterLab').timeoutMinutes, 240);
    assert.equal(effectiveIdleSetting(shared, 'JupyterLab').maxMinutes, 480);

    bed.emulator.requests.clear();
    const privateSpace = await readIdleShutdown(bed.clients, { kind: 'space', region: bed.region, domainId: studio.domainId, spaceName: 'bo-code' });
    assert.deepEqual(privateSpace.levels.map((l) => `${l.level}:${l.name}`), ['domain:ml-research', 'userProfile:bo', 'space:bo-code']);
    assert.deepEqual(privateSpace.appTypes, ['CodeEditor']);
    assert.deepEqual(calls('DescribeUserProfile').map((r) => (r.input as { UserProfileName: string }).UserProfileName), ['bo']);
  });

  it('sets idle shutdown sending only what changes, and the service keeps the rest', async () => {
    await setIdleShutdown(bed.clients, { kind: 'userProfile', region: bed.region, domainId: studio.domainId, userProfileName: 'bo' }, 'CodeEditor', {
      enabled: true,
      timeoutMinutes: 90,
    });
    const [update] = calls('UpdateUserProfile');
    assert.deepEqual(update?.input, {
      DomainId: studio.domainId,
      UserProfileName: 'bo',
      UserSettings: { CodeEditorAppSettings: { AppLifecycleManagement: { IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: 90 } } } },
    });
    bed.emulator.clock.advance(60_000);
    const bo = await readIdleShutdown(bed.clients, { kind: 'userProfile', region: bed.region, domainId: studio.domainId, userProfileName: 'bo' });
    assert.equal(effectiveIdleSetting(bo, 'CodeEditor').timeoutMinutes, 90);
    // The JupyterLab timeout set before is untouched.
    assert.equal(effectiveIdleSetting(bo, 'JupyterLab').timeoutMinutes, 60);

    await setIdleShutdown(bed.clients, { kind: 'space', region: bed.region, domainId: studio.domainId, spaceName: 'team-lab' }, 'JupyterLab', {
      enabled: true,
      timeoutMinutes: 180,
    });
    assert.deepEqual(calls('UpdateSpace')[0]?.input, {
      DomainId: studio.domainId,
      SpaceName: 'team-lab',
      SpaceSettings: { JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { IdleTimeoutInMinutes: 180 } } } },
    });
    await setIdleShutdown(bed.clients, { kind: 'domain', region: bed.region, domainId: studio.domainId }, 'JupyterLab', { enabled: false });
    assert.deepEqual(calls('UpdateDomain')[0]?.input, {
      DomainId: studio.domainId,
      DefaultUserSettings: { JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { LifecycleManagement: 'DISABLED' } } } },
    });
  });

  it('asks for a Studio URL as the space owner, opening the space', async () => {
    const url = await createStudioUrl(bed.clients, { region: bed.region, domainId: studio.domainId, userProfileName: 'ana', spaceName: 'ana-lab' });
    assert.match(url, /^https?:\/\//);
    assert.deepEqual(calls('CreatePresignedDomainUrl')[0]?.input, { DomainId: studio.domainId, UserProfileName: 'ana', SpaceName: 'ana-lab', ExpiresInSeconds: 300 });
  });
});
