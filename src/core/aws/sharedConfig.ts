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
  /** Where IAM Identity Center is called for this profile (its own or its sso-session's `sso_region`). */
  readonly ssoRegion?: string;
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
  /** What is wrong in either file (unreadable, lines that are not INI), with where; empty when all is well. */
  readonly problems: readonly SharedFileProblem[];
}

/** Something wrong in a shared file, said with where: the file, and the line (1-based) when there is one. */
export interface SharedFileProblem {
  readonly path: string;
  readonly line?: number;
  readonly message: string;
}

/** "~/.aws/config line 7: ..." as users read it (the path as given). */
export function formatSharedFileProblem(problem: SharedFileProblem): string {
  return `${problem.path}${problem.line === undefined ? '' : ` line ${problem.line}`}: ${problem.message}`;
}

export type IniSections = Map<string, Record<string, string>>;

/** A line the parser could not read, 1-based, with why. */
export interface IniProblem {
  readonly line: number;
  readonly message: string;
}

/** Section names the AWS SDK refuses outright (it throws on them, so no profile of the file works). */
const blockedSectionNames = new Set(['__proto__', 'profile __proto__']);

/**
 * Parses INI text as the AWS CLI does: `[section]` headers, `key = value` pairs, `#` and `;`
 * comments, and indented continuation lines that open a sub-section (`s3 =` then `  key = v`),
 * which are flattened to `parent.key`. Lines it cannot read are skipped (as the SDK skips them)
 * and reported in `problems`, when given.
 */
export function parseIni(text: string, problems?: IniProblem[]): IniSections {
  const sections: IniSections = new Map();
  let current: Record<string, string> | undefined;
  let parentKey: string | undefined;
  // After a header that could not be read, its lines are skipped without a report each.
  let inUnreadableSection = false;
  const report = (line: number, message: string): void => {
    problems?.push({ line, message });
  };
  const lines = text.split(/\r?\n/);
  for (const [index, rawLine] of lines.entries()) {
    const lineNumber = index + 1;
    const line = rawLine.replace(/\s+[#;].*$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (trimmed.includes('\uFFFD')) report(lineNumber, 'the line holds bytes that are not UTF-8 text.');
    if (trimmed.startsWith('[')) {
      const header = /^\[([^\]]+)\]$/.exec(trimmed);
      const name = header?.[1]?.trim();
      if (!name) {
        report(lineNumber, 'the section header is not closed or names nothing (expected [profile NAME]); the lines up to the next header are ignored.');
        current = undefined;
        parentKey = undefined;
        inUnreadableSection = true;
        continue;
      }
      inUnreadableSection = false;
      if (blockedSectionNames.has(name)) report(lineNumber, `"${name}" cannot be used as a profile name; the AWS SDK refuses the whole file because of it.`);
      current = sections.get(name) ?? {};
      sections.set(name, current);
      parentKey = undefined;
      continue;
    }
    if (inUnreadableSection) continue;
    const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(trimmed);
    if (!current) {
      report(lineNumber, pair ? 'a setting comes before any [section] header; it is ignored.' : 'the line is neither a [section] header nor a key = value pair; it is ignored.');
      continue;
    }
    if (!pair) {
      // The line's text is not repeated: in the credentials file it may be a key.
      report(lineNumber, 'the line is not a key = value pair; it is ignored.');
      continue;
    }
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

/**
 * Builds the profile catalog from the two files' contents (either may be empty). Lines that
 * cannot be read are skipped and reported in `problems`, after any `readProblems` of the files.
 */
export function buildSharedConfig(
  configText: string,
  credentialsText: string,
  paths: { configPath: string; credentialsPath: string },
  readProblems: readonly SharedFileProblem[] = [],
): SharedConfig {
  const configLineProblems: IniProblem[] = [];
  const credentialLineProblems: IniProblem[] = [];
  const configSections = parseIni(configText, configLineProblems);
  const credentialSections = parseIni(credentialsText, credentialLineProblems);
  const problems: SharedFileProblem[] = [
    ...readProblems,
    ...configLineProblems.map((problem) => ({ path: paths.configPath, ...problem })),
    ...credentialLineProblems.map((problem) => ({ path: paths.credentialsPath, ...problem })),
  ];
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
    if (values.sso_session && !session) {
      problems.push({ path: paths.configPath, message: `profile "${name}" names sso_session "${values.sso_session}", but there is no [sso-session ${values.sso_session}] section.` });
    }
    profiles.set(name, {
      name,
      kind: profileKind(values),
      region: values.region,
      roleArn: values.role_arn,
      sourceProfile: values.source_profile,
      credentialSource: values.credential_source,
      ssoSession: values.sso_session,
      ssoStartUrl: values.sso_start_url ?? session?.sso_start_url,
      ssoRegion: session?.sso_region ?? values.sso_region,
      ssoAccountId: values.sso_account_id,
      ssoRoleName: values.sso_role_name,
      services: values.services,
      inConfigFile: fromConfig.has(name),
      inCredentialsFile: credentialSections.has(name),
    });
  }
  return { ...paths, profiles, ssoSessions, problems };
}

/** Reads both files; one that cannot be read counts as empty and is reported, it never throws. */
export async function loadSharedConfig(env: NodeJS.ProcessEnv = process.env, home = homedir()): Promise<SharedConfig> {
  const paths = sharedFilePaths(env, home);
  const [config, credentials] = await Promise.all([readIfPresent(paths.configPath), readIfPresent(paths.credentialsPath)]);
  return fromReads(config, credentials, paths);
}

/** The same as loadSharedConfig(), synchronously (for activation). */
export function loadSharedConfigSync(env: NodeJS.ProcessEnv = process.env, home = homedir()): SharedConfig {
  const paths = sharedFilePaths(env, home);
  return fromReads(readIfPresentSync(paths.configPath), readIfPresentSync(paths.credentialsPath), paths);
}

/** The `sso_region` that signs in the profile: its own, or that of the profile it takes its credentials from. */
export function ssoRegionFor(shared: SharedConfig, profileName: string): string | undefined {
  const seen = new Set<string>();
  let profile = shared.profiles.get(profileName);
  while (profile && !seen.has(profile.name)) {
    if (profile.ssoRegion) return profile.ssoRegion;
    seen.add(profile.name);
    profile = profile.sourceProfile ? shared.profiles.get(profile.sourceProfile) : undefined;
  }
  return undefined;
}

interface FileRead {
  readonly text: string;
  readonly problem?: SharedFileProblem;
}

function fromReads(config: FileRead, credentials: FileRead, paths: { configPath: string; credentialsPath: string }): SharedConfig {
  const readProblems = [config.problem, credentials.problem].filter((problem): problem is SharedFileProblem => problem !== undefined);
  return buildSharedConfig(config.text, credentials.text, paths, readProblems);
}

function readFailure(path: string, error: unknown): FileRead {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { text: '' };
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'EISDIR'
        ? 'it is a folder, not a file'
        : (error as Error).message || String(error);
  return { text: '', problem: { path, message: `could not be read (${why}${code && !why.includes(code) ? `, ${code}` : ''}); its profiles are not available.` } };
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

function readIfPresentSync(path: string): FileRead {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    return readFailure(path, error);
  }
}

async function readIfPresent(path: string): Promise<FileRead> {
  try {
    return { text: await readFile(path, 'utf8') };
  } catch (error) {
    return readFailure(path, error);
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
