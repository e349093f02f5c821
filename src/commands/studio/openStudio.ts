import * as vscode from 'vscode';
import { createStudioUrl, type StudioTarget } from '../../core/resources/presignedUrls';
import { listUserProfiles } from '../../core/resources/userProfiles';
import type { ExtensionServices } from '../../platform/services';
import { SpaceNode } from '../../views/studio/spaceNode';
import { UserProfileNode } from '../../views/studio/userProfileNode';
import { defineCommand } from '../command';

/** A shared space opens as one of the domain's user profiles: the user says which. */
async function pickProfileFor(services: ExtensionServices, node: SpaceNode): Promise<string | undefined> {
  const { domain } = node;
  const profiles = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Listing the user profiles of ${domain.name}` }, () =>
    listUserProfiles(services.session.clients, domain.region, domain.id),
  );
  const usable = profiles.filter((profile) => profile.status === 'InService');
  if (usable.length === 0) throw new Error(`Domain ${domain.name} has no user profile in service to open the space as.`);
  if (usable.length === 1) return usable[0]!.name;
  const picked = await vscode.window.showQuickPick(
    usable.map((profile) => ({ label: profile.name, iconPath: new vscode.ThemeIcon('account'), description: profile.name === node.space.owner ? 'created the space' : undefined })),
    { title: `Open space ${node.space.name} as`, placeHolder: 'Studio signs in as a user profile' },
  );
  return picked?.label;
}

/**
 * Opens Studio in the browser, signed in as the user profile (into the space, for a space).
 * The presigned URL goes straight to the browser: never logged, shown or kept.
 */
export const openStudio = defineCommand(
  'sagemaker.openStudio',
  (node?: unknown) =>
    node instanceof UserProfileNode ? `open Studio as ${node.profile.name}` : node instanceof SpaceNode ? `open space ${node.space.name} in Studio` : 'open Studio',
  async (services, node?: unknown) => {
    let target: StudioTarget | undefined;
    if (node instanceof UserProfileNode) {
      target = { region: node.domain.region, domainId: node.domain.id, userProfileName: node.profile.name };
    } else if (node instanceof SpaceNode) {
      const owner = node.space.sharing === 'Private' ? node.space.owner : await pickProfileFor(services, node);
      if (!owner) return;
      target = { region: node.domain.region, domainId: node.domain.id, userProfileName: owner, spaceName: node.space.name };
    }
    if (!target) return;
    const studioTarget = target;
    const opened = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Opening Studio' }, async () =>
      vscode.env.openExternal(vscode.Uri.parse(await createStudioUrl(services.session.clients, studioTarget))),
    );
    if (opened) services.log.info(`Opened Studio as ${studioTarget.userProfileName}${studioTarget.spaceName ? ` in space ${studioTarget.spaceName}` : ''}`);
  },
);
