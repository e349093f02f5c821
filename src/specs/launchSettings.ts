import * as vscode from 'vscode';
import { machineSetting } from '../platform/settings';

/** The launch settings (`sagemaker.launch.*`), read when needed so edits apply at once. */
export const launchSettingKeys = {
  role: 'sagemaker.launch.executionRoleArn',
  tags: 'sagemaker.launch.tags',
  notify: 'sagemaker.launch.notifyWhenDone',
} as const;

/**
 * `${role}`: machine-scoped, so a cloned repository cannot choose the role a launch passes; read as
 * VS Code resolves it for the window (the remote machine's settings in a remote window).
 */
export function executionRole(): string | undefined {
  return machineSetting<string>('sagemaker.launch', 'executionRoleArn')?.trim() || undefined;
}

/** Tags put on everything a launch creates (the extension adds its own). */
export function launchTags(): Record<string, string> {
  const value = vscode.workspace.getConfiguration('sagemaker.launch').get<Record<string, unknown>>('tags') ?? {};
  return Object.fromEntries(Object.entries(value).filter(([key]) => key).map(([key, tag]) => [key, String(tag)]));
}

export function notifyWhenDone(): boolean {
  return vscode.workspace.getConfiguration('sagemaker.launch').get<boolean>('notifyWhenDone') ?? true;
}

export function affectsLaunch(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('sagemaker.launch') || event.affectsConfiguration('sagemaker.region') || event.affectsConfiguration('sagemaker.profile');
}
