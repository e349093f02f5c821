import { startNotebookInstance, notebookActionStatuses } from '../../core/resources/notebookInstances';
import { countNoun } from '../../views/presenters/shutdown';
import { isNotebookInstanceNode } from '../../views/notebooks/notebookInstanceNode';
import { defineCommand } from '../command';
import { reportBatchOutcome, type BatchItemOutcome } from '../studio/batchOutcome';
import { chooseNotebookInstances } from './pickNotebookInstances';

/** Starts stopped (or failed) notebook instances; they go Pending, then InService. */
export const startNotebookInstanceCommand = defineCommand(
  'sagemaker.startNotebookInstance',
  (node?: unknown) => (isNotebookInstanceNode(node) ? `start notebook instance ${node.instance.name}` : 'start notebook instances'),
  async (services, node?: unknown, nodes?: unknown[]) => {
    const instances = await chooseNotebookInstances(services, { node, nodes }, {
      title: 'Start Notebook Instances',
      statuses: notebookActionStatuses.start,
      canPickMany: true,
      none: 'No notebook instance is stopped',
    });
    if (instances.length === 0) return;
    const outcomes: BatchItemOutcome[] = [];
    for (const instance of instances) {
      const action = `start notebook instance ${instance.name}`;
      try {
        await startNotebookInstance(services.session.clients, instance.region, instance.name);
        services.resourceEvents.changed({ region: instance.region, kind: 'notebookInstance', name: instance.name });
        outcomes.push({ action, outcome: 'done' });
      } catch (error) {
        outcomes.push({ action, outcome: 'failed', error });
      }
    }
    await reportBatchOutcome(services, outcomes, (done, total) => `Started ${done} of ${countNoun(total, 'notebook instance')}.`);
  },
);
