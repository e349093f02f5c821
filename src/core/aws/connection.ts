import { defaultRegion, isRegionCode } from './regions';
import type { ProfileInfo, SharedConfig } from './sharedConfig';

/** The AWS services the extension calls, by the key used in settings and endpoint overrides. */
export type ServiceId = 'sagemaker' | 'sagemakerRuntime' | 'logs' | 's3' | 'sts' | 'pricing' | 'sso';

/** The placeholder an endpoint setting may hold, replaced by the region of each client (per-region VPC endpoints). */
export const REGION_PLACEHOLDER = '{region}';

/** What the user chose in settings (already filtered for workspace trust by the caller). */
export interface ConnectionSettings {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly serviceEndpoints?: Readonly<Partial<Record<Exclude<ServiceId, 'sagemaker'>, string>>>;
}

export type ProfileSource = 'setting' | 'AWS_PROFILE' | 'default';
export type RegionSource = 'setting' | 'profile' | 'AWS_REGION' | 'default';

/** Who we are talking to AWS as, where, and through which endpoints. */
export interface Connection {
  /** The named profile, or undefined for the SDK's default credential chain. */
  readonly profile: string | undefined;
  readonly profileSource: ProfileSource;
  readonly profileInfo: ProfileInfo | undefined;
  readonly region: string;
  readonly regionSource: RegionSource;
  /**
   * Endpoint overrides from settings, as written: they may hold `{region}` (use `endpointFor` to get
   * the address for one region); services not listed use the SDK's own resolution.
   */
  readonly endpoints: Readonly<Partial<Record<ServiceId, string>>>;
  /** Settings that were present but unusable, in words a user can act on. */
  readonly settingProblems: readonly string[];
}

const serviceKeys: ReadonlyArray<Exclude<ServiceId, 'sagemaker'>> = ['sagemakerRuntime', 'logs', 's3', 'sts', 'pricing', 'sso'];

/**
 * Picks the profile (setting, then `AWS_PROFILE`, then the default chain) and the region
 * (setting, then the profile's `region`, then `AWS_REGION` / `AWS_DEFAULT_REGION`, then us-east-1).
 */
export function resolveConnection(settings: ConnectionSettings, env: NodeJS.ProcessEnv, shared: SharedConfig): Connection {
  const problems: string[] = [];
  const settingProfile = settings.profile?.trim();
  const envProfile = env.AWS_PROFILE?.trim();
  const profile = settingProfile || envProfile || undefined;
  const profileSource: ProfileSource = settingProfile ? 'setting' : envProfile ? 'AWS_PROFILE' : 'default';
  const profileInfo = shared.profiles.get(profile ?? 'default');

  let region: string | undefined;
  let regionSource: RegionSource = 'default';
  const settingRegion = settings.region?.trim();
  const envRegion = (env.AWS_REGION || env.AWS_DEFAULT_REGION)?.trim();
  if (settingRegion && !isRegionCode(settingRegion)) problems.push(`sagemaker.region "${settingRegion}" is not a region code such as us-east-1.`);
  if (settingRegion && isRegionCode(settingRegion)) [region, regionSource] = [settingRegion, 'setting'];
  else if (profileInfo?.region) [region, regionSource] = [profileInfo.region, 'profile'];
  else if (envRegion) [region, regionSource] = [envRegion, 'AWS_REGION'];

  const endpoints: Partial<Record<ServiceId, string>> = {};
  const addEndpoint = (service: ServiceId, value: string | undefined, settingName: string): void => {
    const url = value?.trim();
    if (!url) return;
    const sample = fillRegion(url, defaultRegion);
    if (/[{}]/.test(sample)) problems.push(`${settingName} "${url}" holds a placeholder other than ${REGION_PLACEHOLDER}; it is ignored.`);
    else if (isHttpUrl(sample)) endpoints[service] = url.replace(/\/+$/, '');
    else problems.push(`${settingName} "${url}" is not an http(s) URL; it is ignored.`);
  };
  addEndpoint('sagemaker', settings.endpointUrl, 'sagemaker.endpointUrl');
  for (const key of serviceKeys) addEndpoint(key, settings.serviceEndpoints?.[key], `sagemaker.serviceEndpoints.${key}`);

  return {
    profile,
    profileSource,
    profileInfo,
    region: region ?? defaultRegion,
    regionSource,
    endpoints,
    settingProblems: problems,
  };
}

function fillRegion(template: string, region: string): string {
  return template.split(REGION_PLACEHOLDER).join(region);
}

/**
 * The endpoint override for one service in one region (`{region}` replaced), or undefined when the
 * SDK's own resolution applies.
 */
export function endpointFor(connection: Pick<Connection, 'endpoints'>, service: ServiceId, region: string): string | undefined {
  const template = connection.endpoints[service];
  return template === undefined ? undefined : fillRegion(template, region);
}

/** The profile as users name it: the profile, or "default" for the default chain. */
export function profileLabel(connection: Connection): string {
  return connection.profile ?? 'default';
}

/** "ml-team · eu-west-1" plus the endpoint host when traffic is redirected. */
export function connectionLabel(connection: Connection): string {
  const parts = [profileLabel(connection), connection.region];
  const endpoint = endpointFor(connection, 'sagemaker', connection.region);
  if (endpoint) parts.push(new URL(endpoint).host);
  return parts.join(' · ');
}

export function sameConnection(a: Connection, b: Connection): boolean {
  return (
    a.profile === b.profile &&
    a.region === b.region &&
    JSON.stringify(a.endpoints) === JSON.stringify(b.endpoints) &&
    JSON.stringify(a.profileInfo) === JSON.stringify(b.profileInfo)
  );
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
