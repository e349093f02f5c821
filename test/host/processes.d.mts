// Types of processes.mjs for TypeScript callers (benchmarks).
export function cleanupAll(): Promise<void>;
export function installCleanupHandlers(options?: { onSignal?: (signal: string) => void }): void;
export function stoppingSignal(): string | undefined;
