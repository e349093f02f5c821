import { randomBytes } from 'node:crypto';
import type { Accounts } from '../core/accounts';

export interface OidcError {
  /** The error type (x-amzn-errortype), as botocore's sso-oidc model names it. */
  code: string;
  /** The OAuth error code of the body's `error`. */
  oauth: string;
  message: string;
  status: number;
}

export interface OidcResult {
  output?: { accessToken: string; tokenType: string; expiresIn: number; refreshToken: string };
  error?: OidcError;
  /** What the request log keeps: names and the client id, never a secret. */
  recordedInput: Record<string, unknown>;
}

const ACCESS_TOKEN_SECONDS = 8 * 3600;

const fail = (code: string, oauth: string, message: string, status = 400): OidcError => ({ code, oauth, message, status });

/**
 * SSO-OIDC CreateToken (`POST /token`, unsigned): only the refresh of an sso-session token, as
 * the SDK's SSO token provider sends it (`grantType: refresh_token`, `refreshToken`, `clientId`,
 * `clientSecret`). The new access token is accepted by the portal with the refresh grant's role.
 */
export function oidcCreateToken(accounts: Accounts, input: unknown): OidcResult {
  const body = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
  const recordedInput = body ? { grantType: body.grantType, clientId: body.clientId } : {};
  if (!body) return { error: fail('InvalidRequestException', 'invalid_request', 'The request body must be a JSON object'), recordedInput };
  const { clientId, clientSecret, grantType, refreshToken } = body;
  if (typeof clientId !== 'string' || typeof clientSecret !== 'string' || typeof grantType !== 'string') {
    return { error: fail('InvalidRequestException', 'invalid_request', 'clientId, clientSecret and grantType are required'), recordedInput };
  }
  if (grantType !== 'refresh_token') {
    return { error: fail('UnsupportedGrantTypeException', 'unsupported_grant_type', `Grant type ${grantType} is not supported here`), recordedInput };
  }
  if (typeof refreshToken !== 'string') return { error: fail('InvalidRequestException', 'invalid_request', 'refreshToken is required'), recordedInput };
  const grant = accounts.ssoRefreshGrant(refreshToken);
  if (grant && (grant.clientId !== clientId || grant.clientSecret !== clientSecret)) {
    return { error: fail('InvalidClientException', 'invalid_client', 'Invalid client credentials', 401), recordedInput };
  }
  if (!grant || (grant.expiresAt !== undefined && grant.expiresAt < Date.now())) {
    return { error: fail('InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided'), recordedInput };
  }
  const accessToken = `local-sso-access-${randomBytes(24).toString('base64url')}`;
  accounts.registerSsoToken(accessToken, { accountId: grant.accountId, roleName: grant.roleName, expiresAt: Date.now() + ACCESS_TOKEN_SECONDS * 1000 });
  return { output: { accessToken, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_SECONDS, refreshToken }, recordedInput };
}
