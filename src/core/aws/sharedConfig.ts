import { homedir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * Reads the AWS shared config and credentials files the way the AWS CLI and SDKs do, to list
 * profiles and say what each one is, without loading the SDK. The SDK still resolves the
 * credentials itself; this is for pickers, descriptions and early, clear errors.
 */

export type ProfileKind =
  | 'static'
  | 'assumeRole'
  | 'process'
  | 'sso'
  | 'ssoLegacy'
  | 'webIdentity'
  | 'login'
  | 'incomplete';

export interface ProfileInfo {
  readonly name: string;
  readonly kind: ProfileKind;
  readonly region?: string;
  readonly roleArn?: string;
  readonly sourceProfile?: string;
  readonly credentialSource?: string;
  readonly ssoSession?: string;
  readonly ssoStartUrl?: string;
  readonly ssoAccountId?: string;
  readonly ssoRoleName?: string;
  /** The `services` section this profile points at, for endpoint overrides. */
  readonly services?: string;
  readonly inConfigFile: boolean;
  readonly inCredentialsFile: boolean;
}

export interface SharedConfig {
  readonly configPath: string;
  readonly credentialsPath: string;
  readonly profiles: ReadonlyMap<string, ProfileInfo>;
  readonly ssoSessions: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

export type IniSections = Map<string, Record<string, string>>;

/**
 * Parses INI text as the AWS CLI does: `[section]` headers, `key = value` pairs, `#` and `;`
 * comments, and indented continuation lines that open a sub-section (`s3 =` then `  key = v`),
 * which are flattened to `parent.key`.
 */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Record<string, string> | undefined;
  let parentKey: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/\s+[#;].*$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(trimmed);
    if (header) {
      const name = header[1]!.trim();
      current = sections.get(name) ?? {};
      sections.set(name, current);
      parentKey = undefined;
      continue;
    }
    if (!current) continue;
    const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(trimmed);
    if (!pair) continue;
    const key = pair[1]!.trim().toLowerCase();
    const value = pair[2]!.trim();
    const indented = /^\s/.test(line);
    if (indented && parentKey !== undefined) {
      current[`${parentKey}.${key}`] = value;
    } else if (value === '') {
      parentKey = key;
    } else {
      parentKey = undefined;
      current[key] = value;
    }
  }
  return sections;
}

export function sharedFilePaths(env: NodeJS.ProcessEnv, home = homedir()): { configPath: string; credentialsPath: string } {
  return {
    configPath: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentialsPath: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

/** Builds the profile catalog from the two files' contents (either may be empty). */
export function buildSharedConfig(
  configText: string,
  credentialsText: string,
  paths: { configPath: string; credentialsPath: string },
): SharedConfig {
  const configSections = parseIni(configText);
  const credentialSections = parseIni(credentialsText);
  const fromConfig = new Map<string, Record<string, string>>();
  const ssoSessions = new Map<string, Record<string, string>>();
  for (const [section, values] of configSections) {
    if (section === 'default') fromConfig.set('default', values);
    else if (section.startsWith('profile ')) fromConfig.set(section.slice('profile '.length).trim(), values);
    else if (section.startsWith('sso-session ')) ssoSessions.set(section.slice('sso-session '.length).trim(), values);
  }
  const names = new Set([...fromConfig.keys(), ...credentialSections.keys()]);
  const profiles = new Map<string, ProfileInfo>();
  for (const name of [...names].sort(compareProfileNames)) {
    // As in the SDK, a key in the credentials file wins over the same key in the config file.
    const values = { ...fromConfig.get(name), ...credentialSections.get(name) };
    const session = values.sso_session ? ssoSessions.get(values.sso_session) : undefined;
    profiles.set(name, {
      name,
      kind: profileKind(values),
      region: values.region,
      roleArn: values.role_arn,
      sourceProfile: values.source_profile,
      credentialSource: values.credential_source,
      ssoSession: values.sso_session,
      ssoStartUrl: values.sso_start_url ?? session?.sso_start_url,
      ssoAccountId: values.sso_account_id,
      ssoRoleName: values.sso_role_name,
      services: values.services,
      inConfigFile: fromConfig.has(name),
      inCredentialsFile: credentialSections.has(name),
    });
  }
  return { ...paths, profiles, ssoSessions };
}

export async function loadSharedConfig(env: NodeJS.ProcessEnv = process.env, home = homedir()): Promise<SharedConfig> {
  const paths = sharedFilePaths(env, home);
  const [configText, credentialsText] = await Promise.all([readIfPresent(paths.configPath), readIfPresent(paths.credentialsPath)]);
  return buildSharedConfig(configText, credentialsText, paths);
}

export function loadSharedConfigSync(env: NodeJS.ProcessEnv = process.env, home = homedir()): SharedConfig {
  const paths = sharedFilePaths(env, home);
  return buildSharedConfig(readIfPresentSync(paths.configPath), readIfPresentSync(paths.credentialsPath), paths);
}

function profileKind(values: Record<string, string>): ProfileKind {
  if (values.role_arn && values.web_identity_token_file) return 'webIdentity';
  if (values.role_arn && (values.source_profile || values.credential_source)) return 'assumeRole';
  if (values.sso_session) return 'sso';
  if (values.sso_start_url || values.sso_account_id) return 'ssoLegacy';
  if (values.credential_process) return 'process';
  if (values.aws_access_key_id && values.aws_secret_access_key) return 'static';
  if (values.login_session) return 'login';
  return 'incomplete';
}

function compareProfileNames(a: string, b: string): number {
  if (a === 'default') return -1;
  if (b === 'default') return 1;
  return a.localeCompare(b);
}

function readIfPresentSync(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

async function readIfPresent(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** One line that tells a user what a profile is, for pickers and tooltips. */
export function describeProfile(profile: ProfileInfo): string {
  const parts: string[] = [];
  switch (profile.kind) {
    case 'static':
      parts.push('access keys');
      break;
    case 'assumeRole':
      parts.push(`assumes ${profile.roleArn ?? 'a role'}${profile.sourceProfile ? ` via ${profile.sourceProfile}` : ''}`);
      break;
    case 'process':
      parts.push('credential_process');
      break;
    case 'sso':
    case 'ssoLegacy':
      parts.push(['IAM Identity Center', profile.ssoAccountId, profile.ssoRoleName].filter(Boolean).join(' · '));
      break;
    case 'webIdentity':
      parts.push('web identity');
      break;
    case 'login':
      parts.push('console login');
      break;
    case 'incomplete':
      parts.push('no credentials in this profile');
      break;
  }
  if (profile.region) parts.push(profile.region);
  return parts.join(' · ');
}
