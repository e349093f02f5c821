import * as vscode from 'vscode';
import { checkPresignedUrl, createStudioUrl, type StudioTarget } from '../../core/resources/presignedUrls';
import type { Domain } from '../../core/resources/domains';
import type { Space } from '../../core/resources/spaces';
import { listUserProfiles } from '../../core/resources/userProfiles';
import type { ExtensionServices } from '../../platform/services';
import { defineCommand } from '../command';
import { pickStudioScope, scopeOfNode, type StudioScope } from './studioScopePick';

/** A shared space opens as one of the domain's user profiles: the user says which. */
async function pickProfileFor(services: ExtensionServices, domain: Domain, space: Space): Promise<string | undefined> {
  const profiles = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Listing the user profiles of ${domain.name}` }, () =>
    listUserProfiles(services.session.clients, domain.region, domain.id),
  );
  const usable = profiles.filter((profile) => profile.status === 'InService');
  if (usable.length === 0) throw new Error(`Domain ${domain.name} has no user profile in service to open the space as.`);
  if (usable.length === 1) return usable[0]!.name;
  const picked = await vscode.window.showQuickPick(
    usable.map((profile) => ({ label: profile.name, iconPath: new vscode.ThemeIcon('account'), description: profile.name === space.owner ? 'created the space' : undefined })),
    { title: `Open space ${space.name} as`, placeHolder: 'Studio signs in as a user profile' },
  );
  return picked?.label;
}

async function studioTarget(services: ExtensionServices, scope: StudioScope): Promise<StudioTarget | undefined> {
  const { domain } = scope;
  if (scope.kind === 'userProfile') return { region: domain.region, domainId: domain.id, userProfileName: scope.profile.name };
  if (scope.kind !== 'space') return undefined;
  const { space } = scope;
  const owner = space.sharing === 'Private' ? space.owner : await pickProfileFor(services, domain, space);
  return owner ? { region: domain.region, domainId: domain.id, userProfileName: owner, spaceName: space.name } : undefined;
}

/**
 * Opens Studio in the browser, signed in as the user profile (into the space, for a space); from
 * the Command Palette, for a profile or space picked from the region's domains.
 * The presigned URL goes straight to the browser: never logged, shown or kept.
 */
export const openStudio = defineCommand(
  'sagemaker.openStudio',
  (node?: unknown) => {
    const scope = scopeOfNode(node);
    return scope?.kind === 'userProfile' ? `open Studio as ${scope.profile.name}` : scope?.kind === 'space' ? `open space ${scope.space.name} in Studio` : 'open Studio';
  },
  async (services, node?: unknown) => {
    const scope =
      scopeOfNode(node) ??
      (await pickStudioScope(services, { title: 'Open in Studio', placeHolder: 'Open Studio as a user profile, or into a space', kinds: ['userProfile', 'space'] }));
    if (!scope) return;
    const target = await studioTarget(services, scope);
    if (!target) return;
    const opened = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Opening Studio' }, async () =>
      vscode.env.openExternal(
        vscode.Uri.parse(checkPresignedUrl(await createStudioUrl(services.session.clients, target), services.session.connection.endpoints.sagemaker)),
      ),
    );
    if (opened) services.log.info(`Opened Studio as ${target.userProfileName}${target.spaceName ? ` in space ${target.spaceName}` : ''}`);
  },
);
