// Types of bootstrap.mjs for TypeScript callers (benchmarks, unit tests).
export class PrerequisiteError extends Error {}
export interface Host {
  node: string;
  nodeBinDir: string;
  codeServerEntry: string;
  chromium: string | undefined;
}
export function explainFailure(what: string, output: string): string;
export function makeKerberosOptional(vscodeDir: string): Promise<boolean>;
export function installInto(options: {
  dir: string;
  label: string;
  fill: (staging: string) => Promise<void>;
  log: (line: string) => void;
}): Promise<boolean>;
export function ensureHost(options?: { log?: (line: string) => void; needChromium?: boolean }): Promise<Host>;
export function cleanEnv(extra: Record<string, string>, env?: Record<string, string | undefined>): Record<string, string | undefined>;
