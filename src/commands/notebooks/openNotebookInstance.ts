import * as vscode from 'vscode';
import { notebookActionStatuses } from '../../core/resources/notebookInstances';
import { checkPresignedUrl, createNotebookInstanceUrl, jupyterLabUrl } from '../../core/resources/presignedUrls';
import { isNotebookInstanceNode } from '../../views/notebooks/notebookInstanceNode';
import { defineCommand } from '../command';
import { chooseNotebookInstances } from './pickNotebookInstances';

/**
 * Opens a running notebook instance's JupyterLab in the browser. The presigned URL goes straight
 * to the browser: never logged, shown or kept.
 */
export const openNotebookInstance = defineCommand(
  'sagemaker.openNotebookInstance',
  (node?: unknown) => (isNotebookInstanceNode(node) ? `open JupyterLab on ${node.instance.name}` : 'open JupyterLab'),
  async (services, node?: unknown) => {
    const [instance] = await chooseNotebookInstances(services, { node }, {
      title: 'Open JupyterLab',
      statuses: notebookActionStatuses.open,
      canPickMany: false,
      none: 'No notebook instance is running',
    });
    if (!instance) {
      if (isNotebookInstanceNode(node)) throw new Error(`Notebook instance ${node.instance.name} is ${node.instance.status}; start it first.`);
      return;
    }
    const opened = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Opening JupyterLab on ${instance.name}` }, async () =>
      vscode.env.openExternal(
        vscode.Uri.parse(
          checkPresignedUrl(
            jupyterLabUrl(await createNotebookInstanceUrl(services.session.clients, instance.region, instance.name)),
            services.session.connection.endpoints.sagemaker,
          ),
        ),
      ),
    );
    if (opened) services.log.info(`Opened JupyterLab on notebook instance ${instance.name}`);
  },
);
