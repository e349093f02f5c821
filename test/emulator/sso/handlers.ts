import { AwsError } from '../core/errors';
import type { Accounts } from '../core/accounts';
import { hash32 } from '../core/random';

/**
 * The IAM Identity Center portal's GetRoleCredentials (`GET /federation/credentials`), which the
 * SDK's SSO credential provider calls with the cached access token once `aws sso login` ran.
 */
export function ssoRoleCredentials(accounts: Accounts, token: string | undefined, roleName: string | null, accountId: string | null): unknown {
  if (!roleName || !accountId) throw new AwsError('InvalidRequestException', 'role_name and account_id are required', 400);
  const grant = token ? accounts.ssoToken(token) : undefined;
  if (!grant) throw new AwsError('UnauthorizedException', 'Session token not found or invalid', 401);
  if ((grant.accountId !== undefined && grant.accountId !== accountId) || (grant.roleName !== undefined && grant.roleName !== roleName)) {
    throw new AwsError('ForbiddenException', 'No access', 403);
  }
  const suffix = hash32(`${accountId}/${roleName}`).toString(16).padStart(8, '0');
  const arn = `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_${suffix}${suffix}/sso-user`;
  const issued = accounts.issueTemporary(accountId, arn, `AROALOCALSSO${suffix.toUpperCase()}:sso-user`, 8 * 3600);
  return {
    roleCredentials: {
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
      expiration: issued.expiresAt,
    },
  };
}
