import * as vscode from 'vscode';
import type { PriceQuote } from '../../core/cost/priceCatalog';
import { appKey, canShutDown, describeAppRef, shutDownApps, type App } from '../../core/resources/apps';
import type { Domain } from '../../core/resources/domains';
import type { ExtensionServices } from '../../platform/services';
import { countNoun, shutdownConfirmation } from '../../views/presenters/shutdown';
import { appOwnerNodeId, quoteApp } from '../../views/studio/appNode';
import { withCancellableProgress } from '../progress';
import { reportBatchOutcome } from './batchOutcome';

export const studioViewId = 'sagemaker.studio';

/** An app about to be shut down, with what the confirmation says about it. */
export interface AppTarget {
  readonly app: App;
  readonly domain: Pick<Domain, 'id' | 'name'>;
  readonly quote: PriceQuote | undefined;
}

export function appTarget(services: ExtensionServices, app: App, domain: Pick<Domain, 'id' | 'name'>): AppTarget {
  return { app, domain, quote: quoteApp(services, app) };
}

/** "JupyterLab app in space team-lab (domain ml-research) · ml.t3.medium" (the name when not `default`). */
export function targetLabel(target: AppTarget): string {
  const { app } = target;
  const owner = app.spaceName ? `space ${app.spaceName}` : `user profile ${app.userProfileName ?? '?'}`;
  const name = app.appName === 'default' ? '' : ` ${app.appName}`;
  return `${app.appType} app${name} in ${owner} (domain ${target.domain.name})${app.instanceType ? ` · ${app.instanceType}` : ''}`;
}

/** Drops apps that cannot be shut down and duplicates (a multi-selection may name one twice). */
export function shutdownCandidates(targets: readonly AppTarget[]): AppTarget[] {
  const seen = new Set<string>();
  return targets.filter((target) => {
    const key = appKey(target.app);
    if (!canShutDown(target.app) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Asks (modal, naming every app and the $/h saved), then sends one DeleteApp per app; a failure
 * for one app is reported and the others carry on. Declining sends nothing.
 */
export async function confirmAndShutDown(services: ExtensionServices, targets: readonly AppTarget[], scope?: string): Promise<void> {
  const candidates = shutdownCandidates(targets);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`No Studio apps are running${scope ? ` ${scope}` : ''}.`);
    return;
  }
  const question =
    candidates.length === 1
      ? `Shut down the ${targetLabel(candidates[0]!)}?`
      : `Shut down ${countNoun(candidates.length, 'Studio app')}${scope ? ` ${scope}` : ''}?`;
  const confirmation = shutdownConfirmation({
    question,
    items: candidates.map((target) => ({
      label: targetLabel(target),
      quote: target.quote,
      // Candidates run or are starting: each stops a charge.
      billing: true,
    })),
    consequence: {
      one: 'Its instance stops and stops billing. Files in the space are kept; unsaved state of running kernels is lost.',
      many: 'Their instances stop and stop billing. Files in the spaces are kept; unsaved state of running kernels is lost.',
    },
  });
  const choice = await vscode.window.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, 'Shut Down');
  if (choice !== 'Shut Down') return;

  const apps = candidates.map((target) => target.app);
  const results = await withCancellableProgress(`Shutting down ${countNoun(apps.length, 'Studio app')}`, (report, signal) =>
    shutDownApps(services.session.clients, apps, { signal, onSettled: (_result, settled, total) => report(`${settled} of ${total}`, settled / total) }),
  );

  for (const result of results) {
    if (result.outcome === 'shutDown') services.log.info(`Shut down the ${describeAppRef(result.app)} (domain ${result.app.domainId})`);
    // A failed DeleteApp may still have moved the app: its owner lists again too.
    if (result.outcome !== 'cancelled') {
      services.resourceEvents.changed({ region: result.app.region, kind: 'app', name: result.app.appName, listedUnder: appOwnerNodeId(result.app) });
    }
  }
  await reportBatchOutcome(
    services,
    results.map((result) => ({
      action: `shut down the ${describeAppRef(result.app)}`,
      outcome: result.outcome === 'shutDown' ? 'done' : result.outcome,
      error: result.error,
    })),
    (done, total) => `Shut down ${done} of ${countNoun(total, 'app')}.`,
  );
}
