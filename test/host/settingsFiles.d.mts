// Types of settingsFiles.mjs for TypeScript callers (unit tests).
export function machineScopedKeys(manifest?: unknown): Set<string>;
export function settingsByFile(
  settings: Record<string, unknown>,
  machineKeys?: Set<string>,
): { user: Record<string, unknown>; machine: Record<string, unknown> };
