import { formatQuote, type PriceQuote } from '../../core/cost/priceCatalog';
import type { App } from '../../core/resources/apps';
import type { Domain } from '../../core/resources/domains';
import { describeIdleSetting, effectiveIdleSetting, type IdleLevel, type IdleShutdownState } from '../../core/resources/idleSettings';
import type { Space } from '../../core/resources/spaces';
import { isBillable, statusTone } from '../../core/resources/status';
import type { UserProfile } from '../../core/resources/userProfiles';
import { formatDateTime, formatDuration } from '../../core/util/format';
import { contextValue } from './contextValues';
import { tooltipTable, type NodePresentation } from './presentation';
import { statusIcon } from './status';

/** What a domain row knows beyond ListDomains, from its (on-demand) DescribeDomain. */
export interface DomainExtras {
  readonly unifiedStudio?: boolean;
  readonly idle?: IdleShutdownState;
}

export function presentDomain(domain: Domain, extras: DomainExtras = {}): NodePresentation {
  const tone = statusTone('domain', domain.status);
  const description = [domain.status !== 'InService' && domain.status, extras.unifiedStudio && 'Unified Studio', domain.id].filter(Boolean).join(' · ');
  return {
    label: domain.name,
    description,
    icon: tone === 'running' ? { id: 'organization' } : statusIcon(tone),
    tooltip: tooltipTable(`Studio domain ${domain.name}`, [
      ['Status', domain.status],
      ['Domain id', domain.id],
      ['Kind', extras.unifiedStudio ? 'SageMaker Unified Studio domain' : undefined],
      ['Region', domain.region],
      ['ARN', domain.arn],
      ['Created', domain.created && formatDateTime(domain.created)],
      ['Last modified', domain.lastModified && formatDateTime(domain.lastModified)],
      ...idleRows(extras.idle),
    ]),
    contextValue: contextValue('domain', domain.status, extras.unifiedStudio && 'unifiedStudio'),
    collapsible: 'collapsed',
  };
}

export interface ProfileExtras {
  readonly arn?: string;
  /** Filled in when the user hovers the row (Describe on demand); a string says why it could not be read. */
  readonly idle?: IdleShutdownState | string;
  readonly privateSpaces?: number;
}

export function presentUserProfile(profile: UserProfile, extras: ProfileExtras = {}): NodePresentation {
  const tone = statusTone('userProfile', profile.status);
  const spaces = extras.privateSpaces ? `${extras.privateSpaces} private space${extras.privateSpaces === 1 ? '' : 's'}` : undefined;
  return {
    label: profile.name,
    description: [profile.status !== 'InService' && profile.status, spaces].filter(Boolean).join(' · ') || undefined,
    icon: tone === 'running' ? { id: 'account' } : statusIcon(tone),
    tooltip: tooltipTable(`User profile ${profile.name}`, [
      ['Status', profile.status],
      ['Domain id', profile.domainId],
      ['ARN', extras.arn],
      ['Created', profile.created && formatDateTime(profile.created)],
      ['Last modified', profile.lastModified && formatDateTime(profile.lastModified)],
      ...idleRows(extras.idle),
    ]),
    contextValue: contextValue('userProfile', profile.status),
    collapsible: 'collapsed',
  };
}

export interface SpaceExtras {
  readonly arn?: string;
  readonly idle?: IdleShutdownState | string;
}

export function presentSpace(space: Space, extras: SpaceExtras = {}): NodePresentation {
  const tone = statusTone('space', space.status);
  const label = space.displayName ?? space.name;
  const kind = space.sharing === 'Private' ? 'private' : 'shared';
  return {
    label,
    description: [space.status !== 'InService' && space.status, label !== space.name && space.name, `${kind} space`, space.appType]
      .filter(Boolean)
      .join(' · '),
    icon: tone === 'running' ? { id: space.sharing === 'Private' ? 'folder' : 'folder-library' } : statusIcon(tone),
    tooltip: tooltipTable(`${space.sharing === 'Private' ? 'Private' : 'Shared'} space ${label}`, [
      ['Status', space.status],
      ['Name', space.name],
      ['App type', space.appType],
      ['Owner', space.owner],
      ['Domain id', space.domainId],
      ['ARN', extras.arn],
      ['Created', space.created && formatDateTime(space.created)],
      ['Last modified', space.lastModified && formatDateTime(space.lastModified)],
      ...idleRows(extras.idle),
    ]),
    contextValue: contextValue('space', space.status, kind),
    collapsible: 'collapsed',
  };
}

export interface AppExtras {
  readonly quote: PriceQuote | undefined;
  /** For "running for": the current time, passed in so presenters stay pure. */
  readonly now: Date;
  readonly arn?: string;
}

/** The app's label: its type, and its name unless it is the usual `default`. */
export function appLabel(app: Pick<App, 'appType' | 'appName'>): string {
  return app.appName === 'default' ? app.appType : `${app.appType} ${app.appName}`;
}

export function presentApp(app: App, extras: AppExtras): NodePresentation {
  const tone = statusTone('app', app.status);
  const live = app.status === 'InService' || app.status === 'Pending';
  const age = live && app.created ? formatDuration(extras.now.getTime() - app.created.getTime()) : undefined;
  const price = live ? formatQuote(extras.quote) : undefined;
  return {
    label: appLabel(app),
    description: [app.status !== 'InService' && app.status, app.instanceType, age, price].filter(Boolean).join(' · '),
    icon: statusIcon(tone),
    tooltip: tooltipTable(`${app.appType} app ${app.appName}`, [
      ['Status', app.status],
      ['Instance type', app.instanceType],
      ['Hourly price', formatQuote(extras.quote)],
      [isBillable('app', app.status) ? 'Running for' : 'Age', app.created && formatDuration(extras.now.getTime() - app.created.getTime())],
      [app.spaceName ? 'Space' : 'User profile', app.spaceName ?? app.userProfileName],
      ['Domain id', app.domainId],
      ['ARN', extras.arn],
      ['Image', app.imageArn],
      ['Created', app.created && formatDateTime(app.created)],
    ]),
    contextValue: contextValue('app', app.status),
    collapsible: 'none',
  };
}

/** The row that stands for apps hidden because they are Deleted. */
export function hiddenDeletedAppsMessage(count: number): string {
  return `${count} deleted app${count === 1 ? '' : 's'} hidden`;
}

const levelNames: Record<IdleLevel, string> = { domain: 'domain', userProfile: 'user profile', space: 'space' };

/** Tooltip rows: "Idle shutdown, JupyterLab: after 1 h idle (domain)"; a string: why it is unknown. */
export function idleRows(idle: IdleShutdownState | string | undefined): Array<[string, string]> {
  if (idle === undefined) return [];
  if (typeof idle === 'string') return [['Idle shutdown', `could not be read: ${idle}`]];
  return idle.appTypes.map((appType) => {
    const effective = effectiveIdleSetting(idle, appType);
    const from = effective.enabled ? effective.timeoutFrom ?? effective.enabledFrom : effective.enabledFrom;
    return [`Idle shutdown, ${appType}`, `${describeIdleSetting(effective)}${from ? ` (${levelNames[from]})` : ''}`];
  });
}
