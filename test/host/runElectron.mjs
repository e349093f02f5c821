// Runs the same compiled integration tests in desktop VS Code with @vscode/test-electron, which
// downloads VS Code (internet needed; cached in .vscode-test/). Chosen where code-server cannot run
// (anything but linux-x64) or by SAGEMAKER_TEST_HOST=electron; see hostChoice.mjs.
//
//   SAGEMAKER_TEST_HOST=electron npm run test:integration [-- --grep <re>] [--file <substring>...]
//     --vscode-version <v>  VS Code to download (default: stable, or SAGEMAKER_TEST_VSCODE_VERSION)
//     --no-build, --summary-file <f>   as for the code-server runner
//
// Differences from the default host: no UI bridge (tests that need it fail on purpose, with
// UiBridgeUnavailableError), and VS Code's extension-test mode, in which the workbench refuses
// modal dialogs. AWS shared files are throw-away ones here too.
import { spawn } from 'node:child_process';
import console from 'node:console';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { compileIntegrationTests } from './compileTests.mjs';
import { ENV, SUMMARY_PREFIX } from './environment.mjs';
import { repoRoot } from './versions.mjs';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    grep: { type: 'string' },
    file: { type: 'string', multiple: true, default: [] },
    'no-build': { type: 'boolean', default: false },
    'summary-file': { type: 'string' },
    'vscode-version': { type: 'string' },
    timeout: { type: 'string' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

function npmRun(script) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm run ${script} failed (exit ${code})`))));
  });
}

/** The electron host prints the runner's output on our stdout: pick the summary line out of it. */
function watchForSummary() {
  let summary;
  let pending = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    pending += String(chunk);
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const at = line.indexOf(SUMMARY_PREFIX);
      if (at >= 0) {
        try {
          summary = JSON.parse(line.slice(at + SUMMARY_PREFIX.length));
        } catch {
          // a line cut in an unexpected place; the exit code still tells the result
        }
      }
    }
    return write(chunk, ...rest);
  };
  return () => summary;
}

let exitCode;
const scratch = await mkdtemp(path.join(os.tmpdir(), 'sagemaker-electron-'));
try {
  if (!values['no-build']) await npmRun('build');
  const compiled = await compileIntegrationTests({ files: [...values.file, ...positionals] });
  const fixture = compiled.supportExtensions.find((dir) => dir.endsWith('fixture-extension'));

  // Throw-away AWS shared files, and none of the caller's AWS variables.
  await mkdir(path.join(scratch, 'aws'), { recursive: true });
  const awsConfig = path.join(scratch, 'aws', 'config');
  const awsCredentials = path.join(scratch, 'aws', 'credentials');
  await writeFile(awsConfig, '# AWS shared config of a throw-away test run\n');
  await writeFile(awsCredentials, '# AWS shared credentials of a throw-away test run\n');
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];

  const summaryOf = watchForSummary();
  const code = await runTests({
    version: values['vscode-version'] ?? process.env.SAGEMAKER_TEST_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: fixture ? [repoRoot, fixture] : repoRoot,
    extensionTestsPath: compiled.index,
    launchArgs: [
      path.join(scratch, 'workspace'),
      '--user-data-dir',
      path.join(scratch, 'user-data'),
      '--extensions-dir',
      path.join(scratch, 'extensions'),
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
    extensionTestsEnv: {
      [ENV.host]: 'electron',
      AWS_CONFIG_FILE: awsConfig,
      AWS_SHARED_CREDENTIALS_FILE: awsCredentials,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...(values.grep ? { [ENV.grep]: values.grep } : {}),
    },
  }).catch((error) => {
    if (error instanceof TestRunFailedError) return error.code ?? 1; // the tests ran and failed
    throw error;
  });
  const summary = summaryOf();
  if (values['summary-file'] && summary) await writeFile(values['summary-file'], JSON.stringify({ ...summary, host: 'electron' }) + '\n');
  exitCode = code === 0 ? 0 : 1;
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|socket hang up/i.test(message);
  console.error(
    offline
      ? `[electron] could not download VS Code (${message.split('\n')[0]}); this host needs internet, or use the offline code-server host on linux-x64 (SAGEMAKER_TEST_HOST=code-server)`
      : `[electron] ${message}`,
  );
  exitCode = 2;
} finally {
  await rm(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
