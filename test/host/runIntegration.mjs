// Runs the integration tests inside a real VS Code (code-server + headless Chromium), offline.
//
//   npm run test:integration [-- options] [file filters...]
//     --grep <regex>      only tests whose full title matches (mocha --grep)
//     --file <substring>  only test files whose path (under test/integration) contains it; repeatable,
//                         bare arguments count as file filters too
//     --timeout <s>       time limit after the host is installed (default 1800, or SAGEMAKER_TEST_TIMEOUT)
//     --no-build          do not run `npm run build` first
//     --keep              keep the throw-away home (its path is printed)
//     --verbose           also relay the workbench's and the server's own logs
//     --summary-file <f>  write the summary ({ passed, failed, pending, failures }) as JSON
//
// Exit code: 0 all passed, 1 a test failed (skipped tests count as failed), 2 harness error or timeout.
// The VS Code host: code-server on linux-x64 (offline), desktop VS Code through @vscode/test-electron
// elsewhere (it downloads VS Code: internet needed); SAGEMAKER_TEST_HOST=code-server|electron chooses.
// The first line of the run says which host was chosen and why.
import { spawn } from 'node:child_process';
import console from 'node:console';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';
import { ensureHost, PrerequisiteError } from './bootstrap.mjs';
import { compileIntegrationTests } from './compileTests.mjs';
import { ENV, SUMMARY_PREFIX } from './environment.mjs';
import { chooseHost } from './hostChoice.mjs';
import { HostSessionError, startHostSession } from './hostSession.mjs';
import { cleanupAll, installCleanupHandlers, stoppingSignal } from './processes.mjs';
import { repoRoot } from './versions.mjs';

const EXIT_PASSED = 0;
const EXIT_FAILED = 1;
const EXIT_HARNESS = 2;
export const artifactsDir = path.join(repoRoot, 'out', 'test', 'artifacts');

const hostLog = (line) => console.log(`[host] ${line}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

class HarnessError extends Error {}

function parseOptions(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      grep: { type: 'string' },
      file: { type: 'string', multiple: true, default: [] },
      timeout: { type: 'string' },
      build: { type: 'boolean', default: true },
      'no-build': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      'summary-file': { type: 'string' },
    },
  });
  const timeoutSeconds = Number(values.timeout ?? process.env.SAGEMAKER_TEST_TIMEOUT ?? 1800);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new HarnessError(`--timeout must be a positive number of seconds`);
  return {
    grep: values.grep,
    files: [...values.file, ...positionals],
    timeoutMs: timeoutSeconds * 1000,
    build: values.build && !values['no-build'],
    keep: values.keep,
    verbose: values.verbose,
    summaryFile: values['summary-file'],
  };
}

function runNpmScript(script) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new HarnessError(`npm run ${script} failed (exit ${code})`))));
  });
}

/** Rejects after `ms`; the timer does not keep the process alive. */
const rejectAfter = (ms, message) => new Promise((_, reject) => setTimeout(() => reject(new HarnessError(message)), ms).unref());

async function runInCodeServer(options, host) {
  const started = Date.now();

  if (options.build) {
    const buildStart = Date.now();
    await runNpmScript('build');
    hostLog(`built the extension in ${seconds(Date.now() - buildStart)}`);
  }
  const compileStart = Date.now();
  const compiled = await compileIntegrationTests({ files: options.files });
  hostLog(`compiled ${compiled.testFiles.length} test file(s) in ${seconds(Date.now() - compileStart)}`);

  await rm(artifactsDir, { recursive: true, force: true });
  await mkdir(artifactsDir, { recursive: true });

  let summary;
  const session = await startHostSession({
    host,
    module: compiled.index,
    supportExtensions: compiled.supportExtensions,
    environment: { [ENV.artifacts]: artifactsDir, ...(options.grep ? { [ENV.grep]: options.grep } : {}) },
    // The cost guard scans every local service a suite starts and may warn mid-test; its own
    // suite turns it on.
    settings: { 'sagemaker.cost.enabled': false },
    keep: options.keep,
    verbose: options.verbose,
    onOutput: (level, text) => {
      for (const line of text.split('\n')) {
        if (line.startsWith(SUMMARY_PREFIX)) {
          try {
            summary = JSON.parse(line.slice(SUMMARY_PREFIX.length));
          } catch {
            hostLog(`unreadable summary line: ${line}`);
          }
        } else (level === 'error' || level === 'warn' ? console.error : console.log)(line);
      }
    },
  });
  if (options.keep) hostLog(`throw-away home kept at ${session.sandbox.root}`);
  hostLog(
    `code-server started in ${seconds(session.timings.serverStartMs)}; ` +
      `the extension host began the tests ${seconds(session.timings.runnerStartMs)} after the workbench opened`,
  );

  const testsStart = Date.now();
  const { code } = await session.done;
  const testsMs = Date.now() - testsStart;
  await session.close();
  if (!summary) throw new HarnessError('the test run ended without its summary line');

  const failed = summary.failed + summary.pending + (summary.passed + summary.failed + summary.pending === 0 ? 1 : 0);
  if (summary.failures.length > 0) {
    console.log('');
    hostLog('failures:');
    for (const failure of summary.failures) console.log(`  - ${failure.title}\n      ${failure.error.split('\n').join('\n      ')}`);
  }
  hostLog(
    `${summary.passed} passed, ${summary.failed} failed, ${summary.pending} skipped (counted as failed) ` +
      `in ${seconds(testsMs)}; whole run ${seconds(Date.now() - started)}`,
  );
  if (options.summaryFile) await writeFile(options.summaryFile, JSON.stringify({ ...summary, host: 'code-server' }) + '\n');
  return code === 0 && failed === 0 ? EXIT_PASSED : EXIT_FAILED;
}

async function runInElectron(argv) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'test', 'host', 'runElectron.mjs'), ...argv], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? EXIT_HARNESS)));
}

async function main() {
  const argv = process.argv.slice(2);
  let choice;
  try {
    choice = chooseHost({ env: process.env, platform: process.platform, arch: process.arch });
  } catch (error) {
    throw new HarnessError(error instanceof Error ? error.message : String(error));
  }
  hostLog(`VS Code host: ${choice.host} (${choice.reason})`);
  if (choice.host === 'electron') return runInElectron(argv);
  const options = parseOptions(argv);
  installCleanupHandlers({ onSignal: (signal) => hostLog(`${signal}: stopping everything this run started`) });
  // The time limit starts after the (possibly cold) install of the host.
  const host = await ensureHost({ log: hostLog });
  return Promise.race([
    runInCodeServer(options, host),
    rejectAfter(options.timeoutMs, `the run exceeded its time limit of ${options.timeoutMs / 1000} s (--timeout)`),
  ]);
}

let exitCode;
try {
  exitCode = await main();
} catch (error) {
  if (stoppingSignal()) await new Promise(() => {}); // the signal handler exits once cleanup is done
  const known = error instanceof HarnessError || error instanceof PrerequisiteError || error instanceof HostSessionError;
  hostLog(`error: ${known ? error.message : (error?.stack ?? String(error))}`);
  exitCode = EXIT_HARNESS;
} finally {
  await cleanupAll();
}
process.exit(exitCode);
