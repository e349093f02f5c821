// Settings changes that resolve only once VS Code has applied them (onDidChangeConfiguration),
// so that the extension has seen the new values before the test goes on.
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';

export interface UpdateSettingsOptions {
  /** Default: user settings (machine-scoped settings then go where VS Code keeps them for this window). */
  target?: vscode.ConfigurationTarget;
  /** Default 10 000 ms. */
  timeout?: number;
}

function valueAt(key: string, target: vscode.ConfigurationTarget): unknown {
  const inspected = vscode.workspace.getConfiguration().inspect(key);
  switch (target) {
    case vscode.ConfigurationTarget.Workspace:
      return inspected?.workspaceValue;
    case vscode.ConfigurationTarget.WorkspaceFolder:
      return inspected?.workspaceFolderValue;
    default:
      return inspected?.globalValue;
  }
}

/**
 * Writes settings (full keys, e.g. `sagemaker.region`; `undefined` removes one) and waits until
 * VS Code reports each changed key. Keys already at the requested value are left alone.
 */
export async function updateSettings(values: Record<string, unknown>, options: UpdateSettingsOptions = {}): Promise<void> {
  const { target = vscode.ConfigurationTarget.Global, timeout = 10_000 } = options;
  const pending = new Set(Object.keys(values).filter((key) => !isDeepStrictEqual(valueAt(key, target), values[key])));
  if (pending.size === 0) return;

  let subscription: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  const applied = new Promise<void>((resolve, reject) => {
    subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      for (const key of [...pending]) if (event.affectsConfiguration(key)) pending.delete(key);
      if (pending.size === 0) resolve();
    });
    timer = setTimeout(() => reject(new Error(`settings not applied within ${timeout} ms: ${[...pending].join(', ')}`)), timeout);
  });
  try {
    const configuration = vscode.workspace.getConfiguration();
    for (const key of [...pending]) await configuration.update(key, values[key], target);
    await applied;
  } finally {
    subscription?.dispose();
    clearTimeout(timer);
  }
}

/** Removes the given settings at the target (default: user settings). */
export function resetSettings(keys: string[], options: UpdateSettingsOptions = {}): Promise<void> {
  return updateSettings(Object.fromEntries(keys.map((key) => [key, undefined])), options);
}

/** Applies settings for the duration of `body`, then restores the previous values. */
export async function withSettings<T>(values: Record<string, unknown>, body: () => Promise<T>, options: UpdateSettingsOptions = {}): Promise<T> {
  const target = options.target ?? vscode.ConfigurationTarget.Global;
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, valueAt(key, target)]));
  await updateSettings(values, options);
  try {
    return await body();
  } finally {
    await updateSettings(previous, options);
  }
}
