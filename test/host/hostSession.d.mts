// Types of hostSession.mjs for TypeScript callers (benchmarks).
import type { Page } from 'playwright-core';
import type { Host } from './bootstrap.mjs';

export const STARTUP_TIMEOUT_MS: number;
export class HostSessionError extends Error {}

export interface HostSessionOptions {
  host: Host;
  /** Compiled module whose run() the test-runner extension calls in the extension host. */
  module: string;
  /** Folders of extensions to load as installed (the test runner, at least). */
  supportExtensions: string[];
  developmentPath?: string;
  environment?: Record<string, string>;
  settings?: Record<string, unknown>;
  keep?: boolean;
  verbose?: boolean;
  onOutput?: (level: string, text: string) => void;
  print?: (level: string, line: string) => void;
}

export interface HostSession {
  sandbox: { root: string; workspace: string };
  page: Page;
  timings: { serverStartMs: number; runnerStartMs: number };
  done: Promise<{ code: number }>;
  close(): Promise<void>;
}

export function startHostSession(options: HostSessionOptions): Promise<HostSession>;
