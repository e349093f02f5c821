import { randomBytes } from 'node:crypto';

/** One set of credentials the local service accepts, and who it belongs to. */
export interface Identity {
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Present for temporary credentials (STS AssumeRole, SSO): requests must carry it. */
  sessionToken?: string;
  /** Real-time expiry (epoch ms) of temporary credentials: SDKs compare it with the wall clock. */
  expiresAt?: number;
  /** The principal as GetCallerIdentity and AccessDenied messages show it. */
  arn: string;
  userId: string;
}

export interface RegisterKey {
  accessKeyId: string;
  secretAccessKey: string;
  accountId?: string;
  arn?: string;
  userId?: string;
}

export interface SsoToken {
  accountId?: string;
  roleName?: string;
  /** Real-time expiry, epoch ms. */
  expiresAt?: number;
}

/** A refresh token an SSO-OIDC client may exchange (CreateToken, grant type refresh_token) for new access tokens. */
export interface SsoRefreshGrant extends SsoToken {
  clientId: string;
  clientSecret: string;
}

export const DEFAULT_ACCOUNT_ID = '123456789012';
/** Obviously local, non-AWS-shaped key material, so no secret scanner mistakes it for a real key. */
export const DEFAULT_ACCESS_KEY_ID = 'AKIDLOCALSAGEMAKER01';
export const DEFAULT_SECRET_ACCESS_KEY = 'local/emulator/secret/key/not/an/aws/secret';
const DEFAULT_ROLE = 'DataScientist';
const DEFAULT_SESSION = 'ana';

const upperAlnum = (n: number): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
};

/** Accounts and keys known to the service, temporary credentials it issued, SSO tokens. */
export class Accounts {
  private readonly keys = new Map<string, Identity>();
  private readonly ssoTokens = new Map<string, SsoToken>();
  private readonly refreshTokens = new Map<string, SsoRefreshGrant>();
  readonly defaultIdentity: Identity;

  constructor(readonly defaultAccountId = DEFAULT_ACCOUNT_ID) {
    this.defaultIdentity = this.register({
      accessKeyId: DEFAULT_ACCESS_KEY_ID,
      secretAccessKey: DEFAULT_SECRET_ACCESS_KEY,
      accountId: defaultAccountId,
      arn: `arn:aws:sts::${defaultAccountId}:assumed-role/${DEFAULT_ROLE}/${DEFAULT_SESSION}`,
      userId: `AROALOCALDATASCIENTIST:${DEFAULT_SESSION}`,
    });
  }

  /** Adds a long-term key (of the default account unless `accountId` says otherwise). */
  register(key: RegisterKey): Identity {
    const accountId = key.accountId ?? this.defaultAccountId;
    if (!/^\d{12}$/.test(accountId)) throw new Error(`account id must be 12 digits, got ${accountId}`);
    const name = key.accessKeyId.toLowerCase();
    const identity: Identity = {
      accountId,
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      arn: key.arn ?? `arn:aws:iam::${accountId}:user/${name}`,
      userId: key.userId ?? `AIDA${upperAlnum(17)}`,
    };
    this.keys.set(key.accessKeyId, identity);
    return identity;
  }

  /** Issues temporary credentials (AssumeRole, SSO) that requests may then be signed with. */
  issueTemporary(accountId: string, arn: string, userId: string, durationSeconds: number): Identity {
    const identity: Identity = {
      accountId,
      accessKeyId: `ASIDLOCAL${upperAlnum(11)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `LocalSession/${randomBytes(48).toString('base64')}`,
      expiresAt: Date.now() + durationSeconds * 1000,
      arn,
      userId,
    };
    this.keys.set(identity.accessKeyId, identity);
    return identity;
  }

  lookup(accessKeyId: string): Identity | undefined {
    return this.keys.get(accessKeyId);
  }

  registerSsoToken(token: string, grant: SsoToken = {}): void {
    this.ssoTokens.set(token, grant);
  }

  registerSsoRefreshToken(refreshToken: string, grant: SsoRefreshGrant): void {
    this.refreshTokens.set(refreshToken, grant);
  }

  ssoRefreshGrant(refreshToken: string): SsoRefreshGrant | undefined {
    return this.refreshTokens.get(refreshToken);
  }

  ssoToken(token: string): SsoToken | undefined {
    const grant = this.ssoTokens.get(token);
    if (grant?.expiresAt !== undefined && grant.expiresAt < Date.now()) return undefined;
    return grant;
  }
}
