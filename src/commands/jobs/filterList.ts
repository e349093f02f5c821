import * as vscode from 'vscode';
import { describeFilter } from '../../views/presenters/training';
import { PagedGroupNode } from '../../views/training/listNodes';
import { defineCommand } from '../command';

interface StatusItem extends vscode.QuickPickItem {
  readonly status: string | undefined;
}

/**
 * Narrows a list (Training jobs, Endpoints…) to one status and/or a part of the name; the filter
 * goes to the service (Search filters or the List APIs' StatusEquals / NameContains).
 */
export const filterList = defineCommand('sagemaker.filterList', 'filter the list', async (_services, node?: unknown) => {
  if (!(node instanceof PagedGroupNode)) return;
  const group = node as PagedGroupNode<never>;
  const current = group.filter;
  let status = current.status;
  if (group.spec.statuses.length > 0) {
    const items: StatusItem[] = [
      { label: 'Any status', status: undefined, picked: current.status === undefined },
      ...group.spec.statuses.map((value) => ({ label: value, status: value, description: value === current.status ? 'current' : undefined })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `Filter ${group.spec.label}: status (1/2)`, placeHolder: current.status ? `Current: ${current.status}` : 'Any status' });
    if (!picked) return;
    status = picked.status;
  }
  const name = await vscode.window.showInputBox({
    title: `Filter ${group.spec.label}: name (${group.spec.statuses.length > 0 ? '2/2' : '1/1'})`,
    prompt: 'Show only names containing this text (empty: any name)',
    value: current.nameContains ?? '',
    validateInput: (text) => (text.length > 63 ? 'At most 63 characters' : undefined),
  });
  if (name === undefined) return;
  group.setFilter({ status, nameContains: name });
  const described = describeFilter(group.filter);
  vscode.window.setStatusBarMessage(described ? `${group.spec.label} filtered: ${described}` : `${group.spec.label}: filter cleared`, 4000);
});

export const clearListFilter = defineCommand('sagemaker.clearListFilter', 'clear the filter', (_services, node?: unknown) => {
  if (node instanceof PagedGroupNode) (node as PagedGroupNode<never>).setFilter({});
});
