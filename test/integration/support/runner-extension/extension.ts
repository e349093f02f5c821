// Runs the compiled integration tests inside the extension host and reports to the harness.
//
// Why an extension rather than VS Code's `extensionTestsPath`: in extension-test mode the workbench
// refuses every modal dialog ("DialogService: refused to show dialog in tests"), so confirmations
// could not be seen or clicked. Loaded as an ordinary extension, the same test module runs in the
// same extension host, and dialogs behave as they do for users.
//
// It activates on `*`, before the extension under test would activate by itself (onStartupFinished),
// so that a module can measure that activation from the start.
//
// The test reporter sends its output to the harness itself (the extension host does not let
// anyone wrap `console`); other console output reaches the harness through the workbench page.

import path from 'node:path';
import type { ExtensionContext } from 'vscode';

const BRIDGE = 'SAGEMAKER_TEST_BRIDGE';
const MODULE = 'SAGEMAKER_TEST_MODULE';
/** Set here for the tests: the global storage folder of extensions in this window (`<data>/User/globalStorage`). */
const GLOBAL_STORAGE = 'SAGEMAKER_TEST_GLOBAL_STORAGE';

async function post(base: string, route: string, body: unknown): Promise<void> {
  try {
    await fetch(`${base}/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    // The harness is gone (it timed out or was stopped): nobody is left to tell.
  }
}

interface TestModule {
  run(): Promise<void>;
}

async function runTests(base: string, modulePath: string): Promise<void> {
  await post(base, 'started', { pid: process.pid, node: process.version });
  let code = 0;
  try {
    // A runtime path: the compiled tests are not part of this bundle.
    const load = require as (id: string) => unknown;
    const tests = load(modulePath) as TestModule;
    await tests.run();
  } catch (error) {
    code = 1;
    console.error(error instanceof Error ? error.message : String(error));
  }
  await post(base, 'done', { code });
}

export function activate(context: ExtensionContext): void {
  process.env[GLOBAL_STORAGE] = path.dirname(context.globalStorageUri.fsPath);
  const base = process.env[BRIDGE];
  const modulePath = process.env[MODULE];
  if (!base || !modulePath) return;
  // Leave activate() first, so the workbench finishes starting this extension.
  setTimeout(() => void runTests(base, modulePath), 0);
}

export function deactivate(): void {}
