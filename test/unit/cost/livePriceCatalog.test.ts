import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { BundledPriceTable } from '../../../src/core/cost/bundledPrices';
import { LivePriceCatalog } from '../../../src/core/cost/livePriceCatalog';
import { memoryCacheStore, parsePriceCache } from '../../../src/core/cost/priceCache';
import { formatQuote } from '../../../src/core/cost/priceCatalog';
import type { ClientFactory } from '../../../src/core/aws/clientFactory';
import { startEmulator, type Emulator } from '../../emulator/index';
import { products } from '../../emulator/pricing/catalog';
import { PricingStub } from './support/pricingStub';
import { testClients, useTestProfile, type TestProfile } from './support/clients';

const loadTable = async (): Promise<BundledPriceTable> => JSON.parse(await readFile('data/sagemaker-prices.json', 'utf8')) as BundledPriceTable;
const hour = 3_600_000;

describe('LivePriceCatalog', () => {
  let stub: PricingStub;
  let profile: TestProfile;
  let clients: ClientFactory;
  let table: BundledPriceTable;
  let clock: number;

  before(async () => {
    table = await loadTable();
    profile = await useTestProfile({ accessKeyId: 'AKIDCOSTTEST', secretAccessKey: 'cost-test-secret' });
  });
  after(async () => profile.dispose());

  beforeEach(async () => {
    stub = await new PricingStub().start();
    // The offer spells some uses in its own case: discovery must find them anyway.
    stub.addProduct('us-east-1', 'ml.m5.xlarge', 'Hosting', '0.2300000000');
    stub.addProduct('us-east-1', 'ml.g5.xlarge', 'Hosting', '1.4080000000');
    stub.addProduct('us-east-1', 'ml.g5.xlarge', 'Training', '1.4080000000');
    stub.addProduct('us-east-1', 'ml.m5.xlarge', 'Studio-JupyterLab', '0.2300000000');
    stub.addProduct('eu-west-1', 'ml.m5.xlarge', 'Hosting', '0.2560000000');
    // A free tier first, then the rate: a long-running instance pays the open-ended tier.
    stub.addProduct('us-east-1', 'ml.t3.medium', 'Notebook', [
      { usd: '0.0000000000', beginRange: '0', endRange: '250' },
      { usd: '0.0500000000', beginRange: '250', endRange: 'Inf' },
    ]);
    clock = Date.parse('2026-11-20T10:00:00Z');
    clients = await testClients(profile, { serviceEndpoints: { pricing: stub.endpoint } });
  });
  afterEach(async () => {
    clients.dispose();
    await stub.stop();
  });

  const catalog = (cache = memoryCacheStore(), overrides: Partial<ConstructorParameters<typeof LivePriceCatalog>[0]> = {}): LivePriceCatalog =>
    new LivePriceCatalog({ clients: () => clients, loadBundled: loadTable, cache, ttlMs: 24 * hour, now: () => clock, ...overrides });

  it('reads Pricing API answers in the offer-file format, with the filters the offer defines', async () => {
    const prices = catalog();
    await prices.prepareQuotes([
      { region: 'us-east-1', instanceType: 'ml.m5.xlarge', use: 'hosting' },
      { region: 'us-east-1', instanceType: 'ml.m5.xlarge', use: 'studio', appType: 'JupyterLab' },
      { region: 'eu-west-1', instanceType: 'ml.m5.xlarge', use: 'hosting' },
      { region: 'us-east-1', instanceType: 'ml.t3.medium', use: 'notebookInstance' },
    ]);
    assert.deepEqual(prices.quote({ region: 'us-east-1', instanceType: 'ml.m5.xlarge', use: 'hosting' }), { usdPerHour: 0.23, source: 'pricingApi' });
    assert.equal(prices.quote({ region: 'eu-west-1', instanceType: 'ml.m5.xlarge', use: 'hosting' })?.usdPerHour, 0.256);
    assert.equal(prices.quote({ region: 'us-east-1', instanceType: 'ml.m5.xlarge', use: 'studio', appType: 'JupyterLab' })?.source, 'pricingApi');
    assert.equal(prices.quote({ region: 'us-east-1', instanceType: 'ml.t3.medium', use: 'notebookInstance' })?.usdPerHour, 0.05);

    // Attribute names and values are discovered once, then one GetProducts per question.
    assert.equal(stub.calls('DescribeServices').length, 1);
    assert.deepEqual(stub.calls('GetAttributeValues').map((call) => call.input.AttributeName), ['platoinstancetype']);
    const products = stub.calls('GetProducts');
    assert.equal(products.length, 4);
    const hosting = products.find((call) => JSON.stringify(call.input.Filters).includes('"Hosting"') && JSON.stringify(call.input.Filters).includes('us-east-1'));
    assert.deepEqual(hosting?.input.ServiceCode, 'AmazonSageMaker');
    assert.deepEqual(hosting?.input.Filters, [
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
      { Type: 'TERM_MATCH', Field: 'instanceName', Value: 'ml.m5.xlarge' },
      { Type: 'TERM_MATCH', Field: 'platoinstancetype', Value: 'Hosting' },
    ]);
  });

  it('matches use values whatever their case and punctuation, as GetAttributeValues reports them', async () => {
    stub.products = [];
    stub.addProduct('us-east-1', 'ml.m5.xlarge', 'Studio-Codeeditor', '0.2300000000');
    stub.addProduct('us-east-1', 'ml.m5.xlarge', 'BatchTransform', '0.2300000000');
    const prices = catalog();
    const codeEditor = { region: 'us-east-1', instanceType: 'ml.m5.xlarge', use: 'studio', appType: 'CodeEditor' } as const;
    const transform = { region: 'us-east-1', instanceType: 'ml.m5.xlarge', use: 'batchTransform' } as const;
    await prices.prepareQuotes([codeEditor, transform]);
    assert.equal(prices.quote(codeEditor)?.source, 'pricingApi');
    assert.equal(prices.quote(transform)?.source, 'pricingApi');
    const values = stub.calls('GetProducts').map((call) => (call.input.Filters as Array<{ Value: string }>)[2]?.Value).sort();
    assert.deepEqual(values, ['BatchTransform', 'Studio-Codeeditor']);
  });

  it('asks once for a whole use when many instance types of it are wanted at once (a picker)', async () => {
    stub.addProduct('us-east-1', 'ml.c5.xlarge', 'Hosting', '0.2040000000');
    stub.addProduct('us-east-1', 'ml.p3.2xlarge', 'Hosting', '3.8250000000');
    const prices = catalog();
    const types = ['ml.m5.xlarge', 'ml.g5.xlarge', 'ml.c5.xlarge', 'ml.zz9.mega'];
    await prices.prepareQuotes(types.map((instanceType) => ({ region: 'us-east-1', instanceType, use: 'hosting' })));
    const products = stub.calls('GetProducts');
    assert.equal(products.length, 1);
    assert.deepEqual(products[0]?.input.Filters, [
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
      { Type: 'TERM_MATCH', Field: 'platoinstancetype', Value: 'Hosting' },
    ]);
    assert.deepEqual(
      types.map((instanceType) => prices.quote({ region: 'us-east-1', instanceType, use: 'hosting' })?.usdPerHour),
      [0.23, 1.408, 0.204, undefined],
    );
    // Types of that use nobody asked for yet were kept too: no further call.
    await prices.prepareQuotes([{ region: 'us-east-1', instanceType: 'ml.p3.2xlarge', use: 'hosting' }]);
    assert.equal(prices.quote({ region: 'us-east-1', instanceType: 'ml.p3.2xlarge', use: 'hosting' })?.usdPerHour, 3.825);
    assert.equal(stub.calls('GetProducts').length, 1);
  });

  it('answers at once and fetches in the background, telling listeners when prices arrive', async () => {
    const prices = catalog();
    const query = { region: 'us-east-1', instanceType: 'ml.g5.xlarge', use: 'hosting' } as const;
    const arrived = new Promise<void>((resolve) => {
      const subscription = prices.onDidUpdate(() => {
        if (prices.quote(query)?.source === 'pricingApi') {
          subscription.dispose();
          resolve();
        }
      });
    });
    const first = prices.quote(query);
    assert.notEqual(first?.source, 'pricingApi', 'the first answer cannot have waited for the Pricing API');
    await arrived;
    assert.equal(prices.quote(query)?.usdPerHour, 1.408);
  });

  it('keeps answers in the cache until the time to live expires, then asks again', async () => {
    const cache = memoryCacheStore();
    const query = { region: 'us-east-1', instanceType: 'ml.m5.xlarge', use: 'hosting' } as const;
    const first = catalog(cache);
    await first.prepareQuotes([query]);
    await first.flushCache();
    const saved = parsePriceCache(cache.text);
    assert.equal(saved.rates['us-east-1|hosting|ml.m5.xlarge']?.usdPerHour, 0.23);
    assert.equal(stub.calls('GetProducts').length, 1);

    // A new session within the time to live: the cache answers, nothing is asked.
    clock += 23 * hour;
    const second = catalog(cache);
    await second.prepareQuotes([query]);
    assert.deepEqual(second.quote(query), { usdPerHour: 0.23, source: 'pricingApi' });
    assert.equal(stub.calls('GetProducts').length, 1);

    // Past it, the price (and the offer's attribute values) are fetched again.
    stub.products = stub.products.map((product) =>
      product.attributes.instanceName === 'ml.m5.xlarge' && product.attributes.platoinstancetype === 'Hosting' && product.attributes.regionCode === 'us-east-1'
        ? { ...product, dimensions: [{ usd: '0.2400000000' }] }
        : product,
    );
    clock += 2 * hour;
    const third = catalog(cache);
    await third.prepareQuotes([query]);
    assert.equal(stub.calls('GetProducts').length, 2);
    assert.equal(stub.calls('DescribeServices').length, 2);
    assert.equal(third.quote(query)?.usdPerHour, 0.24);
  });

  it('falls back to the bundled table, with its date, when the Pricing API is denied', async () => {
    stub.denied.add('GetProducts');
    const prices = catalog(memoryCacheStore(), { retryAfterMs: hour });
    const studioClassic = { region: 'us-east-1', instanceType: 'ml.m5.xlarge', use: 'studio', appType: 'KernelGateway' } as const;
    const hosting = { region: 'us-east-1', instanceType: 'ml.m5.xlarge', use: 'hosting' } as const;
    await prices.prepareQuotes([studioClassic, hosting]);
    const asOf = table.source.aws_publication_date.slice(0, 10);
    const rate = table.prices['us-east-1']?.studio_classic?.['ml.m5.xlarge'];
    assert.ok(rate !== undefined);

    // The bundled table's own use is a dated published rate; any other use is a labelled estimate.
    assert.deepEqual(prices.quote(studioClassic), { usdPerHour: rate, source: 'bundled', basis: `published rate of ${asOf}` });
    assert.deepEqual(prices.quote(hosting), { usdPerHour: rate, source: 'estimate', basis: `Studio rate of ${asOf}` });
    assert.equal(formatQuote(prices.quote(hosting)), `≈ $${rate.toFixed(2)}/h (Studio rate of ${asOf})`);
    assert.match(formatQuote(prices.quote(studioClassic)), new RegExp(`published rate of ${asOf}`));

    const status = prices.status;
    assert.equal(status.bundledAsOf, asOf);
    assert.equal(status.live.state, 'unavailable');
    assert.equal(status.live.state === 'unavailable' && status.live.kind, 'accessDenied');

    // Denied once, the API is left alone until the retry time, then asked again.
    const asked = stub.calls('GetProducts').length;
    await prices.prepareQuotes([{ region: 'us-east-1', instanceType: 'ml.g5.xlarge', use: 'hosting' }]);
    assert.equal(stub.calls('GetProducts').length, asked);
    stub.denied.clear();
    clock += hour + 1;
    await prices.prepareQuotes([hosting]);
    assert.equal(prices.quote(hosting)?.source, 'pricingApi');
    assert.equal(prices.status.live.state, 'available');
  });

  it('falls back to the bundled table when the Pricing API is unreachable', async () => {
    const closedPort = await unusedPort();
    clients.dispose();
    clients = await testClients(profile, { serviceEndpoints: { pricing: `http://127.0.0.1:${closedPort}` } });
    const prices = catalog();
    const query = { region: 'eu-west-1', instanceType: 'ml.m5.xlarge', use: 'training' } as const;
    await prices.prepareQuotes([query]);
    const quote = prices.quote(query);
    assert.equal(quote?.source, 'estimate');
    assert.equal(quote?.usdPerHour, table.prices['eu-west-1']?.studio_classic?.['ml.m5.xlarge']);
    assert.equal(prices.status.live.state === 'unavailable' && prices.status.live.kind, 'network');
  });

  it('leaves unknown instance types unknown, never $0, and remembers that the offer lacks them', async () => {
    const prices = catalog();
    const unknown = { region: 'us-east-1', instanceType: 'ml.zz9.mega', use: 'hosting' } as const;
    await prices.prepareQuotes([unknown]);
    assert.equal(prices.quote(unknown), undefined);
    assert.equal(formatQuote(prices.quote(unknown)), 'price unknown');
    await prices.prepareQuotes([unknown]);
    assert.equal(stub.calls('GetProducts').length, 1, 'a product the offer lacks is not asked for again within the time to live');

    // Not an ML instance type, or a region the table lacks: unknown, and nothing is asked.
    assert.equal(prices.quote({ region: 'us-east-1', instanceType: 'unknown', use: 'hosting' }), undefined);
    await prices.prepareQuotes([{ region: 'ap-south-2', instanceType: 'ml.m5.xlarge', use: 'hosting' }]);
    assert.equal(prices.quote({ region: 'ap-south-2', instanceType: 'ml.m5.xlarge', use: 'hosting' }), undefined);
    // Canvas bills per workspace session, not per ML instance: no instance-hour price exists.
    assert.equal(prices.quote({ region: 'us-east-1', instanceType: 'ml.m5.xlarge', use: 'studio', appType: 'Canvas' }), undefined);
  });

  it('prices Studio system instances at $0 and labels spot training as an upper bound', async () => {
    const prices = catalog();
    assert.equal(prices.quote({ region: 'us-east-1', instanceType: 'system', use: 'studio', appType: 'JupyterServer' })?.usdPerHour, 0);
    assert.equal(prices.quote({ region: 'us-east-1', instanceType: 'system', use: 'studio', appType: 'Canvas' }), undefined, 'Canvas bills per session: unknown, not free');
    const spot = { region: 'us-east-1', instanceType: 'ml.g5.xlarge', use: 'spotTraining' } as const;
    await prices.prepareQuotes([spot]);
    const quote = prices.quote(spot);
    assert.equal(quote?.usdPerHour, 1.408);
    assert.equal(quote?.source, 'estimate');
    assert.match(quote?.basis ?? '', /on-demand training rate, the most managed spot training can cost/);
    // Spot has no fixed rate of its own in the offer: only the Training product was asked for.
    assert.deepEqual(
      stub.calls('GetProducts').map((call) => (call.input.Filters as Array<{ Value: string }>)[2]?.Value),
      ['Training'],
    );
  });
});

function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('LivePriceCatalog against the local service', () => {
  let emulator: Emulator;
  let profile: TestProfile;
  let clients: ClientFactory;

  before(async () => {
    emulator = await startEmulator({ data: 'empty', clockSpeed: 0 });
    profile = await useTestProfile(emulator.credentials);
    clients = await testClients(profile, { serviceEndpoints: { pricing: emulator.url } });
  });
  after(async () => {
    clients.dispose();
    await emulator.stop();
    await profile.dispose();
  });

  it("prices every use from the service's price list, by the values it reports", async () => {
    const prices = new LivePriceCatalog({ clients: () => clients, loadBundled: loadTable, cache: memoryCacheStore(), ttlMs: 24 * hour });
    const queries = [
      { region: 'eu-west-1', instanceType: 'ml.m5.xlarge', use: 'hosting', component: 'Hosting' },
      { region: 'eu-west-1', instanceType: 'ml.m5.xlarge', use: 'notebookInstance', component: 'Notebook' },
      { region: 'eu-west-1', instanceType: 'ml.m5.xlarge', use: 'processing', component: 'Processing' },
      { region: 'us-east-1', instanceType: 'ml.g5.xlarge', use: 'studio', appType: 'CodeEditor', component: 'studio-codeeditor' },
      { region: 'us-east-1', instanceType: 'ml.t3.medium', use: 'studio', appType: 'KernelGateway', component: 'Studio-Notebook' },
    ] as const;
    await prices.prepareQuotes(queries);
    const list = products();
    for (const query of queries) {
      const product = list.find((p) => p.attributes.regionCode === query.region && p.attributes.instanceName === query.instanceType && p.attributes.platoinstancetype === query.component);
      assert.ok(product, `the service lists ${query.component} ${query.instanceType}`);
      assert.deepEqual(prices.quote(query), { usdPerHour: product.price, source: 'pricingApi' }, `${query.use} ${query.instanceType}`);
    }
    assert.equal(prices.status.live.state, 'available');
  });
});
