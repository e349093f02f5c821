import { strict as assert } from 'node:assert';
import { parseOfferProduct } from '../../../src/core/cost/offerFile';
import { normalizeOfferValue, offerUseFor, resolveOfferValue } from '../../../src/core/cost/priceUses';

const product = (dimensions: Record<string, unknown>, attributes: Record<string, unknown> = { instanceName: 'ml.m5.xlarge', regionCode: 'us-east-1' }): unknown => ({
  product: { sku: 'ABC', productFamily: 'ML Instance', attributes },
  terms: { OnDemand: { 'ABC.JRTCKXETXF': { priceDimensions: dimensions } } },
});

describe('offer-file products', () => {
  it('reads the hourly on-demand USD rate and the attributes from a JSON string', () => {
    const parsed = parseOfferProduct(JSON.stringify(product({ a: { unit: 'Hrs', pricePerUnit: { USD: '0.2300000000' }, beginRange: '0', endRange: 'Inf' } })));
    assert.equal(parsed?.usdPerHour, 0.23);
    assert.equal(parsed?.sku, 'ABC');
    assert.equal(parsed?.productFamily, 'ML Instance');
    assert.equal(parsed?.attributes.instanceName, 'ml.m5.xlarge');
  });

  it('reads SDK wrappers whose string form is the JSON, and plain objects', () => {
    const json = JSON.stringify(product({ a: { unit: 'Hrs', pricePerUnit: { USD: '1.5' } } }));
    assert.equal(parseOfferProduct({ toString: () => json })?.usdPerHour, 1.5);
    assert.equal(parseOfferProduct(JSON.parse(json))?.usdPerHour, 1.5);
  });

  it('takes the open-ended tier of a tiered offer, as a long-running instance pays it', () => {
    const parsed = parseOfferProduct(
      product({
        free: { unit: 'Hrs', pricePerUnit: { USD: '0.0000000000' }, beginRange: '0', endRange: '250' },
        paid: { unit: 'Hrs', pricePerUnit: { USD: '0.0500000000' }, beginRange: '250', endRange: 'Inf' },
      }),
    );
    assert.equal(parsed?.usdPerHour, 0.05);
  });

  it('ignores dimensions that are not hourly, and products with no price', () => {
    assert.equal(parseOfferProduct(product({ a: { unit: 'GB-Mo', pricePerUnit: { USD: '0.14' } } }))?.usdPerHour, undefined);
    assert.equal(parseOfferProduct(product({ a: { unit: 'Hrs', pricePerUnit: { CNY: '1.2' } } }))?.usdPerHour, undefined);
    assert.equal(parseOfferProduct({ product: { attributes: {} } })?.usdPerHour, undefined);
  });

  it('rejects what is not a product document', () => {
    assert.equal(parseOfferProduct('not json'), undefined);
    assert.equal(parseOfferProduct(JSON.stringify({ terms: {} })), undefined);
    assert.equal(parseOfferProduct(42), undefined);
  });
});

describe('offer-file uses', () => {
  it('maps each use and Studio app type to its own offer value', () => {
    assert.deepEqual(offerUseFor({ use: 'hosting' })?.candidates[0], 'Hosting');
    assert.deepEqual(offerUseFor({ use: 'notebookInstance' })?.candidates[0], 'Notebook');
    assert.deepEqual(offerUseFor({ use: 'studio', appType: 'JupyterLab' })?.candidates[0], 'Studio-JupyterLab');
    assert.deepEqual(offerUseFor({ use: 'studio', appType: 'CodeEditor' })?.candidates[0], 'studio-codeeditor');
    assert.deepEqual(offerUseFor({ use: 'studio', appType: 'KernelGateway' })?.candidates[0], 'Studio-Notebook');
    assert.deepEqual(offerUseFor({ use: 'asyncInference' })?.candidates[0], 'AsyncInf');
  });

  it('prices spot training from the on-demand training use, and has no instance rate for Canvas', () => {
    assert.equal(offerUseFor({ use: 'spotTraining' })?.key, 'training');
    assert.equal(offerUseFor({ use: 'studio', appType: 'Canvas' }), undefined);
  });

  it('resolves a use to the value the Pricing API reports, ignoring case and punctuation', () => {
    const use = offerUseFor({ use: 'studio', appType: 'CodeEditor' })!;
    assert.equal(resolveOfferValue(use, ['Hosting', 'STUDIO_CODEEDITOR', 'Training']), 'STUDIO_CODEEDITOR');
    assert.equal(resolveOfferValue(use, ['Hosting']), undefined, 'a use the offer lacks has no price, not a guessed one');
    assert.equal(resolveOfferValue(use, undefined), 'studio-codeeditor');
    assert.equal(normalizeOfferValue('RStudio:RSession'), 'rstudiorsession');
  });
});
