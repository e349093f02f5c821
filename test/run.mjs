// `npm test`: lint, type-check, unit tests, build, integration tests. Every step runs even when an
// earlier one failed, so that all failures show at once. Counts: each unit and integration test
// is one test (skipped ones count as failed); lint, type-check and build count as one test each.
// The output ends with exactly one line `N passed, N failed`; the exit code is 1 on any failure.
import { spawn } from 'node:child_process';
import console from 'node:console';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs a command with the output shown live; resolves with its exit code and, if asked, the output. */
function run(command, args, { capture = false, env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'] });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        process.stdout.write(chunk);
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
        process.stderr.write(chunk);
      });
    }
    child.on('error', (error) => resolve({ code: 127, output: String(error) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

function banner(title) {
  console.log(`\n━━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);
}

/** A step that is one test: passes when the command exits 0. */
async function singleStep(name, command, args) {
  const { code } = await run(command, args);
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, note: code === 0 ? 'ok' : `exit ${code}` };
}

/** Mocha's spec reporter ends with `N passing`, `N failing`, `N pending`. */
function parseMochaCounts(output) {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const count = (word) => Number(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'm').exec(plain)?.[1] ?? 0);
  return { passing: count('passing'), failing: count('failing'), pending: count('pending') };
}

async function unitStep() {
  const { code, output } = await run('npm', ['run', '--silent', 'test:unit'], { capture: true });
  const { passing, failing, pending } = parseMochaCounts(output);
  // A crash or a run with no tests still fails the step.
  const unexplained = code !== 0 && failing + pending === 0 ? 1 : 0;
  const none = passing + failing + pending === 0 && unexplained === 0 ? 1 : 0;
  return {
    name: 'unit tests',
    passed: passing,
    failed: failing + pending + unexplained + none,
    note: `${passing} passed, ${failing} failed, ${pending} skipped${unexplained ? `, mocha exited ${code}` : ''}${none ? ', no tests ran' : ''}`,
  };
}

async function integrationStep(buildPassed) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sagemaker-test-'));
  const summaryFile = path.join(dir, 'summary.json');
  try {
    // When the build step failed, let the harness try (and report) the build itself.
    const args = ['test/host/runIntegration.mjs', '--summary-file', summaryFile, ...(buildPassed ? ['--no-build'] : [])];
    const { code } = await run(process.execPath, args);
    let summary;
    try {
      summary = JSON.parse(await readFile(summaryFile, 'utf8'));
    } catch {
      return { name: 'integration tests', passed: 0, failed: 1, note: `the harness failed before reporting (exit ${code})` };
    }
    const failed = summary.failed + summary.pending + (code !== 0 && summary.failed + summary.pending === 0 ? 1 : 0);
    return {
      name: 'integration tests',
      passed: summary.passed,
      failed,
      note: `${summary.passed} passed, ${summary.failed} failed, ${summary.pending} skipped${failed > summary.failed + summary.pending ? `, exit ${code}` : ''}`,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const started = Date.now();
const results = [];
const timed = async (title, step) => {
  banner(title);
  const stepStart = Date.now();
  const result = await step();
  results.push({ ...result, ms: Date.now() - stepStart });
  return result;
};

await timed('lint', () => singleStep('lint', 'npm', ['run', '--silent', 'lint']));
await timed('type-check', () => singleStep('type-check', 'npm', ['run', '--silent', 'typecheck']));
await timed('unit tests', unitStep);
const build = await timed('build', () => singleStep('build', 'npm', ['run', '--silent', 'build']));
await timed('integration tests (VS Code)', () => integrationStep(build.failed === 0));

banner('summary');
for (const result of results) {
  const mark = result.failed === 0 ? '✔' : '✘';
  console.log(`${mark} ${result.name.padEnd(20)} ${result.note.padEnd(40)} ${seconds(result.ms).padStart(8)}`);
}
const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
console.log(`total time ${seconds(Date.now() - started)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
