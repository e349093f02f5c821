import * as vscode from 'vscode';
import type { ConnectionSettings } from '../core/aws/connection';

/** Settings that choose credentials or redirect traffic: user (machine) values only. */
const connectionKeys = ['profile', 'region', 'endpointUrl', 'serviceEndpoints'] as const;
const restrictedKeys = new Set<string>(['profile', 'endpointUrl', 'serviceEndpoints']);

/**
 * Reads the connection settings. The restricted ones are machine-scoped in the manifest (so a
 * workspace cannot set them) and are additionally read from user settings only when the
 * workspace is not trusted, so a cloned repository can never redirect AWS traffic or credentials.
 */
export function readConnectionSettings(): ConnectionSettings {
  const config = vscode.workspace.getConfiguration('sagemaker');
  const value = <T>(key: string): T | undefined => {
    if (restrictedKeys.has(key) && !vscode.workspace.isTrusted) return config.inspect<T>(key)?.globalValue;
    return config.get<T>(key);
  };
  return {
    profile: value<string>('profile') || undefined,
    region: value<string>('region') || undefined,
    endpointUrl: value<string>('endpointUrl') || undefined,
    serviceEndpoints: value<ConnectionSettings['serviceEndpoints']>('serviceEndpoints') ?? {},
  };
}

export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return connectionKeys.some((key) => event.affectsConfiguration(`sagemaker.${key}`));
}

/** Writes a connection setting where the user keeps it (user settings for machine-scoped ones). */
export async function updateConnectionSetting(key: 'profile' | 'region', value: string | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('sagemaker');
  const inspected = config.inspect(key);
  const target =
    key === 'region' && inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(key, value || undefined, target);
}
