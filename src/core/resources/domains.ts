import type { DescribeDomainResponse, DomainDetails } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { collectPages } from '../aws/paging';

/** A SageMaker Studio domain as the explorer shows it. */
export interface Domain {
  readonly region: string;
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly url?: string;
  readonly created?: Date;
  readonly lastModified?: Date;
}

export function toDomain(region: string, details: DomainDetails): Domain {
  return {
    region,
    id: details.DomainId ?? '',
    name: details.DomainName ?? details.DomainId ?? '',
    arn: details.DomainArn ?? '',
    status: details.Status ?? 'Unknown',
    url: details.Url,
    created: details.CreationTime,
    lastModified: details.LastModifiedTime,
  };
}

/** Every Studio domain in `region` (one ListDomains call per page). */
export async function listDomains(clients: AwsClients, region: string, signal?: AbortSignal): Promise<Domain[]> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const domains = await collectPages(
    async (NextToken) => {
      const page = await client.send(new sagemaker.ListDomainsCommand({ NextToken, MaxResults: 100 }), { abortSignal: signal });
      return { items: page.Domains ?? [], nextToken: page.NextToken };
    },
    { signal },
  );
  return domains.map((details) => toDomain(region, details)).sort((a, b) => a.name.localeCompare(b.name));
}

export async function describeDomain(clients: AwsClients, region: string, domainId: string, signal?: AbortSignal): Promise<DescribeDomainResponse> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  return client.send(new sagemaker.DescribeDomainCommand({ DomainId: domainId }), { abortSignal: signal });
}

/**
 * Whether a domain belongs to SageMaker Unified Studio (created by it, or migrated to it): its
 * settings then name the Unified Studio domain, project or environment it serves.
 */
export function isUnifiedStudioDomain(description: Pick<DescribeDomainResponse, 'DomainSettings'> | undefined): boolean {
  const settings = description?.DomainSettings?.UnifiedStudioSettings;
  return Boolean(settings && (settings.DomainId || settings.ProjectId || settings.EnvironmentId));
}

/**
 * The ARN of a resource inside a domain (user profile, space, app), built from the domain's ARN
 * the way SageMaker builds them (lower-cased path), so listings need no Describe call per row.
 */
export function studioResourceArn(domainArn: string, resourceType: 'user-profile' | 'space' | 'app', domainId: string, ...path: string[]): string | undefined {
  const match = /^(arn:[^:]+:sagemaker:[^:]+:\d+:)domain\//.exec(domainArn);
  if (!match) return undefined;
  return `${match[1]}${resourceType}/${[domainId, ...path].map((part) => part.toLowerCase()).join('/')}`;
}
