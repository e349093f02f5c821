import type { AssumeRoleCommandInput, AssumeRoleWithWebIdentityCommandInput, Credentials as StsCredentials } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { endpointFor, type Connection } from './connection';
import type { AwsSdk } from './loadSdk';
import { ssoRegionFor, type SharedConfig } from './sharedConfig';

/**
 * The credential chain of one connection. Where each credential request goes:
 *
 * - The chain is given no region and no endpoint of the views. The SDK applies a chain's client
 *   config to its SSO and SSO-OIDC clients as well, so the SSO bearer token (and, on a refresh,
 *   the refresh token and client secret) would follow an STS override, and the SSO portal would
 *   be called in the views' region instead of the profile's `sso_region`.
 * - SSO and SSO-OIDC go to the profile's `sso_region` (the SDK honours `AWS_ENDPOINT_URL_SSO`,
 *   `AWS_ENDPOINT_URL_SSO_OIDC` and the config file's `services` for them), or the SSO portal to
 *   the `sso` endpoint setting when there is one.
 * - An STS endpoint override applies to STS calls only: `AssumeRole` for `role_arn` profiles and
 *   `AssumeRoleWithWebIdentity` go through role assumers built here on it (GetCallerIdentity uses
 *   the factory's STS client, which has it too).
 */
export interface CredentialChainOptions {
  readonly sdk: AwsSdk;
  readonly connection: Connection;
  readonly shared: SharedConfig;
  readonly userAgent: string;
}

export function createCredentialChain({ sdk, connection, shared, userAgent }: CredentialChainOptions): AwsCredentialIdentityProvider {
  const profile = connection.profile;
  const stsRegion = connection.region;
  const stsOverride = endpointFor(connection, 'sts', stsRegion);
  const stsConfig = () => ({
    region: stsRegion,
    ...(stsOverride ? { endpoint: stsOverride } : {}),
    customUserAgent: userAgent,
    ...(profile ? { profile } : {}),
  });

  const roleAssumers = stsOverride
    ? {
        roleAssumer: async (source: AwsCredentialIdentity, params: AssumeRoleCommandInput): Promise<AwsCredentialIdentity> => {
          const client = new sdk.sts.STSClient({ ...stsConfig(), credentials: source });
          try {
            const answer = await client.send(new sdk.sts.AssumeRoleCommand(params));
            return fromStsCredentials(answer.Credentials, `AssumeRole of ${params.RoleArn ?? 'a role'}`);
          } finally {
            client.destroy();
          }
        },
        roleAssumerWithWebIdentity: async (params: AssumeRoleWithWebIdentityCommandInput): Promise<AwsCredentialIdentity> => {
          // AssumeRoleWithWebIdentity is not signed; the web identity token is the credential.
          const client = new sdk.sts.STSClient({ ...stsConfig(), credentials: { accessKeyId: '', secretAccessKey: '' } });
          try {
            const answer = await client.send(new sdk.sts.AssumeRoleWithWebIdentityCommand(params));
            return fromStsCredentials(answer.Credentials, `AssumeRoleWithWebIdentity of ${params.RoleArn ?? 'a role'}`);
          } finally {
            client.destroy();
          }
        },
      }
    : {};

  const profileInfo = profile === undefined ? undefined : shared.profiles.get(profile);
  const ssoRegion = profile === undefined ? undefined : ssoRegionFor(shared, profile);
  const ssoOverride = ssoRegion === undefined ? undefined : endpointFor(connection, 'sso', ssoRegion);
  if (ssoOverride && profileInfo && ssoRegion && (profileInfo.kind === 'sso' || profileInfo.kind === 'ssoLegacy')) {
    // The SDK's profile resolution gives its SSO client only the chain's client config; to send the
    // portal call to the `sso` setting alone (and not the OIDC refresh), the SSO client is given here.
    const ssoClient = new sdk.SSOClient({ region: ssoRegion, endpoint: ssoOverride, customUserAgent: userAgent });
    return sharedResolution(sdk.fromSSO({ profile, ssoClient, ignoreCache: true }));
  }
  if (profile !== undefined && profileInfo?.kind === 'process') {
    // In the node chain a failed credential_process only leads on to "Could not load credentials
    // from any providers"; on its own, its failure (program and what it printed) reaches the user.
    return sharedResolution(sdk.fromProcess({ profile, ignoreCache: true }));
  }
  return sdk.fromNodeProviderChain({
    profile,
    // Re-read the shared files when credentials are (re)resolved, so edits are picked up.
    ignoreCache: true,
    ...roleAssumers,
  });
}

function fromStsCredentials(credentials: StsCredentials | undefined, what: string): AwsCredentialIdentity {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error(`STS answered ${what} without credentials.`);
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration,
  };
}

/** Minutes before expiry at which credentials are fetched again. */
const REFRESH_BEFORE_MS = 5 * 60_000;

/** One resolution shared by every client (as the SDK's node chain shares its own), renewed before expiry. */
function sharedResolution(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async (properties) => {
    const fresh = current && (current.expiration === undefined || current.expiration.getTime() - Date.now() > REFRESH_BEFORE_MS);
    if (fresh && current) return current;
    pending ??= provider(properties).then(
      (credentials) => {
        current = credentials;
        pending = undefined;
        return credentials;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}
