import assert from 'node:assert/strict';
import { SearchCommand, type SearchCommandInput, type SearchCommandOutput } from '@aws-sdk/client-sagemaker';
import { startWithClients, type EmulatorClients } from '../support/emulatorClients';
import { endpointConfigRequest, modelRequest, putTrainingJobs, trainingRequest } from './support/fixtures';

/** The local service's Search, as the SDK sees it: the semantics the explorer and the cost guard rely on. */
describe('local service: Search', () => {
  let env: EmulatorClients;
  let names: string[];

  before(async () => {
    env = await startWithClients({ data: 'empty', clockSpeed: 0 });
    names = putTrainingJobs(env.emulator, env.region, 12, 'alpha');
    const now = env.emulator.clock.now().getTime();
    env.emulator.state.put('trainingJob', env.region, trainingRequest('beta-gpu', { instanceType: 'ml.g5.2xlarge', spot: true }), { createdAt: now - 60_000 });
    env.emulator.state.put('model', env.region, modelRequest('m1'));
    env.emulator.state.put('endpointConfig', env.region, endpointConfigRequest('c1', 'm1', { count: 2 }));
    env.emulator.state.put('endpoint', env.region, { EndpointName: 'live-ep', EndpointConfigName: 'c1' }, { status: 'InService', createdAt: now - 3600_000 });
  });

  after(async () => {
    await env.dispose();
  });

  async function search(input: Partial<SearchCommandInput>): Promise<SearchCommandOutput> {
    const client = await env.clients.sagemaker(env.region);
    return client.send(new SearchCommand({ Resource: 'TrainingJob', ...input }));
  }

  const jobNames = (answer: SearchCommandOutput): string[] => (answer.Results ?? []).map((record) => record.TrainingJob?.TrainingJobName ?? '?');

  it('returns full TrainingJob records sorted by CreationTime, descending', async () => {
    const answer = await search({ SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 5 });
    assert.deepEqual(jobNames(answer), ['beta-gpu', ...names.slice(0, 4)]);
    const record = answer.Results![0]!.TrainingJob!;
    assert.deepEqual(record.ResourceConfig, { InstanceType: 'ml.g5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 30 });
    assert.equal(record.EnableManagedSpotTraining, true);
    assert.ok(record.CreationTime instanceof Date);
  });

  it('pages with NextToken, stable when a resource is created between pages', async () => {
    const first = await search({ SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 6 });
    env.emulator.state.put('trainingJob', env.region, trainingRequest('gamma-new'), { createdAt: env.emulator.clock.now().getTime() - 1000 });
    const second = await search({ SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 6, NextToken: first.NextToken });
    const third = await search({ SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 6, NextToken: second.NextToken });
    assert.deepEqual([...jobNames(first), ...jobNames(second), ...jobNames(third)], ['beta-gpu', ...names]);
    assert.equal(third.NextToken, undefined);
  });

  it('filters with Equals, NotEquals, Contains (case-insensitive), In, Exists and numeric comparisons', async () => {
    const equals = await search({ SearchExpression: { Filters: [{ Name: 'TrainingJobStatus', Operator: 'Equals', Value: 'InProgress' }] }, MaxResults: 100 });
    assert.deepEqual(jobNames(equals).sort(), ['beta-gpu', 'gamma-new']);
    const notEquals = await search({ SearchExpression: { Filters: [{ Name: 'TrainingJobStatus', Operator: 'NotEquals', Value: 'InProgress' }] }, MaxResults: 100 });
    assert.equal(jobNames(notEquals).length, names.length);
    const contains = await search({ SearchExpression: { Filters: [{ Name: 'TrainingJobName', Operator: 'Contains', Value: 'ALPHA-000' }] }, MaxResults: 100 });
    assert.deepEqual(jobNames(contains).sort(), names.filter((name) => name.startsWith('alpha-000')).sort());
    const nested = await search({ SearchExpression: { Filters: [{ Name: 'ResourceConfig.InstanceType', Operator: 'In', Value: 'ml.g5.2xlarge,ml.p3.2xlarge' }] }, MaxResults: 100 });
    assert.deepEqual(jobNames(nested), ['beta-gpu']);
    const exists = await search({ SearchExpression: { Filters: [{ Name: 'BillableTimeInSeconds', Operator: 'Exists' }] }, MaxResults: 100 });
    assert.equal(jobNames(exists).length, names.length, 'only finished jobs have billable time');
    const cutoff = new Date(env.emulator.clock.now().getTime() - 10 * 60_000).toISOString();
    const recent = await search({ SearchExpression: { Filters: [{ Name: 'CreationTime', Operator: 'GreaterThan', Value: cutoff }] }, MaxResults: 100 });
    assert.deepEqual(jobNames(recent).sort(), ['beta-gpu', 'gamma-new']);
    const tag = await search({ SearchExpression: { Filters: [{ Name: 'HyperParameters.max_depth', Operator: 'Equals', Value: '5' }] }, MaxResults: 100 });
    assert.equal(jobNames(tag).length, names.length + 2);
  });

  it('combines SubExpressions with Or', async () => {
    const answer = await search({
      SearchExpression: {
        SubExpressions: [
          { Filters: [{ Name: 'TrainingJobName', Operator: 'Equals', Value: names[0] }] },
          { Filters: [{ Name: 'TrainingJobName', Operator: 'Equals', Value: 'beta-gpu' }] },
        ],
        Operator: 'Or',
      },
      SortBy: 'TrainingJobName',
      SortOrder: 'Ascending',
    });
    assert.deepEqual(jobNames(answer), [names[0], 'beta-gpu'].sort());
  });

  it('rejects what the service rejects: two Contains, comparisons on text, unknown properties, MaxResults over 100', async () => {
    await assert.rejects(
      search({
        SearchExpression: {
          Filters: [
            { Name: 'TrainingJobName', Operator: 'Contains', Value: 'a' },
            { Name: 'TrainingJobStatus', Operator: 'Contains', Value: 'b' },
          ],
        },
      }),
      (error: Error) => error.name === 'ValidationException' && /'CONTAINS' operator usage limit of 1 exceeded/.test(error.message),
    );
    await assert.rejects(search({ SearchExpression: { Filters: [{ Name: 'TrainingJobName', Operator: 'GreaterThan', Value: 'a' }] } }), { name: 'ValidationException' });
    await assert.rejects(search({ SearchExpression: { Filters: [{ Name: 'NoSuchProperty', Operator: 'Equals', Value: 'a' }] } }), { name: 'ValidationException' });
    await assert.rejects(search({ SearchExpression: { Filters: [{ Name: 'TrainingJobName', Operator: 'Equals' }] } }), { name: 'ValidationException' });
    await assert.rejects(search({ MaxResults: 101 }), { name: 'ValidationException' });
    await assert.rejects(search({ SearchExpression: {} }), { name: 'ValidationException' });
  });

  it('searches endpoints, with their variants', async () => {
    const answer = await search({ Resource: 'Endpoint', SearchExpression: { Filters: [{ Name: 'EndpointStatus', Operator: 'Equals', Value: 'InService' }] } });
    const endpoint = answer.Results![0]!.Endpoint!;
    assert.equal(endpoint.EndpointName, 'live-ep');
    assert.equal(endpoint.EndpointConfigName, 'c1');
    assert.equal(endpoint.ProductionVariants?.[0]?.CurrentInstanceCount, 2);
  });
});
