import * as vscode from 'vscode';
import { listApps, type App } from '../../core/resources/apps';
import type { Domain } from '../../core/resources/domains';
import type { ExtensionServices } from '../../platform/services';
import { DomainNode } from '../../views/studio/domainNode';
import { SpaceNode } from '../../views/studio/spaceNode';
import { UserProfileNode } from '../../views/studio/userProfileNode';
import { defineCommand, selectedNodes } from '../command';
import { appTarget, confirmAndShutDown, type AppTarget } from './appShutdown';

type Scope = DomainNode | UserProfileNode | SpaceNode;

function isScope(node: unknown): node is Scope {
  return node instanceof DomainNode || node instanceof UserProfileNode || node instanceof SpaceNode;
}

function scopeName(node: Scope): string {
  if (node instanceof DomainNode) return `domain ${node.domain.name}`;
  if (node instanceof UserProfileNode) return `user profile ${node.profile.name}`;
  return `space ${node.space.name}`;
}

/** Lists what runs under a scope, fresh: one ListApps per page for a domain; a profile adds its private spaces. */
async function appsUnder(services: ExtensionServices, node: Scope): Promise<{ domain: Domain; apps: App[] }> {
  const { clients } = services.session;
  const domain = node.domain;
  if (node instanceof DomainNode) return { domain, apps: await listApps(clients, domain.region, { domainId: domain.id }) };
  if (node instanceof SpaceNode) return { domain, apps: await listApps(clients, domain.region, node.appFilter) };
  const lists = await Promise.all([
    listApps(clients, domain.region, node.appFilter),
    ...node.privateSpaces.map((space) => listApps(clients, domain.region, { domainId: domain.id, spaceName: space.name })),
  ]);
  return { domain, apps: lists.flat() };
}

/** Shuts down every running app under the selected domains, user profiles or spaces. */
export const shutDownAllApps = defineCommand(
  'sagemaker.shutDownAllApps',
  (node?: unknown) => (isScope(node) ? `shut down the apps of ${scopeName(node)}` : 'shut down Studio apps'),
  async (services, node?: unknown, nodes?: unknown[]) => {
    const scopes = selectedNodes(node, nodes).filter(isScope);
    if (scopes.length === 0) return;
    const listed = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Listing the apps of ${scopes.length === 1 ? scopeName(scopes[0]!) : `${scopes.length} selections`}` },
      () => Promise.all(scopes.map((scope) => appsUnder(services, scope))),
    );
    const targets: AppTarget[] = listed.flatMap(({ domain, apps }) => apps.map((app) => appTarget(services, app, domain)));
    const where = scopes.length === 1 ? (scopes[0] instanceof UserProfileNode ? `under ${scopeName(scopes[0])}` : `in ${scopeName(scopes[0]!)}`) : 'in the selection';
    await confirmAndShutDown(services, targets, where);
  },
);
