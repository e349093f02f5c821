import { readFileSync } from 'node:fs';
import { hash32 } from '../core/random';
import { dataPath } from '../core/projectRoot';

/**
 * One priced use of an instance type. Only `Studio-Notebook` rates are AWS's published prices
 * (data/sagemaker-prices.json). Every other use is THIS LOCAL SERVICE'S OWN FICTION: the
 * Studio-Notebook rate times the fixed ratio below, so that each use has a distinct, stable
 * price to test against. They are not AWS prices and must never be shown as such.
 */
export interface PricedUse {
  component: string;
  /** Usage-type fragment, as in `USE1-Train:ml.m5.xlarge`. */
  usage: string;
  /** Multiplier applied to the Studio-Notebook rate (1 for the real data). */
  ratio: number;
}

export const PRICED_USES: readonly PricedUse[] = [
  { component: 'Studio-Notebook', usage: 'Studio_Notebk', ratio: 1 },
  // Fictional ratios from here on (see above).
  { component: 'Studio-JupyterLab', usage: 'Studio_JupyterLab', ratio: 1 },
  { component: 'studio-codeeditor', usage: 'Studio_CodeEditor', ratio: 1 },
  { component: 'Notebook', usage: 'Notebk', ratio: 1.05 },
  { component: 'Training', usage: 'Train', ratio: 1.1 },
  { component: 'SpotTraining', usage: 'SpotTrain', ratio: 0.33 },
  { component: 'Hosting', usage: 'Host', ratio: 1.2 },
  { component: 'AsyncInf', usage: 'AsyncInf', ratio: 1.2 },
  { component: 'BatchTransform', usage: 'Tsform', ratio: 1.05 },
  { component: 'Processing', usage: 'Processing', ratio: 1.05 },
];

/** Regions where the Price List API itself answers. */
export const PRICING_API_REGIONS: readonly string[] = ['us-east-1', 'ap-south-1', 'eu-central-1'];

const USAGE_PREFIX: Record<string, string> = {
  'us-east-1': 'USE1', 'us-east-2': 'USE2', 'us-west-1': 'USW1', 'us-west-2': 'USW2', 'ca-central-1': 'CAN1',
  'eu-west-1': 'EU', 'eu-west-2': 'EUW2', 'eu-west-3': 'EUW3', 'eu-central-1': 'EUC1', 'eu-north-1': 'EUN1',
  'eu-south-1': 'EUS1', 'eu-south-2': 'EUS2', 'ap-northeast-1': 'APN1', 'ap-northeast-2': 'APN2', 'ap-northeast-3': 'APN3',
  'ap-southeast-1': 'APS1', 'ap-southeast-2': 'APS2', 'ap-southeast-3': 'APS4', 'ap-south-1': 'APS3', 'ap-east-1': 'APE1',
  'sa-east-1': 'SAE1', 'me-south-1': 'MES1', 'me-central-1': 'MEC1', 'af-south-1': 'AFS1', 'il-central-1': 'ILC1',
  'us-gov-west-1': 'UGW1', 'us-gov-east-1': 'UGE1',
};

interface PricesFile {
  prices: Record<string, { studio_classic: Record<string, number> }>;
  location_to_region: Record<string, { region: string }>;
  source: { aws_manifest?: { hawkFilePublicationDate?: string } };
}

export interface Product {
  attributes: Record<string, string>;
  /** Lower-cased attribute values, for case-insensitive filters. */
  lower: Record<string, string>;
  price: number;
  /** The offer-file JSON of the product, built when first answered. */
  json(): string;
}

export const PRICE_ATTRIBUTES = ['component', 'instanceName', 'instanceType', 'location', 'locationType', 'operation', 'platoinstancetype', 'productFamily', 'regionCode', 'servicecode', 'servicename', 'usagetype'];

const SKU_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function sku(text: string): string {
  const a = hash32(text);
  const b = hash32(`${text}/sku`);
  let out = '';
  for (let i = 0; i < 8; i++) out += SKU_ALPHABET[(a >>> (i * 4)) & 31]! + SKU_ALPHABET[(b >>> (i * 4)) & 31]!;
  return out;
}

let catalog: Product[] | undefined;

/** Every product of the local price list (built once, about 12,500 entries). */
export function products(): Product[] {
  if (catalog) return catalog;
  const file = JSON.parse(readFileSync(dataPath('sagemaker-prices.json'), 'utf8')) as PricesFile;
  const locationOf = new Map(Object.entries(file.location_to_region).map(([name, v]) => [v.region, name]));
  const published = file.source.aws_manifest?.hawkFilePublicationDate ?? '2025-12-05T20:54:57Z';
  const version = published.replace(/[-:TZ]/g, '').slice(0, 14);
  const list: Product[] = [];
  for (const [region, byUse] of Object.entries(file.prices)) {
    const prefix = USAGE_PREFIX[region] ?? region.split('-').map((p) => p[0]!.toUpperCase()).join('');
    for (const [instance, studioRate] of Object.entries(byUse.studio_classic)) {
      for (const use of PRICED_USES) {
        const price = Math.round(studioRate * use.ratio * 10_000) / 10_000;
        const attributes: Record<string, string> = {
          servicecode: 'AmazonSageMaker',
          servicename: 'Amazon SageMaker',
          productFamily: 'ML Instance',
          regionCode: region,
          location: locationOf.get(region) ?? region,
          locationType: 'AWS Region',
          instanceName: instance,
          instanceType: instance,
          component: use.component,
          platoinstancetype: use.component,
          usagetype: `${prefix}-${use.usage}:${instance}`,
          operation: 'RunInstance',
        };
        const offer = (): string => {
          const id = sku(`${region}/${instance}/${use.component}`);
          const term = `${id}.JRTCKXETXF`;
          return JSON.stringify({
            product: { productFamily: 'ML Instance', attributes, sku: id },
            serviceCode: 'AmazonSageMaker',
            terms: {
              OnDemand: {
                [term]: {
                  priceDimensions: {
                    [`${term}.6YS6EN2CT7`]: {
                      unit: 'Hrs',
                      endRange: 'Inf',
                      description: `$${price} per ${use.component} ${instance} instance hour`,
                      appliesTo: [],
                      rateCode: `${term}.6YS6EN2CT7`,
                      beginRange: '0',
                      pricePerUnit: { USD: price.toFixed(10) },
                    },
                  },
                  sku: id,
                  effectiveDate: `${published.slice(0, 10)}T00:00:00Z`,
                  offerTermCode: 'JRTCKXETXF',
                  termAttributes: {},
                },
              },
            },
            version,
            publicationDate: published,
          });
        };
        const lower: Record<string, string> = {};
        for (const [k, v] of Object.entries(attributes)) lower[k] = v.toLowerCase();
        let json: string | undefined;
        list.push({ attributes, lower, price, json: () => (json ??= offer()) });
      }
    }
  }
  catalog = list;
  return list;
}
