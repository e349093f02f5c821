// Types of the parts of demoSetup.mjs that TypeScript callers (unit tests) use.
export const DEMO_PROFILE: string;
export const DEMO_REGION: string;
export function serviceSettings(url: string): Record<string, unknown>;
export function demoSettings(service: { url: string; accountId: string }): { user: Record<string, unknown>; machine: Record<string, unknown> };
