import * as vscode from 'vscode';
import {
  deleteNotebookInstance,
  stopNotebookInstance,
  waitForNotebookInstanceStatus,
  type NotebookInstance,
} from '../../core/resources/notebookInstances';
import { isCancellation } from '../../core/util/cancellation';
import type { ExtensionServices } from '../../platform/services';
import { isNotebookInstanceNode, quoteNotebookInstance } from '../../views/notebooks/notebookInstanceNode';
import { countNoun, shutdownConfirmation } from '../../views/presenters/shutdown';
import { defineCommand } from '../command';
import { withCancellableProgress } from '../progress';
import { reportBatchOutcome, type BatchItemOutcome } from '../studio/batchOutcome';
import { chooseNotebookInstances } from './pickNotebookInstances';

/** SageMaker deletes only stopped (or failed) instances; running ones are stopped first. */
const deletable = ['InService', 'Stopping', 'Stopped', 'Failed'];

function mustStop(instance: NotebookInstance): boolean {
  return instance.status === 'InService' || instance.status === 'Stopping';
}

/** Stops (if running), waits for Stopped, then deletes one instance; reports progress in words. */
async function stopThenDelete(
  services: ExtensionServices,
  instance: NotebookInstance,
  signal: AbortSignal,
  report: (message: string) => void,
): Promise<void> {
  const { clients } = services.session;
  if (instance.status === 'InService') {
    report(`Stopping ${instance.name}…`);
    await stopNotebookInstance(clients, instance.region, instance.name, signal);
    services.resourceEvents.changed({ region: instance.region, kind: 'notebookInstance', name: instance.name });
  }
  if (mustStop(instance)) {
    await waitForNotebookInstanceStatus(clients, instance.region, instance.name, 'Stopped', {
      signal,
      onStatus: (status) => report(`Waiting for ${instance.name} to stop (${status})…`),
    });
  }
  report(`Deleting ${instance.name}…`);
  await deleteNotebookInstance(clients, instance.region, instance.name, signal);
  services.resourceEvents.changed({ region: instance.region, kind: 'notebookInstance', name: instance.name });
}

/** Deletes notebook instances; a running one is offered stop-then-delete. Asks first, naming each. */
export const deleteNotebookInstanceCommand = defineCommand(
  'sagemaker.deleteNotebookInstance',
  (node?: unknown) => (isNotebookInstanceNode(node) ? `delete notebook instance ${node.instance.name}` : 'delete notebook instances'),
  async (services, node?: unknown, nodes?: unknown[]) => {
    const instances = await chooseNotebookInstances(services, { node, nodes }, {
      title: 'Delete Notebook Instances',
      statuses: deletable,
      canPickMany: true,
      none: 'No notebook instance can be deleted',
    });
    if (instances.length === 0) {
      if (isNotebookInstanceNode(node)) throw new Error(`Notebook instance ${node.instance.name} is ${node.instance.status}; wait until it is InService or Stopped.`);
      return;
    }
    const running = instances.filter(mustStop);
    const question =
      instances.length === 1
        ? running.length === 1
          ? `Notebook instance ${instances[0]!.name} is running. Stop it, then delete it?`
          : `Delete notebook instance ${instances[0]!.name}?`
        : `Delete ${countNoun(instances.length, 'notebook instance')}${running.length > 0 ? ` (${running.length} running: stopped first)` : ''}?`;
    const confirmation = shutdownConfirmation({
      question,
      items: instances.map((instance) => ({
        label: `${instance.name}${instance.instanceType ? ` · ${instance.instanceType}` : ''} · ${mustStop(instance) ? 'running, stopped first' : instance.status}`,
        quote: quoteNotebookInstance(services, instance),
        billing: instance.status === 'InService',
        facts: [instance.instanceType, mustStop(instance) ? undefined : instance.status].filter(Boolean).join(' · '),
      })),
      consequence: {
        one: 'Its storage volume and everything on it are deleted. This cannot be undone.',
        many: 'Their storage volumes and everything on them are deleted. This cannot be undone.',
      },
    });
    const button = running.length > 0 ? 'Stop and Delete' : 'Delete';
    const choice = await vscode.window.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, button);
    if (choice !== button) return;

    const outcomes = await withCancellableProgress(`Deleting ${countNoun(instances.length, 'notebook instance')}`, (report, signal) =>
      Promise.all(
        instances.map(async (instance): Promise<BatchItemOutcome> => {
          const action = `delete notebook instance ${instance.name}`;
          try {
            await stopThenDelete(services, instance, signal, (message) => report(message));
            return { action, outcome: 'done' };
          } catch (error) {
            return { action, outcome: isCancellation(error) ? 'cancelled' : 'failed', error };
          }
        }),
      ),
    );
    await reportBatchOutcome(services, outcomes, (done, total) => `Deleted ${done} of ${countNoun(total, 'notebook instance')}.`);
  },
);
