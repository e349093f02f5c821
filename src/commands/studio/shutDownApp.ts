import * as vscode from 'vscode';
import { canShutDown, describeAppRef, listApps } from '../../core/resources/apps';
import { listDomains } from '../../core/resources/domains';
import { formatQuote } from '../../core/cost/priceCatalog';
import { formatDuration } from '../../core/util/format';
import type { ExtensionServices } from '../../platform/services';
import { appLabel } from '../../views/presenters/studio';
import { isAppNode } from '../../views/studio/appNode';
import { defineCommand, selectedNodes } from '../command';
import { appTarget, confirmAndShutDown, type AppTarget } from './appShutdown';

interface AppPickItem extends vscode.QuickPickItem {
  readonly target: AppTarget;
}

/** From the Command Palette: every running app of the region (one paged ListApps), to pick from. */
async function pickRunningApps(services: ExtensionServices): Promise<AppTarget[]> {
  const { clients, connection } = services.session;
  const region = connection.region;
  const [domains, apps] = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Listing running Studio apps' },
    () => Promise.all([listDomains(clients, region), listApps(clients, region, {})]),
  );
  const domainsById = new Map(domains.map((domain) => [domain.id, domain]));
  const running = apps.filter(canShutDown);
  if (running.length === 0) {
    void vscode.window.showInformationMessage(`No Studio apps are running in ${region}.`);
    return [];
  }
  const now = Date.now();
  const items: AppPickItem[] = running.map((app) => {
    const target = appTarget(services, app, domainsById.get(app.domainId) ?? { id: app.domainId, name: app.domainId });
    return {
      label: appLabel(app),
      description: `${app.spaceName ? `space ${app.spaceName}` : `user profile ${app.userProfileName ?? '?'}`} · domain ${target.domain.name}`,
      detail: [app.status !== 'InService' && app.status, app.instanceType, app.created && formatDuration(now - app.created.getTime()), formatQuote(target.quote)]
        .filter(Boolean)
        .join(' · '),
      iconPath: new vscode.ThemeIcon(app.status === 'InService' ? 'vm-running' : 'loading~spin'),
      target,
    };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Shut Down Studio Apps',
    placeHolder: 'Select the apps to shut down',
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.map((item) => item.target) ?? [];
}

/** Shuts down the selected apps, or the apps picked from the running ones (Command Palette). */
export const shutDownApp = defineCommand(
  'sagemaker.shutDownApp',
  (node?: unknown) => (isAppNode(node) ? `shut down the ${describeAppRef(node.app)}` : 'shut down Studio apps'),
  async (services, node?: unknown, nodes?: unknown[]) => {
    const selected = selectedNodes(node, nodes).filter(isAppNode);
    if (selected.length > 0) {
      await confirmAndShutDown(services, selected.map((appNode) => appTarget(services, appNode.app, appNode.domain)));
      return;
    }
    const picked = await pickRunningApps(services);
    if (picked.length > 0) await confirmAndShutDown(services, picked);
  },
);
