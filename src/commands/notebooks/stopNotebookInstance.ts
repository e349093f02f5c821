import * as vscode from 'vscode';
import { stopNotebookInstance, notebookActionStatuses } from '../../core/resources/notebookInstances';
import { isCancellation } from '../../core/util/cancellation';
import { countNoun, shutdownConfirmation } from '../../views/presenters/shutdown';
import { isNotebookInstanceNode, quoteNotebookInstance } from '../../views/notebooks/notebookInstanceNode';
import { defineCommand } from '../command';
import { reportBatchOutcome, type BatchItemOutcome } from '../studio/batchOutcome';
import { chooseNotebookInstances } from './pickNotebookInstances';

/** Stops running notebook instances (asking first, with the $/h saved); their volumes are kept. */
export const stopNotebookInstanceCommand = defineCommand(
  'sagemaker.stopNotebookInstance',
  (node?: unknown) => (isNotebookInstanceNode(node) ? `stop notebook instance ${node.instance.name}` : 'stop notebook instances'),
  async (services, node?: unknown, nodes?: unknown[]) => {
    const instances = await chooseNotebookInstances(services, { node, nodes }, {
      title: 'Stop Notebook Instances',
      statuses: notebookActionStatuses.stop,
      canPickMany: true,
      none: 'No notebook instance is running',
    });
    if (instances.length === 0) return;
    const confirmation = shutdownConfirmation({
      question: instances.length === 1 ? `Stop notebook instance ${instances[0]!.name}?` : `Stop ${countNoun(instances.length, 'notebook instance')}?`,
      items: instances.map((instance) => ({
        label: `${instance.name}${instance.instanceType ? ` · ${instance.instanceType}` : ''}`,
        quote: quoteNotebookInstance(services, instance),
        billing: true,
        ...(instance.instanceType ? { facts: instance.instanceType } : {}),
      })),
      consequence: {
        one: 'Its storage volume and files are kept (storage is still billed); start it again at any time.',
        many: 'Their storage volumes and files are kept (storage is still billed); start them again at any time.',
      },
    });
    const choice = await vscode.window.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, 'Stop');
    if (choice !== 'Stop') return;
    const outcomes: BatchItemOutcome[] = [];
    for (const instance of instances) {
      const action = `stop notebook instance ${instance.name}`;
      try {
        await stopNotebookInstance(services.session.clients, instance.region, instance.name);
        services.resourceEvents.changed({ region: instance.region, kind: 'notebookInstance', name: instance.name });
        outcomes.push({ action, outcome: 'done' });
      } catch (error) {
        outcomes.push({ action, outcome: isCancellation(error) ? 'cancelled' : 'failed', error });
      }
    }
    await reportBatchOutcome(services, outcomes, (done, total) => `Stopped ${done} of ${countNoun(total, 'notebook instance')}.`);
  },
);
