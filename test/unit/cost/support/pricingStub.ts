import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the AWS Price List API (awsJson1_1, `AWSPriceListService.*`) that answers
 * `DescribeServices`, `GetAttributeValues` and `GetProducts` (TERM_MATCH filters, paging) from
 * products written in the offer-file format, and records every request. Enough to test the
 * catalog through the real SDK client; the shared local service may grow a fuller one.
 */
export interface StubProduct {
  readonly attributes: Readonly<Record<string, string>>;
  /** USD per hour as the offer file writes it ("0.2300000000"); several for tiered offers. */
  readonly dimensions: ReadonlyArray<{ readonly usd: string; readonly unit?: string; readonly beginRange?: string; readonly endRange?: string }>;
}

export interface StubRequest {
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

export class PricingStub {
  readonly requests: StubRequest[] = [];
  products: StubProduct[] = [];
  attributeNames = ['regionCode', 'instanceName', 'instanceType', 'platoinstancetype', 'component', 'productFamily', 'usagetype', 'location'];
  /** Operations answered with AccessDeniedException. */
  readonly denied = new Set<string>();
  pageSize = 100;
  private server: Server | undefined;
  private url = '';

  get endpoint(): string {
    return this.url;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void readBody(request).then((body) => {
        const target = String(request.headers['x-amz-target'] ?? '');
        const operation = target.replace(/^AWSPriceListService\./, '');
        const input = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
        this.requests.push({ operation, input });
        const [status, answer] = this.answer(operation, input);
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `stub-${this.requests.length}` });
        response.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  calls(operation?: string): StubRequest[] {
    return this.requests.filter((request) => operation === undefined || request.operation === operation);
  }

  /** Adds one SageMaker ML-instance product, shaped like the real offer file's. */
  addProduct(region: string, instanceName: string, use: string, usd: string | StubProduct['dimensions']): void {
    this.products.push({
      attributes: {
        servicecode: 'AmazonSageMaker',
        productFamily: 'ML Instance',
        regionCode: region,
        instanceName,
        instanceType: `${instanceName}-${use}`,
        platoinstancetype: use,
        component: use,
        usagetype: `${region.toUpperCase().slice(0, 4)}-${use}:${instanceName}`,
        operation: 'RunInstance',
      },
      dimensions: typeof usd === 'string' ? [{ usd }] : usd,
    });
  }

  private answer(operation: string, input: Record<string, unknown>): [number, unknown] {
    if (this.denied.has(operation)) {
      return [400, { __type: 'AccessDeniedException', message: `User: arn:aws:iam::123456789012:user/test is not authorized to perform: pricing:${operation}` }];
    }
    switch (operation) {
      case 'DescribeServices':
        return [200, { Services: [{ ServiceCode: 'AmazonSageMaker', AttributeNames: this.attributeNames }], FormatVersion: 'aws_v1' }];
      case 'GetAttributeValues': {
        const name = String(input.AttributeName);
        const values = [...new Set(this.products.map((product) => product.attributes[name]).filter((value): value is string => value !== undefined))].sort();
        return [200, this.page(values.map((Value) => ({ Value })), input, 'AttributeValues')];
      }
      case 'GetProducts': {
        const filters = (input.Filters ?? []) as Array<{ Type: string; Field: string; Value: string }>;
        const matching = this.products.filter((product) => filters.every((filter) => product.attributes[filter.Field] === filter.Value));
        return [200, { ...this.page(matching.map((product, index) => offerDocument(product, index)), input, 'PriceList'), FormatVersion: 'aws_v1' }];
      }
      default:
        return [400, { __type: 'UnknownOperationException', message: `Unknown operation ${operation}` }];
    }
  }

  private page<T>(items: T[], input: Record<string, unknown>, member: string): Record<string, unknown> {
    const start = Number(input.NextToken ?? 0);
    const size = Math.min(Number(input.MaxResults ?? this.pageSize), this.pageSize);
    const next = start + size < items.length ? String(start + size) : undefined;
    return { [member]: items.slice(start, start + size), ...(next ? { NextToken: next } : {}) };
  }
}

/** One product as the Price List serializes it: a JSON string with product and terms. */
function offerDocument(product: StubProduct, index: number): string {
  const sku = `SKU${String(index).padStart(6, '0')}`;
  const offer = `${sku}.JRTCKXETXF`;
  const priceDimensions = Object.fromEntries(
    product.dimensions.map((dimension, i) => [
      `${offer}.6YS6EN2CT${i}`,
      {
        unit: dimension.unit ?? 'Hrs',
        beginRange: dimension.beginRange ?? '0',
        endRange: dimension.endRange ?? 'Inf',
        description: `$${dimension.usd} per On Demand ML instance hour`,
        appliesTo: [],
        rateCode: `${offer}.6YS6EN2CT${i}`,
        pricePerUnit: { USD: dimension.usd },
      },
    ]),
  );
  return JSON.stringify({
    product: { productFamily: product.attributes.productFamily, attributes: product.attributes, sku },
    serviceCode: 'AmazonSageMaker',
    terms: { OnDemand: { [offer]: { priceDimensions, sku, effectiveDate: '2025-12-01T00:00:00Z', offerTermCode: 'JRTCKXETXF', termAttributes: {} } } },
    version: '20251205205457',
    publicationDate: '2025-12-05T20:54:57Z',
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
