import * as vscode from 'vscode';
import { effectiveValue, parseCostSettings, type CostSettings } from '../core/cost/settings';

export type { CostSettings } from '../core/cost/settings';

/**
 * The cost guard's settings (`sagemaker.cost.*`), read fresh whenever they are needed. In an
 * untrusted workspace only user (local or remote) values count; the keys are also listed in the
 * manifest's restricted configurations.
 */
export function readCostSettings(): CostSettings {
  const config = vscode.workspace.getConfiguration('sagemaker.cost');
  const trusted = vscode.workspace.isTrusted;
  return parseCostSettings((key) => (trusted ? config.get(key) : effectiveValue(config.inspect(key), false)));
}

export function affectsCostSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('sagemaker.cost');
}
