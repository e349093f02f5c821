import { sagemakerRegions } from '../../../src/core/aws/regions.generated';
import { PRICING_API_REGIONS } from '../pricing/catalog';
import type { Protocol } from './protocols';

/**
 * Strict routing: each (service, region) has its own address, `<url>/aws/<service>/<region>`, as
 * each has its own host name at AWS. One table row per service, so a service added later is one
 * entry here.
 */
export type RoutingMode = 'shared' | 'strict';

export interface AddressService {
  /** The SigV4 service name requests to this address must be signed for; undefined for unsigned APIs. */
  readonly signingName?: string;
  readonly protocol: Protocol;
  /** The regions where AWS has this address; undefined: every region. */
  readonly regions?: 'sso' | readonly string[];
}

export const ADDRESS_SERVICES = {
  sagemaker: { signingName: 'sagemaker', protocol: 'json' },
  runtime: { signingName: 'sagemaker', protocol: 'restJson' },
  logs: { signingName: 'logs', protocol: 'json' },
  pricing: { signingName: 'pricing', protocol: 'json', regions: PRICING_API_REGIONS },
  sts: { signingName: 'sts', protocol: 'query' },
  sso: { protocol: 'restJson', regions: 'sso' },
  oidc: { protocol: 'restJson', regions: 'sso' },
  s3: { signingName: 's3', protocol: 's3' },
} as const satisfies Record<string, AddressService>;

export type AddressServiceName = keyof typeof ADDRESS_SERVICES;

export const ADDRESS_SERVICE_NAMES = Object.keys(ADDRESS_SERVICES) as AddressServiceName[];

/** Regions AWS has (the commercial, China and GovCloud partitions the extension knows). */
const KNOWN_REGIONS = new Set<string>([...sagemakerRegions.map((r) => r.code), 'us-gov-west-1', 'us-gov-east-1']);

/** The kind of secret a request carried, by name only: the value is never recorded. */
export type SecretKind = 'ssoBearerToken' | 'refreshToken' | 'clientSecret';

export type ViolationKind =
  /** The credential scope names another region than the address serves. */
  | 'wrongRegion'
  /** The credential scope names another service than the address serves. */
  | 'wrongService'
  /** An address AWS does not have: the connection was closed, as a host that does not resolve. */
  | 'noSuchAddress'
  /** An SSO bearer token, refresh token or client secret sent to an address that is not SSO's / SSO-OIDC's. */
  | 'secretToWrongAddress';

/** A request that went somewhere AWS would not have served it. */
export interface RoutingViolation {
  kind: ViolationKind;
  /** Real time it arrived (ISO). */
  time: string;
  requestId: string;
  method: string;
  /** The path it was sent to (without its query, which may hold a presigned signature). */
  path: string;
  /** The address's service and region, when the path named one. */
  address?: { service: string; region: string };
  /** What the SigV4 credential scope said, when signed. */
  signedService?: string;
  signedRegion?: string;
  /** Secrets the request carried (kinds only). */
  secrets?: SecretKind[];
  operation?: string;
  /** In words, for test failures. */
  message: string;
}

export interface StrictAddress {
  service: string;
  region: string;
  /** The row, when the service is one the table knows. */
  spec?: AddressService;
  /** Whether AWS has this address (known service, known region, and the service is offered there). */
  exists: boolean;
  /** The path after `/aws/<service>/<region>` (always starts with `/`). */
  innerPath: string;
}

const PREFIX = /^\/aws\/([^/]+)\/([^/]+)(\/.*)?$/;

/** Reads `/aws/<service>/<region>/...`; undefined when the path is not under `/aws/`. */
export function parseAddress(rawPath: string, ssoRegions: readonly string[]): StrictAddress | undefined {
  const m = PREFIX.exec(rawPath);
  if (!m) return undefined;
  const service = decodeURIComponent(m[1]!);
  const region = decodeURIComponent(m[2]!);
  const spec = (ADDRESS_SERVICES as Record<string, AddressService>)[service];
  let exists = spec !== undefined && KNOWN_REGIONS.has(region);
  if (exists && spec?.regions !== undefined) exists = (spec.regions === 'sso' ? ssoRegions : spec.regions).includes(region);
  return { service, region, spec, exists, innerPath: m[3] ?? '/' };
}

/** `<url>/aws/<service>/<region>` */
export function addressOf(url: string, service: AddressServiceName, region: string): string {
  return `${url}/aws/${service}/${region}`;
}

/** Names of the secrets a request carries in its headers or (unsigned, JSON) body. */
export function secretsIn(headers: Record<string, string | string[] | undefined>, body: unknown): SecretKind[] {
  const found: SecretKind[] = [];
  if (headers['x-amz-sso_bearer_token'] !== undefined) found.push('ssoBearerToken');
  if (body !== null && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    if (typeof b.refreshToken === 'string' || typeof b.refresh_token === 'string') found.push('refreshToken');
    if (typeof b.clientSecret === 'string' || typeof b.client_secret === 'string') found.push('clientSecret');
  }
  return found;
}

/** Keeps the violations (bounded, as the request log is). */
export class RoutingLog {
  private items: RoutingViolation[] = [];

  add(violation: RoutingViolation): void {
    this.items.push(violation);
    if (this.items.length > 10_000) this.items.splice(0, this.items.length - 10_000);
  }

  list(): RoutingViolation[] {
    return [...this.items];
  }

  clear(): void {
    this.items = [];
  }
}
