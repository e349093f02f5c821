// Runs inside the extension host of a fresh window (through the test-runner extension, which
// activates on `*`, before the extension would start by itself): times the extension's
// activation (code loading + activate()) and the host's memory around it, then reads VS Code's
// own figure from its Running Extensions editor through the UI bridge.
import * as vscode from 'vscode';
import { createTestOutput } from '../../integration/support/testOutput';
import { ui } from '../../integration/support/ui';
import { PROBE_PREFIX, type ProbeResult } from './probeResult';

const EXTENSION_ID = 'sagemaker-tools.sagemaker-companion';

/** The row of our extension in the Running Extensions editor, e.g. `SageMaker Companion 0.1.0 ... Activation: 23ms`. */
async function vscodeActivationTime(): Promise<{ ms?: number; text?: string }> {
  await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
  const rows = await ui().text('.runtime-extensions-editor .monaco-list-row', { timeout: 20_000 });
  // Named by display name, or by id when the display name is not resolved; the list is virtual
  // (sorted by activation time), so with many slow extensions the row can be out of sight.
  const row = rows.find((text) => text.includes('SageMaker Companion') || text.includes(EXTENSION_ID));
  const match = row ? /Activation:\s*(\d+(?:\.\d+)?)\s*ms\b/.exec(row) : null;
  return { ms: match ? Number(match[1]) : undefined, text: row ?? `no row names it; rows: ${rows.join(' | ').slice(0, 1500)}` };
}

export async function run(): Promise<void> {
  const output = createTestOutput();
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const wasActive = extension.isActive;
  const before = process.memoryUsage();
  const started = performance.now();
  await extension.activate();
  const activateMs = performance.now() - started;
  const after = process.memoryUsage();
  let vscodeFigure: { ms?: number; text?: string };
  try {
    vscodeFigure = await vscodeActivationTime();
  } catch (error) {
    vscodeFigure = { text: `not read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result: ProbeResult = { wasActive, activateMs, before, after, vscodeMs: vscodeFigure.ms, vscodeText: vscodeFigure.text };
  output.write(PROBE_PREFIX + JSON.stringify(result));
  await output.flush();
}
