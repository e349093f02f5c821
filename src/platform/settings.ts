import * as vscode from 'vscode';
import type { ConnectionSettings } from '../core/aws/connection';

/** Settings that choose credentials or redirect traffic: user (machine) values only. */
const connectionKeys = ['profile', 'region', 'endpointUrl', 'serviceEndpoints'] as const;

/**
 * A machine-scoped setting (`scope: machine` in the manifest: credentials, endpoints, the execution
 * role), as VS Code resolves it for this window. The manifest already keeps it out of workspace
 * settings, and in a remote window (Remote-SSH, WSL, containers, Codespaces, code-server) VS Code
 * takes it from the remote machine's settings, not the local user's: `get()` is that resolution.
 * In an untrusted workspace only the user's own values count (local or remote user settings,
 * which `inspect().globalValue` merges), never anything the workspace could have contributed.
 */
export function machineSetting<T>(section: string, key: string): T | undefined {
  const config = vscode.workspace.getConfiguration(section);
  if (vscode.workspace.isTrusted) return config.get<T>(key);
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** Where the user sets machine-scoped settings for this window, in the words of VS Code's settings editor. */
export function machineSettingsPlace(): { readonly label: string; readonly command: string } {
  return vscode.env.remoteName
    ? { label: 'Remote settings', command: 'workbench.action.openRemoteSettings' }
    : { label: 'User settings', command: 'workbench.action.openSettings' };
}

/**
 * Reads the connection settings. The restricted ones (profile, endpointUrl, serviceEndpoints) are
 * machine-scoped, so a cloned repository can never redirect AWS traffic or choose credentials.
 */
export function readConnectionSettings(): ConnectionSettings {
  const config = vscode.workspace.getConfiguration('sagemaker');
  return {
    profile: machineSetting<string>('sagemaker', 'profile') || undefined,
    region: config.get<string>('region') || undefined,
    endpointUrl: machineSetting<string>('sagemaker', 'endpointUrl') || undefined,
    serviceEndpoints: machineSetting<ConnectionSettings['serviceEndpoints']>('sagemaker', 'serviceEndpoints') ?? {},
  };
}

export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return connectionKeys.some((key) => event.affectsConfiguration(`sagemaker.${key}`));
}

/**
 * Writes a connection setting where the user keeps it: user settings (which VS Code puts in the
 * remote machine's settings for machine-scoped ones in a remote window), or the workspace for a
 * region the workspace already sets.
 */
export async function updateConnectionSetting(key: 'profile' | 'region', value: string | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('sagemaker');
  const inspected = config.inspect(key);
  const target =
    key === 'region' && inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(key, value || undefined, target);
}
