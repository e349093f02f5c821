import * as vscode from 'vscode';
import { unignore } from '../../core/cost/longRunning';
import { WarningStore } from '../../core/cost/warningStore';
import { defineCommand } from '../command';

/** Lets the user take resources off the "don't warn" list (all selected to start with). */
export const resetCostWarnings = defineCommand('sagemaker.resetCostWarnings', 'change which resources the cost guard warns about', async (services) => {
  const store = new WarningStore(services.context.globalState);
  const ignored = Object.entries(store.read().ignored);
  if (ignored.length === 0) {
    void vscode.window.showInformationMessage('The cost guard warns about every long-running resource; none is excluded.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    ignored.map(([id, name]) => ({ label: name, description: id.split('/')[0], id, picked: true })),
    { title: 'Warn Again About Long-Running Resources', placeHolder: 'Selected resources are warned about again', canPickMany: true },
  );
  if (!picked || picked.length === 0) return;
  await store.update((state) => unignore(state, picked.map((item) => item.id)));
  void vscode.window.showInformationMessage(`The cost guard warns again about ${picked.length === 1 ? picked[0]!.label : `${picked.length} resources`} when they run long.`);
});
