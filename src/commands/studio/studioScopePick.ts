import * as vscode from 'vscode';
import { listDomains, type Domain } from '../../core/resources/domains';
import { listSpaces, type Space } from '../../core/resources/spaces';
import { listUserProfiles, type UserProfile } from '../../core/resources/userProfiles';
import type { ExtensionServices } from '../../platform/services';
import { DomainNode } from '../../views/studio/domainNode';
import { SpaceNode } from '../../views/studio/spaceNode';
import { UserProfileNode } from '../../views/studio/userProfileNode';

/** A domain, a user profile or a space: what Studio commands act on, from the tree or the palette. */
export type StudioScope =
  | { readonly kind: 'domain'; readonly domain: Domain }
  | { readonly kind: 'userProfile'; readonly domain: Domain; readonly profile: UserProfile }
  | { readonly kind: 'space'; readonly domain: Domain; readonly space: Space };

export type StudioScopeKind = StudioScope['kind'];

/** The scope of a tree node, or undefined for any other argument (the palette passes none). */
export function scopeOfNode(node: unknown): StudioScope | undefined {
  if (node instanceof DomainNode) return { kind: 'domain', domain: node.domain };
  if (node instanceof UserProfileNode) return { kind: 'userProfile', domain: node.domain, profile: node.profile };
  if (node instanceof SpaceNode) return { kind: 'space', domain: node.domain, space: node.space };
  return undefined;
}

/** "domain ml-research", "user profile ana", "space team-lab". */
export function scopeTitle(scope: StudioScope): string {
  if (scope.kind === 'domain') return `domain ${scope.domain.name}`;
  if (scope.kind === 'userProfile') return `user profile ${scope.profile.name}`;
  return `space ${scope.space.name}`;
}

interface ScopeItem extends vscode.QuickPickItem {
  readonly scope?: StudioScope;
}

const icons: Record<StudioScopeKind, string> = { domain: 'organization', userProfile: 'account', space: 'folder-library' };

/** What the picker says of a scope: its name, what it is, and its status. */
function describeScope(scope: StudioScope): { label: string; what: string; status: string } {
  switch (scope.kind) {
    case 'domain':
      return { label: scope.domain.name, what: scope.domain.id, status: scope.domain.status };
    case 'userProfile':
      return { label: scope.profile.name, what: 'user profile', status: scope.profile.status };
    case 'space':
      return {
        label: scope.space.name,
        what: scope.space.sharing === 'Private' ? `private space of ${scope.space.owner ?? '?'}` : 'shared space',
        status: scope.space.status,
      };
  }
}

function scopeItem(scope: StudioScope): ScopeItem {
  const { label, what, status } = describeScope(scope);
  return {
    label,
    description: status === 'InService' ? what : `${what} · ${status}`,
    iconPath: new vscode.ThemeIcon(icons[scope.kind]),
    scope,
  };
}

/** The domains of the region, each with its user profiles and spaces (one List call per page of each). */
async function listStudioScopes(services: ExtensionServices, kinds: readonly StudioScopeKind[]): Promise<StudioScope[][]> {
  const { clients, connection } = services.session;
  const domains = (await listDomains(clients, connection.region)).filter((domain) => domain.status !== 'Deleting');
  const wantsProfiles = kinds.includes('userProfile');
  const wantsSpaces = kinds.includes('space');
  return Promise.all(
    domains.map(async (domain) => {
      const [profiles, spaces] = await Promise.all([
        wantsProfiles ? listUserProfiles(clients, domain.region, domain.id) : [],
        wantsSpaces ? listSpaces(clients, domain.region, domain.id) : [],
      ]);
      return [
        ...(kinds.includes('domain') ? [{ kind: 'domain' as const, domain }] : []),
        ...profiles.map((profile) => ({ kind: 'userProfile' as const, domain, profile })),
        ...spaces.map((space) => ({ kind: 'space' as const, domain, space })),
      ];
    }),
  );
}

/**
 * From the Command Palette: a quick pick of the region's domains, user profiles and spaces (the
 * kinds asked for), grouped by domain. Undefined when the user cancels or there is nothing to pick.
 */
export async function pickStudioScope(
  services: ExtensionServices,
  options: { readonly title: string; readonly placeHolder: string; readonly kinds: readonly StudioScopeKind[] },
): Promise<StudioScope | undefined> {
  const region = services.session.connection.region;
  const groups = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Listing Studio domains in ${region}` }, () =>
    listStudioScopes(services, options.kinds),
  );
  const nonEmpty = groups.filter((group) => group.length > 0);
  if (nonEmpty.length === 0) {
    void vscode.window.showInformationMessage(`No Studio ${options.kinds.includes('domain') ? 'domains' : 'user profiles or spaces'} in ${region}.`);
    return undefined;
  }
  const items: ScopeItem[] = nonEmpty.flatMap((group) => [
    { label: `domain ${group[0]!.domain.name}`, kind: vscode.QuickPickItemKind.Separator },
    ...group.map(scopeItem),
  ]);
  const picked = await vscode.window.showQuickPick(items, { title: options.title, placeHolder: options.placeHolder, matchOnDescription: true });
  return picked?.scope;
}
