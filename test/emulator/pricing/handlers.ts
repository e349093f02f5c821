import type * as PR from '@aws-sdk/client-pricing';
import { AwsError } from '../core/errors';
import type { Wire } from '../sagemaker/wire';
import { compact } from '../sagemaker/wire';
import { PRICE_ATTRIBUTES, type Product, products } from './catalog';

export type PricingHandler = (input: Record<string, unknown>) => unknown;
type In<T> = Wire<T>;
const SERVICE = 'AmazonSageMaker';

function page<T>(items: T[], token: string | undefined, max: number | undefined): { items: T[]; next?: string } {
  const start = token ? Number(Buffer.from(token, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw new AwsError('InvalidNextTokenException', 'The nextToken provided is invalid');
  const size = max ?? 100;
  return { items: items.slice(start, start + size), next: start + size < items.length ? Buffer.from(String(start + size)).toString('base64') : undefined };
}

function matches(p: Product, f: Wire<PR.Filter>): boolean {
  const actual = p.lower[f.Field] ?? p.lower[f.Field.toLowerCase()];
  if (actual === undefined) return false;
  const value = f.Value.toLowerCase();
  switch (f.Type) {
    case 'TERM_MATCH':
    case 'EQUALS':
      return actual === value;
    case 'CONTAINS':
      return actual.includes(value);
    case 'ANY_OF':
      return value.split(',').map((v) => v.trim()).includes(actual);
    case 'NONE_OF':
      return !value.split(',').map((v) => v.trim()).includes(actual);
    default:
      return false;
  }
}

const GetProducts: PricingHandler = (input) => {
  const i = input as In<PR.GetProductsRequest>;
  if (i.FormatVersion !== undefined && i.FormatVersion !== 'aws_v1') throw new AwsError('InvalidParameterException', `Unsupported FormatVersion ${i.FormatVersion}`);
  const selected = i.ServiceCode === SERVICE ? products().filter((p) => (i.Filters ?? []).every((f) => matches(p, f))) : [];
  const { items, next } = page(selected, i.NextToken, i.MaxResults);
  return compact({ FormatVersion: 'aws_v1', PriceList: items.map((p) => p.json()), NextToken: next }) satisfies Wire<PR.GetProductsResponse>;
};

const GetAttributeValues: PricingHandler = (input) => {
  const i = input as In<PR.GetAttributeValuesRequest>;
  if (i.ServiceCode !== SERVICE) throw new AwsError('NotFoundException', `Service ${i.ServiceCode} was not found`);
  const values = [...new Set(products().map((p) => p.attributes[i.AttributeName]).filter((v): v is string => v !== undefined))].sort();
  const { items, next } = page(values, i.NextToken, i.MaxResults);
  return compact({ AttributeValues: items.map((Value) => ({ Value })), NextToken: next }) satisfies Wire<PR.GetAttributeValuesResponse>;
};

const DescribeServices: PricingHandler = (input) => {
  const i = input as In<PR.DescribeServicesRequest>;
  const services = i.ServiceCode === undefined || i.ServiceCode === SERVICE ? [{ ServiceCode: SERVICE, AttributeNames: PRICE_ATTRIBUTES }] : [];
  const { items, next } = page(services, i.NextToken, i.MaxResults);
  return compact({ Services: items, FormatVersion: 'aws_v1', NextToken: next }) satisfies Wire<PR.DescribeServicesResponse>;
};

export const pricingHandlers: Readonly<Record<string, PricingHandler>> = { GetProducts, GetAttributeValues, DescribeServices };
