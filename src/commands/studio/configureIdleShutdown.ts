import * as vscode from 'vscode';
import {
  allowedIdleTimeout,
  describeIdleSetting,
  effectiveIdleSetting,
  formatMinutes,
  readIdleShutdown,
  setIdleShutdown,
  validateIdleTimeout,
  type IdleAppType,
  type IdleChange,
  type IdleLevel,
  type IdleScope,
  type IdleShutdownState,
} from '../../core/resources/idleSettings';
import type { ExtensionServices } from '../../platform/services';
import { defineCommand } from '../command';
import { pickStudioScope, scopeOfNode, scopeTitle, type StudioScope } from './studioScopePick';

const levelNames: Record<IdleLevel, string> = { domain: 'the domain', userProfile: 'the user profile', space: 'the space' };

function idleScope(scope: StudioScope): IdleScope {
  const { region, id: domainId } = scope.domain;
  if (scope.kind === 'domain') return { kind: 'domain', region, domainId };
  if (scope.kind === 'userProfile') return { kind: 'userProfile', region, domainId, userProfileName: scope.profile.name };
  return { kind: 'space', region, domainId, spaceName: scope.space.name };
}

/** What is set at the scope itself, as opposed to inherited. */
function ownSetting(state: IdleShutdownState, appType: IdleAppType): string {
  const own = state.levels[state.levels.length - 1]?.settings[appType];
  const level = levelNames[state.scope.kind];
  if (!own) return `Nothing set on ${level}: inherited.`;
  if (own.enabled === false) return `Turned off on ${level}.`;
  return own.timeoutMinutes !== undefined ? `Set on ${level}: ${formatMinutes(own.timeoutMinutes)}.` : `Turned on on ${level}, no timeout.`;
}

async function pickAppType(state: IdleShutdownState, title: string): Promise<IdleAppType | undefined> {
  if (state.appTypes.length === 1) return state.appTypes[0];
  const items = state.appTypes.map((appType) => {
    const effective = effectiveIdleSetting(state, appType);
    const from = effective.enabled ? effective.timeoutFrom ?? effective.enabledFrom : effective.enabledFrom;
    return {
      label: appType,
      description: `${describeIdleSetting(effective)}${from && from !== state.scope.kind ? ` (from ${levelNames[from]})` : ''}`,
      detail: ownSetting(state, appType),
      appType,
    };
  });
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Which apps shut down when idle?' });
  return picked?.appType;
}

async function pickChange(state: IdleShutdownState, appType: IdleAppType, title: string): Promise<IdleChange | undefined> {
  const effective = effectiveIdleSetting(state, appType);
  if (state.scope.kind !== 'space') {
    const items = [
      { label: '$(watch) Set the idle timeout…', action: 'set' as const },
      ...(effective.enabled ? [{ label: '$(circle-slash) Turn idle shutdown off', action: 'off' as const }] : []),
    ];
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: `${appType}: ${describeIdleSetting(effective)}` });
    if (!picked) return undefined;
    if (picked.action === 'off') return { enabled: false };
  }
  const range = allowedIdleTimeout(state, appType);
  const offNote = state.scope.kind === 'space' && !effective.enabled ? ' Idle shutdown is off for these apps in this domain: the timeout applies once the domain or user profile turns it on.' : '';
  const text = await vscode.window.showInputBox({
    title,
    prompt: `Minutes without activity before SageMaker shuts ${appType} apps down (${range.min}–${range.max}).${offNote}`,
    value: String(Math.min(range.max, Math.max(range.min, effective.timeoutMinutes ?? 60))),
    validateInput: (value) => validateIdleTimeout(value, range),
  });
  if (text === undefined) return undefined;
  return { enabled: true, timeoutMinutes: Number(text.trim()) };
}

/**
 * Shows the idle shutdown in force for a domain, user profile or space, and sets or turns it off;
 * from the Command Palette, for one picked from the region's domains.
 */
export const configureIdleShutdown = defineCommand(
  'sagemaker.configureIdleShutdown',
  (node?: unknown) => {
    const picked = scopeOfNode(node);
    return picked ? `set the idle shutdown of ${scopeTitle(picked)}` : 'set idle shutdown';
  },
  async (services: ExtensionServices, node?: unknown) => {
    const picked =
      scopeOfNode(node) ??
      (await pickStudioScope(services, {
        title: 'Idle Shutdown',
        placeHolder: 'Set the idle shutdown of a domain, a user profile or a space',
        kinds: ['domain', 'userProfile', 'space'],
      }));
    if (!picked) return;
    const scope = idleScope(picked);
    const title = `Idle Shutdown: ${scopeTitle(picked)}`;
    const state = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Reading the idle shutdown of ${scopeTitle(picked)}` }, () =>
      readIdleShutdown(services.session.clients, scope),
    );
    const appType = await pickAppType(state, title);
    if (!appType) return;
    const change = await pickChange(state, appType, `${title} · ${appType}`);
    if (!change) return;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Updating ${scopeTitle(picked)}` }, () =>
      setIdleShutdown(services.session.clients, scope, appType, change),
    );
    const kind = scope.kind;
    // The root lists domains; a domain's row lists its profiles and spaces (private ones too).
    services.resourceEvents.changed({
      region: scope.region,
      kind,
      name: kind === 'domain' ? picked.domain.name : kind === 'userProfile' ? scope.userProfileName : scope.spaceName,
      listedUnder: kind === 'domain' ? undefined : `${scope.region}/domain/${scope.domainId}`,
    });
    const outcome = change.enabled ? `after ${formatMinutes(change.timeoutMinutes)} idle` : 'off';
    void vscode.window.showInformationMessage(
      `Idle shutdown of ${appType} apps for ${scopeTitle(picked)}: ${outcome}. Apps started from now on use it; running apps pick it up when they restart.`,
    );
  },
);
