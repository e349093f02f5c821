import type { DescribeSpaceResponse, SpaceDetails } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { collectPages } from '../aws/paging';

/** A Studio space as the explorer shows it. */
export interface Space {
  readonly region: string;
  readonly domainId: string;
  readonly name: string;
  readonly displayName?: string;
  readonly status: string;
  /** The app type the space runs (`JupyterLab`, `CodeEditor`), when it says. */
  readonly appType?: string;
  /** Private spaces belong to one user profile; shared spaces (and Studio Classic spaces) to the domain. */
  readonly sharing: 'Private' | 'Shared';
  /** The profile that owns it (for shared spaces: the one that created it, when known). */
  readonly owner?: string;
  readonly created?: Date;
  readonly lastModified?: Date;
}

export function toSpace(region: string, details: SpaceDetails): Space {
  return {
    region,
    domainId: details.DomainId ?? '',
    name: details.SpaceName ?? '',
    displayName: details.SpaceDisplayName || undefined,
    status: details.Status ?? 'Unknown',
    appType: details.SpaceSettingsSummary?.AppType,
    sharing: details.SpaceSharingSettingsSummary?.SharingType === 'Private' ? 'Private' : 'Shared',
    owner: details.OwnershipSettingsSummary?.OwnerUserProfileName,
    created: details.CreationTime,
    lastModified: details.LastModifiedTime,
  };
}

/** The spaces of one domain (one ListSpaces call per page), by name. */
export async function listSpaces(clients: AwsClients, region: string, domainId: string, signal?: AbortSignal): Promise<Space[]> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const spaces = await collectPages(
    async (NextToken) => {
      const page = await client.send(new sagemaker.ListSpacesCommand({ DomainIdEquals: domainId, NextToken, MaxResults: 100 }), {
        abortSignal: signal,
      });
      return { items: page.Spaces ?? [], nextToken: page.NextToken };
    },
    { signal },
  );
  return spaces.map((details) => toSpace(region, details)).sort((a, b) => a.name.localeCompare(b.name));
}

/** Private spaces by the lower-cased name of the profile that owns them; shared spaces apart. */
export function groupSpacesByOwner(spaces: readonly Space[]): { shared: Space[]; privateByOwner: Map<string, Space[]> } {
  const shared: Space[] = [];
  const privateByOwner = new Map<string, Space[]>();
  for (const space of spaces) {
    if (space.sharing === 'Private' && space.owner) {
      const key = space.owner.toLowerCase();
      privateByOwner.set(key, [...(privateByOwner.get(key) ?? []), space]);
    } else {
      shared.push(space);
    }
  }
  return { shared, privateByOwner };
}

export async function describeSpace(clients: AwsClients, region: string, domainId: string, name: string, signal?: AbortSignal): Promise<DescribeSpaceResponse> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  return client.send(new sagemaker.DescribeSpaceCommand({ DomainId: domainId, SpaceName: name }), { abortSignal: signal });
}
