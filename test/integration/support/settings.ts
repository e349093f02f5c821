// Settings changes that resolve only once VS Code has applied them (onDidChangeConfiguration),
// so that the extension has seen the new values before the test goes on.
//
// Settings are written where the window reads them, as a user would set them: in a remote window
// (code-server is one, as are Remote-SSH, WSL, containers and Codespaces) machine-scoped settings
// go to the remote machine's settings file, which VS Code reads for the window; everything else to
// the user settings. An extension that reads machine-scoped settings any other way than VS Code
// resolves them for the window then misses them, and its tests fail.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import { ENV, env } from './environment';

export interface UpdateSettingsOptions {
  /** Default: user settings (machine-scoped ones in the remote machine's settings in a remote window). */
  target?: vscode.ConfigurationTarget;
  /** Default 30 000 ms (a loaded machine applies settings slowly). */
  timeout?: number;
}

/** Keys that loaded extensions declare machine-scoped (`machine`, `machine-overridable`). */
export function machineScopedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const extension of vscode.extensions.all) {
    const manifest = extension.packageJSON as { contributes?: { configuration?: unknown } };
    const sections = [manifest.contributes?.configuration ?? []].flat() as Array<{ properties?: Record<string, { scope?: string }> }>;
    for (const section of sections) for (const [key, property] of Object.entries(section.properties ?? {})) if (property.scope?.startsWith('machine')) keys.add(key);
  }
  return keys;
}

/**
 * The remote machine's settings file of this window, or undefined in a local window. VS Code keeps
 * it beside the remote user data (`<data>/Machine/settings.json`, with `<data>/User/globalStorage/`
 * holding extensions' global storage), on the machine the extension host runs on.
 */
export function remoteMachineSettingsFile(): string | undefined {
  if (!vscode.env.remoteName) return undefined;
  const globalStorage = env('globalStorage'); // <data>/User/globalStorage
  if (!globalStorage) throw new Error(`${ENV.globalStorage} is not set: the test runner extension sets it when it activates`);
  return join(dirname(dirname(globalStorage)), 'Machine', 'settings.json');
}

async function readSettingsFile(file: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

async function writeSettingsFile(file: string, values: Record<string, unknown>): Promise<void> {
  const settings = await readSettingsFile(file);
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete settings[key];
    else settings[key] = value;
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(settings, null, 2) + '\n');
}

/** Where each key is written at a target: the remote machine's settings file, or VS Code's API. */
function placeOf(keys: string[], target: vscode.ConfigurationTarget): { machineFile?: string; inFile: Set<string> } {
  if (target !== vscode.ConfigurationTarget.Global) return { inFile: new Set() };
  const machineFile = remoteMachineSettingsFile();
  if (!machineFile) return { inFile: new Set() };
  const machineKeys = machineScopedKeys();
  return { machineFile, inFile: new Set(keys.filter((key) => machineKeys.has(key))) };
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

/** The settings' values where updateSettings writes them at the target (default: user settings). */
export async function settingsAt(keys: string[], target = vscode.ConfigurationTarget.Global): Promise<Record<string, unknown>> {
  const { machineFile, inFile } = placeOf(keys, target);
  const file = machineFile && inFile.size ? await readSettingsFile(machineFile) : {};
  return Object.fromEntries(keys.map((key) => [key, inFile.has(key) ? file[key] : valueAt(key, target)]));
}

/**
 * Writes settings (full keys, e.g. `sagemaker.region`; `undefined` removes one) and waits until
 * VS Code reports each changed key. Keys already at the requested value are left alone.
 */
export async function updateSettings(values: Record<string, unknown>, options: UpdateSettingsOptions = {}): Promise<void> {
  const { target = vscode.ConfigurationTarget.Global, timeout = 30_000 } = options;
  const current = await settingsAt(Object.keys(values), target);
  const pending = new Set(Object.keys(values).filter((key) => !isDeepStrictEqual(current[key], values[key])));
  if (pending.size === 0) return;
  const { machineFile, inFile } = placeOf([...pending], target);

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
    if (machineFile && inFile.size) await writeSettingsFile(machineFile, Object.fromEntries([...inFile].map((key) => [key, values[key]])));
    const configuration = vscode.workspace.getConfiguration();
    for (const key of [...pending]) if (!inFile.has(key)) await configuration.update(key, values[key], target);
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
  const previous = await settingsAt(Object.keys(values), target);
  await updateSettings(values, options);
  try {
    return await body();
  } finally {
    await updateSettings(previous, options);
  }
}
