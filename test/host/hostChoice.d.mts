// Types of hostChoice.mjs for TypeScript callers (unit tests).
export const HOST_ENV: string;
export const HOSTS: string[];
export function codeServerRunsOn(platform: string, arch: string): boolean;
export function chooseHost(where: { env: Record<string, string | undefined>; platform: string; arch: string }): {
  host: 'code-server' | 'electron';
  reason: string;
};
