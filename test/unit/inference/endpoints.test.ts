import assert from 'node:assert/strict';
import { EndpointConfigCache, listEndpointConfigsPage } from '../../../src/core/resources/endpointConfigs';
import { endpointHourlyCost, invokeEndpoint, listEndpointsPage, type Endpoint } from '../../../src/core/resources/endpoints';
import { listModelsPage } from '../../../src/core/resources/models';
import { startWithClients, type EmulatorClients } from '../support/emulatorClients';
import { endpointConfigRequest, modelRequest } from '../jobs/support/fixtures';
import { fixedPrices, live } from '../jobs/support/prices';

describe('endpoints, configs and models (against the local service)', () => {
  let env: EmulatorClients;

  before(async () => {
    env = await startWithClients({ data: 'empty', clockSpeed: 0 });
    const { state } = env.emulator;
    const hourAgo = env.emulator.clock.now().getTime() - 3600_000;
    state.put('model', env.region, modelRequest('churn-model'), { createdAt: hourAgo - 5000 });
    state.put('model', env.region, modelRequest('fraud-model'), { createdAt: hourAgo - 4000 });
    state.put('endpointConfig', env.region, endpointConfigRequest('churn-config', 'churn-model', { instanceType: 'ml.m5.xlarge', count: 2 }), { createdAt: hourAgo - 3000 });
    state.put('endpointConfig', env.region, endpointConfigRequest('fraud-config', 'fraud-model', { serverless: { memory: 2048, concurrency: 5 } }), { createdAt: hourAgo - 2000 });
    state.put('endpoint', env.region, { EndpointName: 'churn', EndpointConfigName: 'churn-config' }, { status: 'InService', createdAt: hourAgo });
    state.put('endpoint', env.region, { EndpointName: 'churn-canary', EndpointConfigName: 'churn-config' }, { status: 'InService', createdAt: hourAgo + 1000 });
    state.put('endpoint', env.region, { EndpointName: 'fraud', EndpointConfigName: 'fraud-config' }, { status: 'InService', createdAt: hourAgo + 2000 });
  });

  after(async () => {
    await env.dispose();
  });

  beforeEach(() => {
    env.emulator.requests.clear();
    env.emulator.access.clear();
  });

  const byName = (endpoints: readonly Endpoint[], name: string): Endpoint => endpoints.find((endpoint) => endpoint.name === name)!;

  it('lists endpoints newest first with their variants: type from the config, count from the endpoint, the model', async () => {
    const configs = new EndpointConfigCache();
    const page = await listEndpointsPage(env.clients, env.region, { pageSize: 10 }, { configs });
    assert.equal(page.source, 'search');
    assert.deepEqual(
      page.items.map((endpoint) => endpoint.name),
      ['fraud', 'churn-canary', 'churn'],
    );
    const churn = byName(page.items, 'churn');
    assert.equal(churn.configName, 'churn-config');
    assert.deepEqual(churn.variants.map((v) => [v.name, v.instanceType, v.currentCount, v.modelName]), [['AllTraffic', 'ml.m5.xlarge', 2, 'churn-model']]);
    const fraud = byName(page.items, 'fraud');
    assert.deepEqual(fraud.variants[0]!.serverless, { memoryMb: 2048, maxConcurrency: 5, provisionedConcurrency: undefined });
    // Two configs for three endpoints: each described once.
    assert.equal(env.emulator.requests.list({ operation: 'DescribeEndpointConfig' }).length, 2);
    assert.equal(page.calls, 1 + 2);
  });

  it('describes each config once across refreshes (configs never change)', async () => {
    const configs = new EndpointConfigCache();
    await listEndpointsPage(env.clients, env.region, { pageSize: 10 }, { configs });
    const again = await listEndpointsPage(env.clients, env.region, { pageSize: 10 }, { configs });
    assert.equal(again.calls, 1);
    const configPage = await listEndpointConfigsPage(env.clients, env.region, { pageSize: 10 }, configs);
    assert.equal(configPage.calls, 1, 'the config list reuses the same answers');
    assert.deepEqual(
      configPage.items.map((config) => [config.name, config.variants?.[0]?.instanceType ?? 'serverless']),
      [
        ['fraud-config', 'serverless'],
        ['churn-config', 'ml.m5.xlarge'],
      ],
    );
    assert.equal(env.emulator.requests.list({ operation: 'DescribeEndpointConfig' }).length, 2);
  });

  it('falls back to ListEndpoints + DescribeEndpoint when Search is denied', async () => {
    env.emulator.access.deny({ operation: 'Search' });
    const fresh = env.newClients();
    try {
      const page = await listEndpointsPage(fresh, env.region, { pageSize: 2 }, { configs: new EndpointConfigCache() });
      assert.equal(page.source, 'listAndDescribe');
      assert.match(page.notes.join(' '), /Search is not allowed/);
      assert.deepEqual(
        page.items.map((endpoint) => endpoint.name),
        ['fraud', 'churn-canary'],
      );
      assert.equal(byName(page.items, 'churn-canary').variants[0]!.instanceType, 'ml.m5.xlarge');
      const next = await listEndpointsPage(fresh, env.region, { pageSize: 2, nextToken: page.nextToken }, { configs: new EndpointConfigCache() });
      assert.deepEqual(
        next.items.map((endpoint) => endpoint.name),
        ['churn'],
      );
    } finally {
      fresh.dispose();
    }
  });

  it('prices instance variants by the hour and says serverless ones bill per request', async () => {
    const page = await listEndpointsPage(env.clients, env.region, { pageSize: 10 }, { configs: new EndpointConfigCache() });
    const prices = fixedPrices({ 'ml.m5.xlarge/hosting': live(0.23) });
    const churn = endpointHourlyCost(byName(page.items, 'churn'), prices);
    assert.ok(Math.abs(churn.usdPerHour! - 0.46) < 1e-9);
    assert.equal(churn.serverless, false);
    const fraud = endpointHourlyCost(byName(page.items, 'fraud'), prices);
    assert.equal(fraud.usdPerHour, undefined);
    assert.equal(fraud.serverless, true);
    assert.equal(endpointHourlyCost(byName(page.items, 'churn'), fixedPrices({})).usdPerHour, undefined, 'unknown price: unknown, not $0');
  });

  it('lists models newest first', async () => {
    const page = await listModelsPage(env.clients, env.region, { pageSize: 1 });
    assert.deepEqual(
      page.items.map((model) => model.name),
      ['fraud-model'],
    );
    const next = await listModelsPage(env.clients, env.region, { pageSize: 1, nextToken: page.nextToken });
    assert.deepEqual(
      next.items.map((model) => model.name),
      ['churn-model'],
    );
  });

  it('invokes an endpoint and returns the service’s answer, its variant and the latency', async () => {
    {
      const result = await invokeEndpoint(env.clients, { region: env.region, name: 'churn', body: new TextEncoder().encode('1,2,3\n4,5,6\n'), contentType: 'text/csv' });
      const text = new TextDecoder().decode(result.body);
      assert.equal(text.split('\n').length, 2, 'one score per row');
      assert.equal(result.invokedVariant, 'AllTraffic');
      assert.match(result.contentType ?? '', /text\/csv/);
      assert.ok(Number.isFinite(result.latencyMs) && result.latencyMs > 0, 'the round trip is measured');
      const calls = env.emulator.requests.list({ operation: 'InvokeEndpoint' });
      assert.equal(calls.length, 1);
    }
  });
});
