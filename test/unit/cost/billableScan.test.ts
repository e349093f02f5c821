import { strict as assert } from 'node:assert';
import type { BillableResource } from '../../../src/core/cost/billable';
import { BillableScanner } from '../../../src/core/cost/billableScan';
import type { ClientFactory } from '../../../src/core/aws/clientFactory';
import { startEmulator, type Emulator } from '../../emulator/index';
import { testClients, useTestProfile, type TestProfile } from './support/clients';
import { expectedBilling, type ExpectedResource } from './support/expectedBilling';

/** The scanner's answer in the shape of the expectation: kind:name → instances. */
function scanned(resource: BillableResource): ExpectedResource {
  const instances: Record<string, number> = {};
  for (const instance of resource.instances) instances[instance.instanceType] = (instances[instance.instanceType] ?? 0) + instance.count;
  const name = resource.kind === 'app' ? `${resource.app?.spaceName ?? resource.app?.userProfileName}/${resource.app?.appType}/${resource.app?.appName}` : resource.name;
  const use = resource.instances[0]?.use ?? (resource.serverless ? 'hosting' : '');
  return { key: `${resource.kind}:${name}`, region: resource.region, instances, use, ...(resource.app ? { appType: resource.app.appType } : {}) };
}

const byKey = (a: ExpectedResource, b: ExpectedResource): number => `${a.region}/${a.key}`.localeCompare(`${b.region}/${b.key}`);

describe('billable scan against the local service', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let profile: TestProfile;
  let clients: ClientFactory;

  before(async () => {
    emulator = await startEmulator({ data: 'demo', clockSpeed: 0 });
    profile = await useTestProfile(emulator.credentials);
  });
  after(async () => {
    await emulator.stop();
    await profile.dispose();
  });
  beforeEach(async () => {
    emulator.access.clear();
    emulator.requests.clear();
    clients = await testClients(profile, { endpointUrl: emulator.url });
  });
  afterEach(() => clients.dispose());

  it('finds exactly what bills in the demo data of two regions, with instance types and counts', async () => {
    const scanner = new BillableScanner({ clients });
    const result = await scanner.scan(['us-east-1', 'eu-west-1']);
    const expected = [...expectedBilling(emulator.state, 'us-east-1'), ...expectedBilling(emulator.state, 'eu-west-1')].sort(byKey);
    assert.ok(expected.length >= 8, 'the demo data has a fair number of running resources');
    assert.deepEqual(result.resources.map(scanned).sort(byKey), expected);
    assert.deepEqual(result.regions.map((region) => [region.region, region.skipped, region.problems.length]), [['us-east-1', undefined, 0], ['eu-west-1', undefined, 0]]);
    // The serverless endpoint is listed at no hourly cost, not hidden.
    assert.equal(result.resources.find((resource) => resource.name === 'churn-serverless')?.serverless, true);
  });

  it('asks seven calls of a quiet region, and describes endpoint configs once across scans', async () => {
    const scanner = new BillableScanner({ clients });
    await scanner.scan(['us-west-2']);
    const quiet = emulator.requests.list({ region: 'us-west-2', service: 'sagemaker' });
    assert.deepEqual(quiet.map((request) => request.operation).sort(), [
      'ListApps',
      'ListHyperParameterTuningJobs',
      'ListNotebookInstances',
      'ListProcessingJobs',
      'ListTransformJobs',
      'Search',
      'Search',
    ]);
    await scanner.scan(['us-east-1']);
    const configsFirst = emulator.requests.list({ region: 'us-east-1', operation: 'DescribeEndpointConfig' }).length;
    assert.ok(configsFirst > 0);
    await scanner.scan(['us-east-1']);
    assert.equal(emulator.requests.list({ region: 'us-east-1', operation: 'DescribeEndpointConfig' }).length, configsFirst);
  });

  it('falls back to List + Describe where Search is denied, and finds the same', async () => {
    emulator.access.deny({ operation: 'sagemaker:Search' });
    const result = await new BillableScanner({ clients }).scan(['us-east-1']);
    assert.deepEqual(result.resources.map(scanned).sort(byKey), expectedBilling(emulator.state, 'us-east-1').sort(byKey));
    assert.ok(emulator.requests.list({ operation: 'DescribeTrainingJob' }).length > 0);
    assert.ok(emulator.requests.list({ operation: 'DescribeEndpoint' }).length > 0);
    assert.equal(result.regions[0]?.problems.length, 0);
  });

  it('skips and notes a region that is not enabled or denies access, and scans the others', async () => {
    emulator.access.disableRegion('ap-east-1');
    emulator.access.deny({ region: 'eu-west-1' });
    const result = await new BillableScanner({ clients }).scan(['us-east-1', 'eu-west-1', 'ap-east-1']);
    const byRegion = new Map(result.regions.map((region) => [region.region, region]));
    assert.equal(byRegion.get('ap-east-1')?.skipped?.kind, 'regionNotEnabled');
    assert.equal(byRegion.get('eu-west-1')?.skipped?.kind, 'accessDenied');
    assert.equal(byRegion.get('us-east-1')?.skipped, undefined);
    assert.deepEqual(result.resources.map(scanned).sort(byKey), expectedBilling(emulator.state, 'us-east-1').sort(byKey));
  });

  it('reports a part that fails and keeps the rest of the region', async () => {
    emulator.access.deny({ operation: 'ListApps', region: 'us-east-1' });
    const result = await new BillableScanner({ clients }).scan(['us-east-1']);
    assert.deepEqual(result.regions[0]?.problems.map((problem) => [problem.part, problem.kind]), [['apps', 'accessDenied']]);
    assert.equal(result.regions[0]?.skipped, undefined);
    const expected = expectedBilling(emulator.state, 'us-east-1').filter((resource) => !resource.key.startsWith('app:'));
    assert.deepEqual(result.resources.map(scanned).sort(byKey), expected.sort(byKey));
  });
});
