// The test runner inside the extension host: mocha (BDD: describe/it) over every compiled
// *.test.js next to this file, the spec reporter, and one machine-readable summary line at the
// end. Skipped (pending) tests count as failures, and so does a run with no test at all.
// `run()` is the contract of VS Code's test runners (code-server harness and @vscode/test-electron).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { env, SUMMARY_PREFIX } from './support/environment';
import { createTestOutput } from './support/testOutput';
import { bridgeAvailable, ui } from './support/ui';
import { dismissLeftovers, resetEditors } from './support/workbenchReset';

export interface TestFailure {
  title: string;
  error: string;
}

export interface TestSummary {
  passed: number;
  failed: number;
  pending: number;
  failures: TestFailure[];
}

const DEFAULT_TEST_TIMEOUT_MS = 60_000;

function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTestFiles(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n').slice(0, 20).join('\n');
  return String(error);
}

/** File name for a failed test's screenshot: readable, unique enough, no path separators. */
function screenshotName(title: string): string {
  return `${title.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120)}.png`;
}

/** The reporters print through `Base.consoleLog`; point it at the output. */
function redirectReporters(write: (text: string) => void): void {
  (Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = (...args) => write(format(...args));
}

function topSuite(test: Mocha.Runnable): Mocha.Suite {
  let suite = test.parent;
  while (suite?.parent && !suite.parent.root) suite = suite.parent;
  if (!suite) throw new Error(`${test.fullTitle()} has no suite`);
  return suite;
}

function testsOf(suite: Mocha.Suite): Mocha.Test[] {
  return [...suite.tests, ...suite.suites.flatMap(testsOf)];
}

function isLastTestOfTopSuite(test: Mocha.Test, grep: RegExp | undefined): boolean {
  const selected = testsOf(topSuite(test)).filter((candidate) => !candidate.isPending() && (!grep || grep.test(candidate.fullTitle())));
  return selected.at(-1) === test;
}

export async function run(): Promise<void> {
  process.setSourceMapsEnabled(true);
  const output = createTestOutput();
  redirectReporters((text) => output.write(text));
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: env('color') === '1',
    timeout: DEFAULT_TEST_TIMEOUT_MS,
    grep: env('grep'),
  });

  // A screenshot of the window when a test or hook fails, taken before the next one runs.
  const artifacts = env('artifacts');
  const screenshots: Promise<void>[] = [];
  const screenshotFailure = async (title: string) => {
    if (!artifacts || !bridgeAvailable()) return;
    const file = path.join(artifacts, screenshotName(title));
    try {
      await ui().screenshot(file);
      output.write(`    screenshot of the failure: ${file}`);
    } catch (error) {
      output.write(`    (no screenshot: ${describeError(error)})`);
    }
  };
  // One window serves every test: close what a test left blocking (with a warning), and give
  // each top-level suite a clean editor area after its last test.
  const grep = (mocha.options as { grep?: RegExp }).grep;
  mocha.rootHooks({
    async afterEach(this: Mocha.Context) {
      const test = this.currentTest;
      if (!test) return;
      if (test.state === 'failed') await screenshotFailure(test.fullTitle());
      for (const what of await dismissLeftovers().catch(() => [])) output.write(`    warning: this test left a ${what} open; closed it`);
      if (isLastTestOfTopSuite(test, grep)) {
        const reverted = await resetEditors().catch(() => []);
        if (reverted.length > 0) output.write(`    warning: "${topSuite(test).title}" left unsaved editors (${reverted.join(', ')}); reverted them`);
      }
    },
  });

  const files = findTestFiles(__dirname);
  for (const file of files) mocha.addFile(file);

  const summary: TestSummary = { passed: 0, failed: 0, pending: 0, failures: [] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => summary.passed++);
    runner.on('fail', (test, error) => {
      // Failed hooks get no afterEach: take their picture here.
      if (test instanceof Mocha.Hook) screenshots.push(screenshotFailure((test as Mocha.Runnable).fullTitle()));
      summary.failed++;
      summary.failures.push({ title: test.fullTitle(), error: describeError(error) });
    });
    runner.on('pending', (test) => {
      summary.pending++;
      summary.failures.push({ title: test.fullTitle(), error: 'skipped (pending): skipped tests count as failures' });
    });
  });

  await Promise.all(screenshots);
  if (summary.passed + summary.failed + summary.pending === 0) {
    summary.failures.push({ title: '(no tests)', error: env('grep') ? `no test matches --grep ${env('grep')}` : 'no tests were found' });
  }
  output.write(SUMMARY_PREFIX + JSON.stringify(summary));
  await output.flush();
  if (summary.failures.length > 0) {
    throw new Error(`${summary.failed} failed, ${summary.pending} skipped (counted as failed), ${summary.passed} passed`);
  }
}
