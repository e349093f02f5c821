import type { DescribeUserProfileResponse, UserProfileDetails } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { collectPages } from '../aws/paging';

/** A Studio user profile as the explorer shows it. */
export interface UserProfile {
  readonly region: string;
  readonly domainId: string;
  readonly name: string;
  readonly status: string;
  readonly created?: Date;
  readonly lastModified?: Date;
}

export function toUserProfile(region: string, details: UserProfileDetails): UserProfile {
  return {
    region,
    domainId: details.DomainId ?? '',
    name: details.UserProfileName ?? '',
    status: details.Status ?? 'Unknown',
    created: details.CreationTime,
    lastModified: details.LastModifiedTime,
  };
}

/** The user profiles of one domain (one ListUserProfiles call per page), by name. */
export async function listUserProfiles(clients: AwsClients, region: string, domainId: string, signal?: AbortSignal): Promise<UserProfile[]> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const profiles = await collectPages(
    async (NextToken) => {
      const page = await client.send(
        new sagemaker.ListUserProfilesCommand({ DomainIdEquals: domainId, NextToken, MaxResults: 100 }),
        { abortSignal: signal },
      );
      return { items: page.UserProfiles ?? [], nextToken: page.NextToken };
    },
    { signal },
  );
  return profiles.map((details) => toUserProfile(region, details)).sort((a, b) => a.name.localeCompare(b.name));
}

export async function describeUserProfile(
  clients: AwsClients,
  region: string,
  domainId: string,
  name: string,
  signal?: AbortSignal,
): Promise<DescribeUserProfileResponse> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  return client.send(new sagemaker.DescribeUserProfileCommand({ DomainId: domainId, UserProfileName: name }), { abortSignal: signal });
}
