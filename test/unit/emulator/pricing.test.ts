import { DescribeServicesCommand, GetAttributeValuesCommand, GetProductsCommand, paginateGetProducts } from '@aws-sdk/client-pricing';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, PRICED_USES } from '../../emulator/index';
import { clientsFor, rejection, start } from './helpers';

interface Offer {
  product: { attributes: Record<string, string>; productFamily: string; sku: string };
  terms: { OnDemand: Record<string, { priceDimensions: Record<string, { unit: string; pricePerUnit: { USD: string } }> }> };
}

const prices = JSON.parse(readFileSync(join(__dirname, '../../../data/sagemaker-prices.json'), 'utf8')) as { prices: Record<string, { studio_classic: Record<string, number> }> };

/** The price as the offer file states it: terms.OnDemand.*.priceDimensions.*.pricePerUnit.USD. */
function usd(item: string): number {
  const offer = JSON.parse(item) as Offer;
  const term = Object.values(offer.terms.OnDemand)[0]!;
  const dim = Object.values(term.priceDimensions)[0]!;
  assert.equal(dim.unit, 'Hrs');
  return Number(dim.pricePerUnit.USD);
}

describe('local service: Price List API', () => {
  let emu: Emulator;

  before(async () => {
    emu = await start({ data: 'empty' });
  });
  after(() => emu.stop());

  const filters = (region: string, instance: string, component: string) => [
    { Type: 'TERM_MATCH' as const, Field: 'regionCode', Value: region },
    { Type: 'TERM_MATCH' as const, Field: 'instanceName', Value: instance },
    { Type: 'TERM_MATCH' as const, Field: 'platoinstancetype', Value: component },
  ];

  it('answers the Studio notebook rate from the published data, in the offer-file format', async () => {
    const { pricing } = clientsFor(emu);
    const res = await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonSageMaker', Filters: filters('eu-west-1', 'ml.g5.2xlarge', 'Studio-Notebook') }));
    assert.equal(res.FormatVersion, 'aws_v1');
    const list = (res.PriceList ?? []) as unknown[];
    assert.equal(list.length, 1);
    const offer = JSON.parse(String(list[0])) as Offer;
    assert.equal(offer.product.productFamily, 'ML Instance');
    assert.deepEqual(
      [offer.product.attributes.regionCode, offer.product.attributes.instanceName, offer.product.attributes.component, offer.product.attributes.productFamily],
      ['eu-west-1', 'ml.g5.2xlarge', 'Studio-Notebook', 'ML Instance'],
    );
    assert.match(offer.product.attributes.usagetype!, /^EU-Studio_Notebk:ml\.g5\.2xlarge$/);
    assert.equal(usd(String(list[0])), prices.prices['eu-west-1']!.studio_classic['ml.g5.2xlarge']);
  });

  it('derives the other uses from the Studio rate by fixed ratios', async () => {
    const { pricing } = clientsFor(emu);
    const studio = prices.prices['us-east-1']!.studio_classic['ml.m5.xlarge']!;
    for (const use of PRICED_USES) {
      const res = await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonSageMaker', Filters: filters('us-east-1', 'ml.m5.xlarge', use.component) }));
      const list = (res.PriceList ?? []) as unknown[];
      assert.equal(list.length, 1, use.component);
      assert.equal(usd(String(list[0])), Math.round(studio * use.ratio * 10_000) / 10_000, use.component);
    }
  });

  it('pages products and lists attribute values and services', async () => {
    const { pricing } = clientsFor(emu);
    let count = 0;
    for await (const page of paginateGetProducts({ client: pricing, pageSize: 100 }, { ServiceCode: 'AmazonSageMaker', Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' }] })) {
      count += ((page.PriceList ?? []) as unknown[]).length;
    }
    assert.equal(count, Object.keys(prices.prices['us-east-1']!.studio_classic).length * PRICED_USES.length);
    const values = await pricing.send(new GetAttributeValuesCommand({ ServiceCode: 'AmazonSageMaker', AttributeName: 'platoinstancetype', MaxResults: 100 }));
    assert.deepEqual(values.AttributeValues!.map((v) => v.Value).sort(), PRICED_USES.map((u) => u.component).sort());
    const services = await pricing.send(new DescribeServicesCommand({ ServiceCode: 'AmazonSageMaker' }));
    assert.ok(services.Services?.[0]?.AttributeNames?.includes('instanceName'));
    const unknownService = await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2' }));
    assert.deepEqual(unknownService.PriceList, []);
  });

  it('answers only in the Price List API regions', async () => {
    for (const region of ['us-east-1', 'ap-south-1', 'eu-central-1']) {
      await clientsFor(emu, { region }).pricing.send(new DescribeServicesCommand({}));
    }
    const elsewhere = await rejection(clientsFor(emu, { region: 'eu-west-1' }).pricing.send(new DescribeServicesCommand({})));
    assert.ok(!('$metadata' in elsewhere) || elsewhere.$metadata?.httpStatusCode === undefined, 'no HTTP answer: the endpoint does not exist there');
  });
});
