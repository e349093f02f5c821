import * as vscode from 'vscode';
import { AwsSession } from './core/aws/session';
import { commandTable } from './commands/table';
import { registerCommands } from './commands/runCommand';
import { ConnectionMonitor } from './platform/connectionStatus';
import { ExtensionLog } from './platform/log';
import { ResourceEvents } from './platform/resourceEvents';
import type { ExtensionServices } from './platform/services';
import { affectsConnection, readConnectionSettings } from './platform/settings';
import { SharedFileProblemsReporter } from './platform/sharedFileProblems';
import { watchSharedFiles } from './platform/sharedFileWatcher';
import { createLaunchFeature } from './specs/launchFeature';
import { createPriceCatalog, startCostGuard } from './statusBar/costGuardSetup';
import { DetailsDocuments } from './views/details/detailsDocuments';
import { ExplorerView, type ExplorerViewOptions } from './views/tree/explorerView';
import { StudioRootNode } from './views/studio/studioRootNode';
import { NotebookRootNode } from './views/notebooks/notebookRootNode';
import { ViewFilter } from './views/studio/viewFilter';
import { TrainingRootNode } from './views/training/trainingRootNode';
import { InferenceRootNode } from './views/inference/inferenceRootNode';

/** What the extension returns from `activate`, for integration tests and other extensions. */
export interface SageMakerCompanionApi {
  readonly services: ExtensionServices;
}

/** The composition root: builds the services, views, commands and watchers; no logic of its own. */
export function activate(context: vscode.ExtensionContext): SageMakerCompanionApi {
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const log = new ExtensionLog();
  const session = new AwsSession({ userAgent: `sagemaker-companion/${version}` });
  const monitor = new ConnectionMonitor(session, log);
  context.subscriptions.push(log, { dispose: () => session.dispose() }, monitor);

  const reportSettingProblems = (): void => {
    for (const problem of session.connection.settingProblems) log.warn(problem);
  };
  const applySettings = async (): Promise<void> => {
    await session.update(readConnectionSettings());
    reportSettingProblems();
    fileProblems.report(session.sharedConfig.problems);
  };
  // Two small files read synchronously: activation never waits on the event loop.
  session.updateSync(readConnectionSettings());
  reportSettingProblems();

  const { prices, disposables: priceDisposables } = createPriceCatalog(context, session, log);
  context.subscriptions.push(...priceDisposables);

  const resourceEvents = new ResourceEvents();
  context.subscriptions.push(resourceEvents);
  const explorer = (viewId: string, createRoot: ExplorerViewOptions['createRoot'], options: Partial<ExplorerViewOptions> = {}): ExplorerView =>
    new ExplorerView({ session, monitor, log, resourceEvents, viewId, createRoot, ...options });
  const studioFilter = new ViewFilter('sagemaker.studio', context.workspaceState);
  const notebookFilter = new ViewFilter('sagemaker.notebookInstances', context.workspaceState);
  const filters = new Map([studioFilter, notebookFilter].map((filter) => [filter.viewId, filter]));
  for (const filter of filters.values()) void filter.publish();
  const views = new Map(
    [
      // Their rows show how long things have run: redrawn each minute while visible.
      explorer('sagemaker.studio', (view) => new StudioRootNode({ view, prices, filter: studioFilter }), { redrawEveryMs: 60_000 }),
      explorer('sagemaker.notebookInstances', (view) => new NotebookRootNode({ view, prices, filter: notebookFilter }), { redrawEveryMs: 60_000 }),
      explorer('sagemaker.training', (view) => new TrainingRootNode({ view, prices })),
      explorer('sagemaker.inference', (view) => new InferenceRootNode({ view, prices })),
    ].map((view) => [view.id, view]),
  );
  context.subscriptions.push(...views.values());
  // A malformed or unreadable AWS file never stops activation: what is wrong, and where, is shown.
  const fileProblems = new SharedFileProblemsReporter(log, () => views.values());
  fileProblems.report(session.sharedConfig.problems);
  const details = new DetailsDocuments();
  context.subscriptions.push(details);
  // The cost guard runs without any view open; its first scan is deferred past activation.
  const { guard: cost, disposables: costDisposables } = startCostGuard({ context, session, monitor, log, prices, resourceEvents });
  context.subscriptions.push(...costDisposables);
  const { feature: launch, disposables: launchDisposables } = createLaunchFeature({ context, session, log, prices });
  context.subscriptions.push(...launchDisposables);

  const services: ExtensionServices = {
    context,
    session,
    monitor,
    log,
    prices,
    views,
    filters,
    details,
    resourceEvents,
    cost,
    launch,
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
    // New prices change what rows show, not what they list: redraw without calling AWS.
    prices.onDidUpdate(() => {
      for (const view of views.values()) view.redraw();
    }),
  );

  log.info(`SageMaker Companion ${version} activated (${session.connection.profile ?? 'default'} · ${session.connection.region})`);
  return { services };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
