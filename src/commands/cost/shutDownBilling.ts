import * as vscode from 'vscode';
import type { PricedResource } from '../../core/cost/billing';
import { shutDown, shutdownVerb } from '../../core/cost/shutdown';
import { mapWithConcurrency } from '../../core/resources/jobs';
import { isCancellation } from '../../core/util/cancellation';
import type { ExtensionServices } from '../../platform/services';
import { presentShutdownConfirmation, presentShutdownOutcome } from '../../statusBar/costPresenter';
import { defineCommand } from '../command';
import { reportBatchOutcome, type BatchItemOutcome } from '../studio/batchOutcome';

/**
 * Shuts billable resources down with the shared actions (DeleteApp, StopNotebookInstance,
 * DeleteEndpoint, Stop*Job), after one modal confirmation that names each resource and the $/h
 * it saves; declining sends nothing. Each resource's outcome is reported, and the change is
 * announced so the cost guard and the views refresh at once.
 */
export async function confirmAndShutDownBilling(services: ExtensionServices, resources: readonly PricedResource[]): Promise<void> {
  if (resources.length === 0) return;
  const confirmation = presentShutdownConfirmation(resources);
  const choice = await vscode.window.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, confirmation.button);
  if (choice !== confirmation.button) return;

  const outcomes = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Shutting down ${resources.length === 1 ? resources[0]!.name : `${resources.length} SageMaker resources`}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      let settled = 0;
      try {
        return await mapWithConcurrency(resources, 4, async (resource): Promise<BatchItemOutcome> => {
          const action = `${shutdownVerb(resource.kind).toLowerCase()} ${resource.name} (${resource.region})`;
          let outcome: BatchItemOutcome;
          if (abort.signal.aborted) {
            outcome = { action, outcome: 'cancelled' };
          } else {
            try {
              await shutDown(services.session.clients, resource, abort.signal);
              services.log.info(`Cost guard: ${action}`);
              services.resourceEvents.changed({ region: resource.region, kind: resource.kind, name: resource.name });
              outcome = { action, outcome: 'done' };
            } catch (error) {
              outcome = { action, outcome: isCancellation(error) ? 'cancelled' : 'failed', error };
            }
          }
          settled++;
          progress.report({ message: `${settled} of ${resources.length}`, increment: 100 / resources.length });
          return outcome;
        });
      } finally {
        subscription.dispose();
      }
    },
  );

  const done = resources.filter((_, index) => outcomes[index]?.outcome === 'done');
  if (done.length === resources.length) {
    const view = presentShutdownOutcome(done);
    if (!view.details) {
      void vscode.window.showInformationMessage(view.message);
      return;
    }
    const details = view.details;
    void vscode.window.showInformationMessage(view.message, 'Show Details').then((choice) => {
      if (choice) void vscode.window.showInformationMessage(`Sent ${done.length} shutdowns`, { modal: true, detail: details });
    });
    return;
  }
  await reportBatchOutcome(services, outcomes, (count, total) => `Shut down ${count} of ${total} resources.`);
}

/** From a long-running warning: shuts the resources with these ids down (after confirming). */
export const shutDownBilling = defineCommand(
  'sagemaker.shutDownBilling',
  'shut down SageMaker resources',
  async (services, ids?: unknown) => {
    const wanted = new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : typeof ids === 'string' ? [ids] : []);
    const resources = services.cost?.current.priced.filter((resource) => wanted.has(resource.id)) ?? [];
    if (resources.length === 0) {
      void vscode.window.showInformationMessage('Those SageMaker resources are no longer running.');
      return;
    }
    await confirmAndShutDownBilling(services, resources);
  },
);
