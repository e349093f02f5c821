import * as vscode from 'vscode';
import type { WarningThresholds } from '../core/cost/longRunning';

/** The cost guard's settings (`sagemaker.cost.*`), read fresh whenever they are needed. */
export interface CostSettings {
  readonly enabled: boolean;
  /** Empty: every SageMaker region of the current partition. */
  readonly regions: readonly string[];
  readonly pollIntervalMs: number;
  readonly warningThresholdUsdPerHour: number;
  readonly warnAfterHours: WarningThresholds;
  readonly priceCacheTtlMs: number;
}

const minute = 60_000;

export function readCostSettings(): CostSettings {
  const config = vscode.workspace.getConfiguration('sagemaker.cost');
  const number = (key: string, fallback: number, min: number): number => {
    const value = config.get<number>(key);
    return typeof value === 'number' && Number.isFinite(value) && value >= min ? value : fallback;
  };
  return {
    enabled: config.get<boolean>('enabled') ?? true,
    regions: (config.get<unknown[]>('regions') ?? []).filter((region): region is string => typeof region === 'string'),
    pollIntervalMs: number('pollIntervalMinutes', 5, 1) * minute,
    warningThresholdUsdPerHour: number('warningThreshold', 1, 0),
    warnAfterHours: {
      apps: number('warnAfterHours.studioApps', 8, 0),
      notebookInstances: number('warnAfterHours.notebookInstances', 8, 0),
      endpoints: number('warnAfterHours.endpoints', 24, 0),
      jobs: number('warnAfterHours.jobs', 0, 0),
    },
    priceCacheTtlMs: number('priceCacheHours', 24, 0.1) * 60 * minute,
  };
}

export function affectsCostSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('sagemaker.cost');
}
