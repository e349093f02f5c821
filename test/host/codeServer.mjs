// Starts code-server (a full VS Code server) from the cached install, inside a sandbox.
import { spawn } from 'node:child_process';
import http from 'node:http';
import readline from 'node:readline';
import { setTimeout } from 'node:timers';
import { URL, URLSearchParams } from 'node:url';
import { spawnTracked } from './processes.mjs';

const LISTENING = /HTTP server listening on (http:\/\/\S+?)\/?\s*$/;
/** The page still answers 200 when the VS Code server failed to load; this line is the tell. */
const SERVER_BROKEN = /error CodeServerRouteWrapper/;

function commonArgs(sandbox) {
  return ['--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions];
}

/**
 * Installs a .vsix (or an extension id) into the sandbox's extensions folder with code-server's own CLI.
 * @param {{ node: string, codeServerEntry: string }} host
 */
export function installExtension(host, sandbox, vsixOrId) {
  return new Promise((resolve, reject) => {
    const child = spawn(host.node, [host.codeServerEntry, ...commonArgs(sandbox), '--force', '--install-extension', vsixOrId], {
      env: sandbox.env,
      cwd: sandbox.workspace,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && !/Failed Installing|error/i.test(output)) resolve(output.trim());
      else reject(new Error(`installing ${vsixOrId} into code-server failed (${code}):\n${output}`));
    });
  });
}

/**
 * @param {{ node: string, codeServerEntry: string }} host
 * `testDriver` (default true) enables VS Code's smoke-test driver, without which the workbench
 * ignores the payload that loads an extension under development and passes its environment.
 * It also stops notification toasts (notifications still go to the notification center).
 * @param {{ bind?: string, port?: number, log?: (line: string) => void, startTimeoutMs?: number, testDriver?: boolean }} [options]
 * @returns {Promise<{ url: string, port: number, failed: Promise<never>, stop: () => Promise<void> }>}
 */
export async function startCodeServer(host, sandbox, { bind = '127.0.0.1', port = 0, log = () => {}, startTimeoutMs = 60_000, testDriver = true } = {}) {
  const args = [
    host.codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `${bind}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    ...(testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...commonArgs(sandbox),
  ];
  const server = spawnTracked('code-server', host.node, args, { env: sandbox.env, cwd: sandbox.workspace });

  let rejectFailed;
  /** Rejects when the server reports that VS Code could not load, or exits. */
  const failed = new Promise((_, reject) => (rejectFailed = reject));
  failed.catch(() => {}); // observed by whoever races it

  let resolveUrl;
  const listening = new Promise((resolve) => (resolveUrl = resolve));
  const recent = [];
  const onLine = (line) => {
    recent.push(line);
    if (recent.length > 50) recent.shift();
    log(line);
    const match = LISTENING.exec(line);
    if (match) resolveUrl(match[1]);
    if (SERVER_BROKEN.test(line)) rejectFailed(new Error(`code-server could not load VS Code: ${line}`));
  };
  readline.createInterface({ input: server.child.stdout }).on('line', onLine);
  readline.createInterface({ input: server.child.stderr }).on('line', onLine);
  void server.exited.then(() =>
    rejectFailed(new Error(`code-server exited (code ${server.child.exitCode ?? server.child.signalCode}):\n${recent.join('\n')}`)),
  );

  const deadline = new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`code-server did not start within ${startTimeoutMs} ms:\n${recent.join('\n')}`)), startTimeoutMs).unref(),
  );
  const url = await Promise.race([listening, failed, deadline]);
  await Promise.race([waitForHealth(url), failed, deadline]);
  return { url, port: Number(new URL(url).port), failed, stop: () => server.stop() };
}

function healthy(url) {
  return new Promise((resolve) => {
    const request = http.get(`${url}/healthz`, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false)); // not accepting connections yet
  });
}

async function waitForHealth(url) {
  while (!(await healthy(url))) await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * The page that makes the workbench run an extension's tests: the smoke-test driver reads the
 * payload. `remote` is the literal authority of the server's file system.
 * @param {{ folder: string, developmentPaths?: string[], testsPath?: string, environment?: Record<string, string> }} options
 */
export function workbenchUrl(baseUrl, { folder, developmentPaths = [], testsPath, environment }) {
  const payload = developmentPaths.map((dir) => ['extensionDevelopmentPath', `vscode-remote://remote${dir}`]);
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://remote${testsPath}`]);
  if (environment) payload.push(['extensionEnvironment', JSON.stringify(environment)]);
  payload.push(['skipWelcome', 'true']);
  const query = new URLSearchParams({ folder });
  query.set('payload', JSON.stringify(payload));
  return `${baseUrl}/?${query.toString()}`;
}
