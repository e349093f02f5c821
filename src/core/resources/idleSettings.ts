import type { IdleSettings, SpaceSettings, UserSettings } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';
import { describeDomain } from './domains';
import { describeSpace } from './spaces';
import { describeUserProfile } from './userProfiles';

/**
 * Idle shutdown of Studio apps (`AppLifecycleManagement.IdleSettings`): set for JupyterLab and
 * Code Editor apps on the domain (its default user settings), overridden per user profile, and
 * per space for the timeout alone. SageMaker then stops apps that sit idle, so they stop billing.
 */

export type IdleAppType = 'JupyterLab' | 'CodeEditor';
export const idleAppTypes: readonly IdleAppType[] = ['JupyterLab', 'CodeEditor'];

/** SageMaker's limits for `IdleTimeoutInMinutes`. */
export const idleTimeoutLimits = { min: 60, max: 525_600 } as const;

export type IdleScope =
  | { readonly kind: 'domain'; readonly region: string; readonly domainId: string }
  | { readonly kind: 'userProfile'; readonly region: string; readonly domainId: string; readonly userProfileName: string }
  | { readonly kind: 'space'; readonly region: string; readonly domainId: string; readonly spaceName: string };

/** One app type's idle settings at one level; members not set at that level are undefined. */
export interface IdleSetting {
  readonly enabled?: boolean;
  readonly timeoutMinutes?: number;
  readonly minMinutes?: number;
  readonly maxMinutes?: number;
}

export type IdleSettingsByApp = Partial<Record<IdleAppType, IdleSetting>>;

export type IdleLevel = 'domain' | 'userProfile' | 'space';

/** A setting in force, and the level each member comes from. */
export interface EffectiveIdleSetting {
  readonly appType: IdleAppType;
  readonly enabled: boolean;
  readonly timeoutMinutes?: number;
  readonly minMinutes?: number;
  readonly maxMinutes?: number;
  readonly enabledFrom?: IdleLevel;
  readonly timeoutFrom?: IdleLevel;
}

/** Everything a scope's idle shutdown depends on, read with one Describe per level involved. */
export interface IdleShutdownState {
  readonly scope: IdleScope;
  readonly levels: ReadonlyArray<{ readonly level: IdleLevel; readonly name: string; readonly settings: IdleSettingsByApp }>;
  /** The app types that the scope runs: a space runs one; domains and profiles both. */
  readonly appTypes: readonly IdleAppType[];
}

function fromIdleSettings(settings: IdleSettings | undefined): IdleSetting | undefined {
  if (!settings) return undefined;
  const setting: IdleSetting = {
    enabled: settings.LifecycleManagement === undefined ? undefined : settings.LifecycleManagement === 'ENABLED',
    timeoutMinutes: settings.IdleTimeoutInMinutes,
    minMinutes: settings.MinIdleTimeoutInMinutes,
    maxMinutes: settings.MaxIdleTimeoutInMinutes,
  };
  return Object.values(setting).some((value) => value !== undefined) ? setting : undefined;
}

/** The idle settings held in a domain's default user settings or a profile's user settings. */
export function idleSettingsOfUserSettings(settings: UserSettings | undefined): IdleSettingsByApp {
  const result: IdleSettingsByApp = {};
  const jupyterLab = fromIdleSettings(settings?.JupyterLabAppSettings?.AppLifecycleManagement?.IdleSettings);
  const codeEditor = fromIdleSettings(settings?.CodeEditorAppSettings?.AppLifecycleManagement?.IdleSettings);
  if (jupyterLab) result.JupyterLab = jupyterLab;
  if (codeEditor) result.CodeEditor = codeEditor;
  return result;
}

/** The idle timeouts held in a space's settings. */
export function idleSettingsOfSpaceSettings(settings: SpaceSettings | undefined): IdleSettingsByApp {
  const result: IdleSettingsByApp = {};
  const jupyterLab = settings?.JupyterLabAppSettings?.AppLifecycleManagement?.IdleSettings?.IdleTimeoutInMinutes;
  const codeEditor = settings?.CodeEditorAppSettings?.AppLifecycleManagement?.IdleSettings?.IdleTimeoutInMinutes;
  if (jupyterLab !== undefined) result.JupyterLab = { timeoutMinutes: jupyterLab };
  if (codeEditor !== undefined) result.CodeEditor = { timeoutMinutes: codeEditor };
  return result;
}

function isIdleAppType(value: string | undefined): value is IdleAppType {
  return value === 'JupyterLab' || value === 'CodeEditor';
}

/**
 * Reads what decides idle shutdown for `scope`: the domain, plus the profile, plus the space
 * (and, for a private space, its owner's profile). Describe calls only: run on demand.
 */
export async function readIdleShutdown(clients: AwsClients, scope: IdleScope, signal?: AbortSignal): Promise<IdleShutdownState> {
  const domainPromise = describeDomain(clients, scope.region, scope.domainId, signal);
  if (scope.kind === 'domain') return domainIdleShutdown(scope.region, scope.domainId, await domainPromise);
  if (scope.kind === 'userProfile') {
    const [domain, profile] = await Promise.all([
      domainPromise,
      describeUserProfile(clients, scope.region, scope.domainId, scope.userProfileName, signal),
    ]);
    return {
      scope,
      levels: [
        { level: 'domain', name: domain.DomainName ?? scope.domainId, settings: idleSettingsOfUserSettings(domain.DefaultUserSettings) },
        { level: 'userProfile', name: scope.userProfileName, settings: idleSettingsOfUserSettings(profile.UserSettings) },
      ],
      appTypes: idleAppTypes,
    };
  }
  const [domain, space] = await Promise.all([domainPromise, describeSpace(clients, scope.region, scope.domainId, scope.spaceName, signal)]);
  const owner = space.SpaceSharingSettings?.SharingType === 'Private' ? space.OwnershipSettings?.OwnerUserProfileName : undefined;
  const ownerProfile = owner ? await describeUserProfile(clients, scope.region, scope.domainId, owner, signal) : undefined;
  const appType = space.SpaceSettings?.AppType;
  return {
    scope,
    levels: [
      { level: 'domain', name: domain.DomainName ?? scope.domainId, settings: idleSettingsOfUserSettings(domain.DefaultUserSettings) },
      ...(owner && ownerProfile ? [{ level: 'userProfile' as const, name: owner, settings: idleSettingsOfUserSettings(ownerProfile.UserSettings) }] : []),
      { level: 'space', name: scope.spaceName, settings: idleSettingsOfSpaceSettings(space.SpaceSettings) },
    ],
    appTypes: isIdleAppType(appType) ? [appType] : idleAppTypes,
  };
}

/** What is in force for `appType`: each member from the most specific level that sets it. */
export function effectiveIdleSetting(state: Pick<IdleShutdownState, 'levels'>, appType: IdleAppType): EffectiveIdleSetting {
  let enabled: boolean | undefined;
  let enabledFrom: IdleLevel | undefined;
  let timeoutMinutes: number | undefined;
  let timeoutFrom: IdleLevel | undefined;
  let minMinutes: number | undefined;
  let maxMinutes: number | undefined;
  for (const { level, settings } of state.levels) {
    const setting = settings[appType];
    if (!setting) continue;
    if (setting.enabled !== undefined) [enabled, enabledFrom] = [setting.enabled, level];
    if (setting.timeoutMinutes !== undefined) [timeoutMinutes, timeoutFrom] = [setting.timeoutMinutes, level];
    if (setting.minMinutes !== undefined) minMinutes = setting.minMinutes;
    if (setting.maxMinutes !== undefined) maxMinutes = setting.maxMinutes;
  }
  return { appType, enabled: enabled === true, enabledFrom, timeoutMinutes, timeoutFrom, minMinutes, maxMinutes };
}

/** The range a timeout set at this scope must fall in: SageMaker's limits, narrowed for spaces by the admin's bounds. */
export function allowedIdleTimeout(state: IdleShutdownState, appType: IdleAppType): { min: number; max: number } {
  if (state.scope.kind !== 'space') return { ...idleTimeoutLimits };
  const effective = effectiveIdleSetting(state, appType);
  return {
    min: Math.max(idleTimeoutLimits.min, effective.minMinutes ?? idleTimeoutLimits.min),
    max: Math.min(idleTimeoutLimits.max, effective.maxMinutes ?? idleTimeoutLimits.max),
  };
}

/** Why `text` is not an acceptable timeout, or undefined when it is. */
export function validateIdleTimeout(text: string, range: { min: number; max: number }): string | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return 'Enter a whole number of minutes.';
  const minutes = Number(trimmed);
  if (minutes < range.min || minutes > range.max) return `Enter between ${range.min} and ${range.max} minutes.`;
  return undefined;
}

/** A change to one app type's idle shutdown; spaces can only change the timeout. */
export type IdleChange = { readonly enabled: false } | { readonly enabled: true; readonly timeoutMinutes: number };

/** The settings object holding only what changes (the service leaves every other member as it is). */
export function idleSettingsPatch(scope: IdleScope, appType: IdleAppType, change: IdleChange): Record<string, unknown> {
  const key = `${appType}AppSettings`;
  if (scope.kind === 'space') {
    if (!change.enabled) throw new Error('A space cannot turn idle shutdown off; set it on its domain or user profile.');
    return { [key]: { AppLifecycleManagement: { IdleSettings: { IdleTimeoutInMinutes: change.timeoutMinutes } } } };
  }
  const idle = change.enabled ? { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: change.timeoutMinutes } : { LifecycleManagement: 'DISABLED' };
  return { [key]: { AppLifecycleManagement: { IdleSettings: idle } } };
}

/** Applies a change with UpdateDomain / UpdateUserProfile / UpdateSpace (the scope goes to Updating). */
export async function setIdleShutdown(clients: AwsClients, scope: IdleScope, appType: IdleAppType, change: IdleChange, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(scope.region);
  const patch = idleSettingsPatch(scope, appType, change);
  const options = { abortSignal: signal };
  switch (scope.kind) {
    case 'domain':
      await client.send(new sagemaker.UpdateDomainCommand({ DomainId: scope.domainId, DefaultUserSettings: patch }), options);
      return;
    case 'userProfile':
      await client.send(
        new sagemaker.UpdateUserProfileCommand({ DomainId: scope.domainId, UserProfileName: scope.userProfileName, UserSettings: patch }),
        options,
      );
      return;
    case 'space':
      await client.send(
        new sagemaker.UpdateSpaceCommand({ DomainId: scope.domainId, SpaceName: scope.spaceName, SpaceSettings: patch }),
        options,
      );
      return;
  }
}

/** "after 2 h idle", "after 90 min idle", "off", "not set". */
export function describeIdleSetting(setting: EffectiveIdleSetting): string {
  if (!setting.enabled) return setting.enabledFrom ? 'off' : 'not set';
  if (setting.timeoutMinutes === undefined) return 'on, no timeout set';
  return `after ${formatMinutes(setting.timeoutMinutes)} idle`;
}

export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

/** The idle shutdown a domain sets, from a DescribeDomain answer already at hand. */
export function domainIdleShutdown(
  region: string,
  domainId: string,
  description: { readonly DomainName?: string; readonly DefaultUserSettings?: UserSettings },
): IdleShutdownState {
  return {
    scope: { kind: 'domain', region, domainId },
    levels: [{ level: 'domain', name: description.DomainName ?? domainId, settings: idleSettingsOfUserSettings(description.DefaultUserSettings) }],
    appTypes: idleAppTypes,
  };
}
