import * as assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { boundaries } from '../../../scripts/lint/boundaries.mjs';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Lints a file's text as if it stood at `file`, with the boundary rules alone. */
async function violations(file: string, text: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, { plugins: { '@typescript-eslint': tseslint.plugin } }, ...boundaries],
  });
  const [result] = await eslint.lintText(text, { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

const restricted = (found: string[]) => found.filter((line) => line.startsWith('@typescript-eslint/no-restricted-imports'));

describe('Lint boundaries between the layers', () => {
  const cases: Array<{ file: string; text: string; why: string }> = [
    { file: 'src/core/resources/probe.ts', text: "import * as vscode from 'vscode';\nexport const v = vscode;\n", why: 'core imports vscode' },
    { file: 'src/core/resources/probe.ts', text: "import { readConnectionSettings } from '../../platform/settings';\nexport const r = readConnectionSettings;\n", why: 'core imports platform' },
    { file: 'src/core/launch/probe.ts', text: "import { specSelector } from '../../specs/specSelector';\nexport const s = specSelector;\n", why: 'core imports specs' },
    { file: 'src/core/cost/probe.ts', text: "import { ExplorerView } from '../../views/tree/explorerView';\nexport const e = ExplorerView;\n", why: 'core imports views' },
    { file: 'src/core/cost/probe.ts', text: "import { commandTable } from '../../commands/table';\nexport const c = commandTable;\n", why: 'core imports commands' },
    { file: 'src/core/cost/probe.ts', text: "import { CostGuard } from '../../statusBar/costGuard';\nexport const g = CostGuard;\n", why: 'core imports statusBar' },
    { file: 'src/core/cost/probe.ts', text: "import { panelHtml } from '../../webviews/panelHtml';\nexport const p = panelHtml;\n", why: 'core imports webviews' },
    { file: 'src/commands/jobs/probe.ts', text: "import { ListTrainingJobsCommand } from '@aws-sdk/client-sagemaker';\nexport const l = ListTrainingJobsCommand;\n", why: 'a command imports the SDK' },
    { file: 'src/views/training/probe.ts', text: "import { loadSdk } from '../../core/aws/loadSdk';\nexport const l = loadSdk;\n", why: 'a view loads the SDK' },
    { file: 'src/views/presenters/probe.ts', text: "import * as vscode from 'vscode';\nexport const v = vscode;\n", why: 'a presenter imports vscode' },
    { file: 'src/webviews/client/probe.ts', text: "import * as vscode from 'vscode';\nexport const v = vscode;\n", why: 'a webview script imports vscode' },
    { file: 'src/webviews/probeModel.ts', text: "import * as vscode from 'vscode';\nexport const v = vscode;\n", why: 'a webview model imports vscode' },
  ];
  for (const { file, text, why } of cases) {
    it(`refuses: ${why}`, async () => {
      assert.equal(restricted(await violations(file, text)).length, 1, `${file} should break one boundary`);
    });
  }

  const allowed: Array<{ file: string; text: string; why: string }> = [
    { file: 'src/core/resources/probe.ts', text: "import { loadSdk } from '../aws/loadSdk';\nexport const l = loadSdk;\n", why: 'core loads the SDK' },
    { file: 'src/views/training/probe.ts', text: "import type { TrainingJobSummary } from '@aws-sdk/client-sagemaker';\nexport type T = TrainingJobSummary;\n", why: 'a view imports SDK types' },
    { file: 'src/commands/jobs/probe.ts', text: "import * as vscode from 'vscode';\nexport const v = vscode;\n", why: 'a command imports vscode' },
  ];
  for (const { file, text, why } of allowed) {
    it(`allows: ${why}`, async () => {
      assert.deepEqual(await violations(file, text), []);
    });
  }


});
