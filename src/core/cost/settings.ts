import type { WarningThresholds } from './longRunning';

/** The cost guard's settings (`sagemaker.cost.*`). */
export interface CostSettings {
  readonly enabled: boolean;
  /** Empty: every SageMaker region of the current partition. */
  readonly regions: readonly string[];
  readonly pollIntervalMs: number;
  readonly warningThresholdUsdPerHour: number;
  readonly warnAfterHours: WarningThresholds;
  readonly priceCacheTtlMs: number;
}

/** Every cost setting, under `sagemaker.cost.` (all restricted in untrusted workspaces). */
export const costSettingKeys = [
  'enabled',
  'regions',
  'pollIntervalMinutes',
  'warningThreshold',
  'warnAfterHours.studioApps',
  'warnAfterHours.notebookInstances',
  'warnAfterHours.endpoints',
  'warnAfterHours.jobs',
  'priceCacheHours',
] as const;

export type CostSettingKey = (typeof costSettingKeys)[number];

/** What VS Code's `inspect()` says of one setting (the parts that matter here). */
export interface InspectedSetting {
  readonly defaultValue?: unknown;
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

/**
 * The value that counts: in a trusted workspace the most specific one; in an untrusted one the
 * user's (local or remote) or the default, so a cloned repository cannot turn the guard off,
 * silence its warnings or slow it down.
 */
export function effectiveValue(inspected: InspectedSetting | undefined, trusted: boolean): unknown {
  if (!inspected) return undefined;
  if (trusted) return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue ?? inspected.defaultValue;
  return inspected.globalValue ?? inspected.defaultValue;
}

const minute = 60_000;

/** The settings from their values (`get(key)`), with a fallback for any value missing or out of range. */
export function parseCostSettings(get: (key: CostSettingKey) => unknown): CostSettings {
  const number = (key: CostSettingKey, fallback: number, min: number): number => {
    const value = get(key);
    return typeof value === 'number' && Number.isFinite(value) && value >= min ? value : fallback;
  };
  const enabled = get('enabled');
  const regions = get('regions');
  return {
    enabled: typeof enabled === 'boolean' ? enabled : true,
    regions: (Array.isArray(regions) ? (regions as unknown[]) : []).filter((region): region is string => typeof region === 'string'),
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
