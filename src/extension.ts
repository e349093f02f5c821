import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import { AwsSession } from './core/aws/session';
import { BundledPriceCatalog, type BundledPriceTable } from './core/cost/bundledPrices';
import { commandTable } from './commands/table';
import { registerCommands } from './commands/runCommand';
import { ConnectionMonitor } from './platform/connectionStatus';
import { ExtensionLog } from './platform/log';
import { ResourceEvents } from './platform/resourceEvents';
import type { ExtensionServices } from './platform/services';
import { affectsConnection, readConnectionSettings } from './platform/settings';
import { watchSharedFiles } from './platform/sharedFileWatcher';
import { DetailsDocuments } from './views/details/detailsDocuments';
import { ExplorerView, type ExplorerViewOptions } from './views/tree/explorerView';
import { StudioRootNode } from './views/studio/studioRootNode';

/** What the extension returns from `activate`, for integration tests and other extensions. */
export interface SageMakerCompanionApi {
  readonly services: ExtensionServices;
}

/** The composition root: builds the services, views, commands and watchers; no logic of its own. */
export async function activate(context: vscode.ExtensionContext): Promise<SageMakerCompanionApi> {
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const log = new ExtensionLog();
  const session = new AwsSession({ userAgent: `sagemaker-companion/${version}` });
  const monitor = new ConnectionMonitor(session, log);
  context.subscriptions.push(log, { dispose: () => session.dispose() }, monitor);

  const applySettings = async (): Promise<void> => {
    await session.update(readConnectionSettings());
    for (const problem of session.connection.settingProblems) log.warn(problem);
  };
  await applySettings();

  const prices = new BundledPriceCatalog(async () =>
    JSON.parse(await readFile(vscode.Uri.joinPath(context.extensionUri, 'data', 'sagemaker-prices.json').fsPath, 'utf8')) as BundledPriceTable,
  );

  const explorer = (viewId: string, createRoot: ExplorerViewOptions['createRoot']): ExplorerView =>
    new ExplorerView({ session, monitor, log, viewId, createRoot });
  const views = new Map(
    [
      explorer('sagemaker.studio', (view) => new StudioRootNode(view)),
    ].map((view) => [view.id, view]),
  );
  context.subscriptions.push(...views.values());
  const details = new DetailsDocuments();
  const resourceEvents = new ResourceEvents();
  context.subscriptions.push(details, resourceEvents);

  const services: ExtensionServices = {
    context,
    session,
    monitor,
    log,
    prices,
    views,
    details,
    resourceEvents,
    applySettings,
    refreshAll: () => {
      for (const view of views.values()) view.refresh();
    },
  };

  context.subscriptions.push(
    ...registerCommands(commandTable, services),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsConnection(event)) void applySettings();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void applySettings()),
    watchSharedFiles(session, () => void applySettings()),
  );

  log.info(`SageMaker Companion ${version} activated (${session.connection.profile ?? 'default'} · ${session.connection.region})`);
  return { services };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
