import * as vscode from 'vscode';
import { formatQuote } from '../../core/cost/priceCatalog';
import { listNotebookInstances, type NotebookInstance } from '../../core/resources/notebookInstances';
import type { ExtensionServices } from '../../platform/services';
import { selectedNodes } from '../command';
import { isNotebookInstanceNode, quoteNotebookInstance } from '../../views/notebooks/notebookInstanceNode';

interface InstanceItem extends vscode.QuickPickItem {
  readonly instance: NotebookInstance;
}

/**
 * The notebook instances a command acts on: the selected rows (those in an allowed status), or,
 * from the Command Palette, the ones the user picks among those in an allowed status.
 */
export async function chooseNotebookInstances(
  services: ExtensionServices,
  args: { node?: unknown; nodes?: unknown[] },
  options: { title: string; statuses: readonly string[]; canPickMany: boolean; none: string },
): Promise<NotebookInstance[]> {
  const selected = selectedNodes(args.node, args.nodes).filter(isNotebookInstanceNode);
  if (selected.length > 0) return selected.map((node) => node.instance).filter((instance) => options.statuses.includes(instance.status));
  const { clients, connection } = services.session;
  const instances = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Listing notebook instances' }, () =>
    listNotebookInstances(clients, connection.region),
  );
  const eligible = instances.filter((instance) => options.statuses.includes(instance.status));
  if (eligible.length === 0) {
    void vscode.window.showInformationMessage(`${options.none} in ${connection.region}.`);
    return [];
  }
  const items: InstanceItem[] = eligible.map((instance) => ({
    label: instance.name,
    description: [instance.status, instance.instanceType, formatQuote(quoteNotebookInstance(services, instance))].filter(Boolean).join(' · '),
    instance,
  }));
  if (options.canPickMany) {
    const picked = await vscode.window.showQuickPick(items, { title: options.title, canPickMany: true, matchOnDescription: true });
    return picked?.map((item) => item.instance) ?? [];
  }
  const picked = await vscode.window.showQuickPick(items, { title: options.title, matchOnDescription: true });
  return picked ? [picked.instance] : [];
}
