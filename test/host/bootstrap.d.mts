// Types of bootstrap.mjs for TypeScript callers (benchmarks).
export class PrerequisiteError extends Error {}
export interface Host {
  node: string;
  nodeBinDir: string;
  codeServerEntry: string;
  chromium: string | undefined;
}
export function findChromium(): string;
export function ensureHost(options?: { log?: (line: string) => void; needChromium?: boolean }): Promise<Host>;
