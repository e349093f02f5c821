// What the activation probe reports from inside the extension host (shared with the benchmark,
// which must not load the probe itself: the probe needs `vscode`).
export const PROBE_PREFIX = 'SAGEMAKER_ACTIVATION_PROBE ';

export interface ProbeResult {
  wasActive: boolean;
  activateMs: number;
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  /** VS Code's activation time as its Running Extensions editor shows it. */
  vscodeMs?: number;
  vscodeText?: string;
}
