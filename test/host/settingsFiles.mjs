// Which settings file a setting goes to in a remote window (code-server is one): machine-scoped
// settings are read from the remote machine's settings (`<user-data-dir>/Machine/settings.json`),
// everything else from the user settings (`<user-data-dir>/User/settings.json`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './versions.mjs';

/** Keys a manifest declares machine-scoped (`machine`, `machine-overridable`); default: the extension's. */
export function machineScopedKeys(manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))) {
  const sections = [manifest.contributes?.configuration ?? []].flat();
  return new Set(
    sections.flatMap((section) =>
      Object.entries(section.properties ?? {})
        .filter(([, property]) => /^machine/.test(property.scope ?? ''))
        .map(([key]) => key),
    ),
  );
}

/** Splits settings by the file a remote window reads them from. */
export function settingsByFile(settings, machineKeys = machineScopedKeys()) {
  const user = {};
  const machine = {};
  for (const [key, value] of Object.entries(settings)) (machineKeys.has(key) ? machine : user)[key] = value;
  return { user, machine };
}
