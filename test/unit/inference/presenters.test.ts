import assert from 'node:assert/strict';
import type { EndpointConfig } from '../../../src/core/resources/endpointConfigs';
import type { Endpoint } from '../../../src/core/resources/endpoints';
import { formatVariantCapacity, presentEndpoint, presentEndpointConfig, presentModel, presentVariant, renderResponse } from '../../../src/views/presenters/inference';
import { estimated, fixedPrices, live } from '../jobs/support/prices';

const created = new Date('2026-11-20T10:00:00Z');
const base: Endpoint = {
  region: 'us-east-1',
  name: 'churn',
  arn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn',
  status: 'InService',
  configName: 'churn-config',
  created,
  variants: [{ name: 'AllTraffic', instanceType: 'ml.m5.xlarge', currentCount: 2, desiredCount: 2, modelName: 'churn-model', weight: 1 }],
  detail: 'full',
};

describe('inference view presenters', () => {
  it('says how many instances run against how many were asked for', () => {
    assert.equal(formatVariantCapacity({ name: 'AllTraffic', instanceType: 'ml.m5.xlarge', currentCount: 2, desiredCount: 2 }), 'ml.m5.xlarge × 2');
    assert.equal(formatVariantCapacity({ name: 'AllTraffic', instanceType: 'ml.m5.xlarge', currentCount: 1, desiredCount: 2 }), 'ml.m5.xlarge × 1 of 2');
    assert.equal(formatVariantCapacity({ name: 'AllTraffic', instanceType: 'ml.g4dn.xlarge', desiredCount: 1 }), 'ml.g4dn.xlarge × 1 requested, none running');
  });

  it('shows an endpoint’s status, capacity and hourly price, and what it runs', () => {
    const presentation = presentEndpoint(base, fixedPrices({ 'ml.m5.xlarge/hosting': live(0.23) }));
    assert.equal(presentation.description, 'InService · ml.m5.xlarge × 2 · $0.46/h');
    assert.equal(presentation.contextValue, 'endpoint.InService');
    assert.equal(presentation.collapsible, 'collapsed');
    assert.match(presentation.tooltip ?? '', /Endpoint config: churn-config/);
    assert.match(presentation.tooltip ?? '', /model churn-model/);
  });

  it('shows scaling in progress, estimates and serverless variants as such', () => {
    const scaling: Endpoint = { ...base, status: 'Updating', variants: [{ ...base.variants[0]!, currentCount: 1, desiredCount: 3 }] };
    assert.equal(
      presentEndpoint(scaling, fixedPrices({ 'ml.m5.xlarge/hosting': estimated(0.25, 'Studio rate') })).description,
      'Updating · ml.m5.xlarge × 1 of 3 · ≈ $0.25/h',
    );
    const serverless: Endpoint = { ...base, variants: [{ name: 'AllTraffic', serverless: { memoryMb: 2048, maxConcurrency: 5 }, modelName: 'm' }] };
    assert.equal(presentEndpoint(serverless, fixedPrices({})).description, 'InService · serverless 2048 MB, max 5 concurrent · serverless (billed per request)');
    assert.equal(presentEndpoint(base, fixedPrices({})).description, 'InService · ml.m5.xlarge × 2 · price unknown');
  });

  it('shows a variant row with capacity, model and its own price', () => {
    const row = presentVariant(base.variants[0]!, base, fixedPrices({ 'ml.m5.xlarge/hosting': live(0.23) }));
    assert.equal(row.label, 'AllTraffic');
    assert.equal(row.description, 'ml.m5.xlarge × 2 · model churn-model · $0.46/h');
  });

  it('shows configs and models', () => {
    const config: EndpointConfig = { region: 'us-east-1', name: 'c', arn: 'arn:c', created, variants: [{ name: 'AllTraffic', modelName: 'm', instanceType: 'ml.g5.xlarge', initialCount: 1 }] };
    assert.equal(presentEndpointConfig(config).description, 'ml.g5.xlarge × 1 · m');
    assert.equal(presentEndpointConfig({ ...config, variants: undefined }).description, undefined);
    assert.equal(presentModel({ region: 'us-east-1', name: 'm', arn: 'arn:m', created }).contextValue, 'model.none');
  });

  it('renders an endpoint’s answer: pretty JSON, text, or base64 for binary', () => {
    const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
    assert.deepEqual(renderResponse(encode('{"predictions":[0.5]}'), 'application/json'), { text: '{\n  "predictions": [\n    0.5\n  ]\n}', extension: 'json' });
    assert.deepEqual(renderResponse(encode('0.1\n0.2'), 'text/csv; charset=utf-8'), { text: '0.1\n0.2', extension: 'csv' });
    assert.deepEqual(renderResponse(encode('{"a":1}\n{"a":2}'), 'application/jsonlines'), { text: '{"a":1}\n{"a":2}', extension: 'txt' });
    const binary = renderResponse(new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00]), 'application/x-npy');
    assert.equal(binary.extension, 'base64.txt');
    assert.equal(binary.text, Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00]).toString('base64'));
  });
});
