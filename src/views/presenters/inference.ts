import type { PriceCatalog } from '../../core/cost/priceCatalog';
import type { ConfigVariant, EndpointConfig, ServerlessConfig } from '../../core/resources/endpointConfigs';
import { endpointHourlyCost, type Endpoint, type EndpointVariant, type HourlyCost } from '../../core/resources/endpoints';
import type { Model } from '../../core/resources/models';
import { statusTone } from '../../core/resources/status';
import { formatDateTime, formatHourly } from '../../core/util/format';
import { contextValue } from './contextValues';
import { tooltipTable, type NodePresentation } from './presentation';
import { statusIcon } from './status';

const date = (value: Date | undefined): string | undefined => value && formatDateTime(value);

export function formatServerless(serverless: ServerlessConfig): string {
  return `serverless ${serverless.memoryMb} MB, max ${serverless.maxConcurrency} concurrent${
    serverless.provisionedConcurrency ? `, ${serverless.provisionedConcurrency} provisioned` : ''
  }`;
}

/** "ml.m5.xlarge × 2", "ml.m5.xlarge × 1 of 2" while scaling, or the serverless settings. */
export function formatVariantCapacity(variant: EndpointVariant): string {
  if (variant.serverless && !variant.instanceType) return formatServerless(variant.serverless);
  const type = variant.instanceType ?? 'instance type unknown';
  const current = variant.currentCount;
  const desired = variant.desiredCount;
  if (current === undefined && desired === undefined) return type;
  // No instance runs (yet, or any more: a failed endpoint): say what was asked for, nothing more.
  if (current === undefined) return `${type} × ${desired} requested, none running`;
  if (desired !== undefined && desired !== current) return `${type} × ${current} of ${desired}`;
  return `${type} × ${current}`;
}

/** "$0.46/h", "≈ $0.46/h", "serverless", "price unknown". */
export function formatEndpointCost(cost: HourlyCost): string {
  if (cost.usdPerHour === undefined) return cost.serverless ? 'serverless (billed per request)' : 'price unknown';
  const amount = `${cost.estimate ? '≈ ' : ''}${formatHourly(cost.usdPerHour)}`;
  return cost.serverless ? `${amount} + serverless` : amount;
}

export function presentEndpoint(endpoint: Endpoint, prices: PriceCatalog): NodePresentation {
  const tone = statusTone('endpoint', endpoint.status);
  const cost = endpointHourlyCost(endpoint, prices);
  const capacity =
    endpoint.variants.length === 1
      ? formatVariantCapacity(endpoint.variants[0]!)
      : endpoint.variants.length > 1
        ? `${endpoint.variants.length} variants`
        : undefined;
  const showCost = endpoint.detail === 'full' && endpoint.status !== 'Failed' && endpoint.status !== 'OutOfService';
  const description = [endpoint.status, capacity, showCost ? formatEndpointCost(cost) : undefined].filter(Boolean).join(' · ');
  const variantRows = endpoint.variants.map(
    (variant) =>
      [
        `Variant ${variant.name}`,
        [formatVariantCapacity(variant), variant.modelName && `model ${variant.modelName}`, variant.weight !== undefined && `weight ${variant.weight}`]
          .filter(Boolean)
          .join(', '),
      ] as const,
  );
  return {
    label: endpoint.name,
    description,
    icon: statusIcon(tone),
    tooltip: tooltipTable(`Endpoint ${endpoint.name}`, [
      ['Status', endpoint.status],
      ['Failure reason', endpoint.failureReason],
      ['Endpoint config', endpoint.configName],
      ...variantRows,
      ['Hourly price', endpoint.detail === 'full' ? `${formatEndpointCost(cost)}${cost.rate ? ` (${cost.rate} per instance)` : ''}` : 'unknown (not described)'],
      ['Created', date(endpoint.created)],
      ['Last modified', date(endpoint.lastModified)],
      ['Region', endpoint.region],
      ['ARN', endpoint.arn],
    ]),
    contextValue: contextValue('endpoint', endpoint.status),
    collapsible: endpoint.variants.length > 0 || endpoint.configName ? 'collapsed' : 'none',
  };
}

/** A variant row under an endpoint. */
export function presentVariant(variant: EndpointVariant, endpoint: Endpoint, prices: PriceCatalog): NodePresentation {
  const single = endpointHourlyCost({ ...endpoint, variants: [variant] }, prices);
  return {
    label: variant.name,
    description: [formatVariantCapacity(variant), variant.modelName && `model ${variant.modelName}`, formatEndpointCost(single)].filter(Boolean).join(' · '),
    icon: { id: variant.serverless && !variant.instanceType ? 'cloud' : 'server' },
    tooltip: tooltipTable(`Variant ${variant.name} of ${endpoint.name}`, [
      ['Capacity', formatVariantCapacity(variant)],
      ['Current instances', variant.currentCount?.toString()],
      ['Desired instances', variant.desiredCount?.toString()],
      ['Model', variant.modelName],
      ['Weight', variant.weight?.toString()],
      ['Hourly price', formatEndpointCost(single)],
    ]),
    contextValue: contextValue('message', 'variant'),
    collapsible: 'none',
  };
}

function configCapacity(variant: ConfigVariant): string {
  if (variant.serverless && !variant.instanceType) return formatServerless(variant.serverless);
  return `${variant.instanceType ?? 'instance type unknown'}${variant.initialCount !== undefined ? ` × ${variant.initialCount}` : ''}`;
}

export function presentEndpointConfig(config: EndpointConfig): NodePresentation {
  const variants = config.variants;
  const summary =
    variants === undefined
      ? undefined
      : variants.length === 1
        ? `${configCapacity(variants[0]!)}${variants[0]!.modelName ? ` · ${variants[0]!.modelName}` : ''}`
        : `${variants.length} variants`;
  return {
    label: config.name,
    description: [summary, config.asyncInference ? 'async' : undefined].filter(Boolean).join(' · ') || undefined,
    icon: { id: 'settings' },
    tooltip: tooltipTable(`Endpoint configuration ${config.name}`, [
      ...(variants ?? []).map(
        (variant) => [`Variant ${variant.name}`, [configCapacity(variant), variant.modelName && `model ${variant.modelName}`].filter(Boolean).join(', ')] as const,
      ),
      ['Variants', variants === undefined ? 'unknown (not described)' : undefined],
      ['Asynchronous inference', config.asyncInference ? 'yes' : undefined],
      ['Created', date(config.created)],
      ['Region', config.region],
      ['ARN', config.arn],
    ]),
    contextValue: contextValue('endpointConfig', 'none'),
    collapsible: 'none',
  };
}

export function presentModel(model: Model): NodePresentation {
  return {
    label: model.name,
    description: date(model.created),
    icon: { id: 'package' },
    tooltip: tooltipTable(`Model ${model.name}`, [
      ['Created', date(model.created)],
      ['Region', model.region],
      ['ARN', model.arn],
    ]),
    contextValue: contextValue('model', 'none'),
    collapsible: 'none',
  };
}

/** The row under an endpoint that names its config (click: show the config's details). */
export function presentConfigReference(configName: string): NodePresentation {
  return {
    label: `config: ${configName}`,
    icon: { id: 'settings' },
    tooltip: tooltipTable(`Endpoint configuration ${configName}`, [['Name', configName]]),
    contextValue: contextValue('endpointConfig', 'none', 'reference'),
    collapsible: 'none',
  };
}

/** Pretty JSON, plain text, or base64 for a binary answer; and the document's file extension. */
export function renderResponse(body: Uint8Array, contentType: string | undefined): { text: string; extension: string } {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  // Replacement characters (invalid UTF-8) or control characters other than whitespace: binary.
  const looksBinary = text.includes('\uFFFD') || [...text.slice(0, 4096)].some((c) => c.charCodeAt(0) < 32 && !'\t\n\r\f'.includes(c));
  if (looksBinary) return { text: Buffer.from(body).toString('base64'), extension: 'base64.txt' };
  if (/json/i.test(contentType ?? '') || /^\s*[[{]/.test(text)) {
    try {
      return { text: JSON.stringify(JSON.parse(text), null, 2), extension: 'json' };
    } catch {
      // JSON lines or not JSON after all: show as sent.
    }
  }
  return { text, extension: /csv/i.test(contentType ?? '') ? 'csv' : 'txt' };
}
