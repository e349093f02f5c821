import * as vscode from 'vscode';
import { dirname, basename } from 'node:path';
import type { AwsSession } from '../core/aws/session';

/**
 * Watches the AWS config and credentials files (wherever AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE put them), so a new profile, a changed region or rotated keys
 * apply without a reload. Changes are debounced: editors write in several steps.
 */
export function watchSharedFiles(session: AwsSession, onChange: () => void): vscode.Disposable {
  const { configPath, credentialsPath } = session.sharedConfig;
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      session.markCredentialsStale();
      onChange();
    }, 300);
  };
  const watchers = [configPath, credentialsPath].map((path) =>
    vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(path)), basename(path))),
  );
  const subscriptions = watchers.flatMap((watcher) => [watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)]);
  return {
    dispose: () => {
      clearTimeout(timer);
      for (const disposable of [...subscriptions, ...watchers]) disposable.dispose();
    },
  };
}
