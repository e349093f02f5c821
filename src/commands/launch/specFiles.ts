import * as vscode from 'vscode';
import type { SpecKind } from '../../core/launch/specKind';

/**
 * Writes a new spec next to the user's work: in the first workspace folder (never overwriting:
 * `name-2.training.yaml`…), or as an unsaved document when no folder is open. Opens it.
 */
export async function writeSpecFile(base: string, kind: SpecKind, text: string, folder?: vscode.Uri): Promise<vscode.Uri> {
  const root = folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  let uri: vscode.Uri;
  if (root) {
    uri = vscode.Uri.joinPath(root, `${base}.${kind}.yaml`);
    for (let n = 2; await exists(uri); n++) uri = vscode.Uri.joinPath(root, `${base}-${n}.${kind}.yaml`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  } else {
    uri = vscode.Uri.parse(`untitled:${base}.${kind}.yaml`);
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), text);
    await vscode.workspace.applyEdit(edit);
    await vscode.window.showTextDocument(document);
    return uri;
  }
  await vscode.window.showTextDocument(uri);
  return uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
