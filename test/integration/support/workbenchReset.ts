// Keeps one test's leftovers from breaking the next ones, which all share one window: a modal
// dialog or a quick pick left open blocks every click after it, and a dirty editor makes the next
// "close all editors" ask to save. The runner calls these between tests; tests may call them too.
import * as vscode from 'vscode';
import { bridgeAvailable, ui } from './ui';

/** Closes a modal dialog or quick input left open; returns what was closed, for a warning. */
export async function dismissLeftovers(): Promise<string[]> {
  if (!bridgeAvailable()) return [];
  const closed: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const { dialog, quickInput } = await ui().snapshot();
    if (!dialog && !quickInput) break;
    if (dialog) closed.push(`modal dialog "${dialog.message}"`);
    else if (quickInput) closed.push(`quick input "${quickInput.title ?? quickInput.placeholder ?? ''}"`);
    await ui().press('Escape');
  }
  return closed;
}

/** Reverts every dirty text editor (discarding its changes), then closes all editors. */
export async function resetEditors(): Promise<string[]> {
  const reverted: string[] = [];
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (!tab.isDirty || !(tab.input instanceof vscode.TabInputText)) continue;
      reverted.push(tab.label);
      await vscode.window.showTextDocument(tab.input.uri, { viewColumn: group.viewColumn, preview: false });
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return reverted;
}
