// One VS Code window (code-server + headless Chromium) in a throw-away home, whose extension host
// runs a compiled module through the test-runner extension and reports over the bridge channel.
// Used by the integration runner and by the benchmarks that measure inside the real host.
import console from 'node:console';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { format } from 'node:util';
import { startBridgeServer } from './bridgeServer.mjs';
import { exposeAutomation, launchBrowser } from './browser.mjs';
import { startCodeServer, workbenchUrl } from './codeServer.mjs';
import { ENV } from './environment.mjs';
import { isNoise, isWorkbenchNoise } from './logFilter.mjs';
import { createSandbox, registerExtensions } from './sandbox.mjs';
import { repoRoot } from './versions.mjs';

/** From opening the page to the runner reporting in: a broken extension host shows here. */
export const STARTUP_TIMEOUT_MS = 120_000;

export class HostSessionError extends Error {}

const EXTENSION_HOST_PREFIX = '%c[Extension Host] %c';
const RENDERER_ERROR_PREFIX = /^%c\s+ERR color: \S+ /;

/**
 * The extension host's console (the extension's own logs, console.log in tests) reaches the page
 * as `console.log('%c[Extension Host] %c' + format, style, style, ...args)`: undo that wrapping.
 * Errors the workbench logs about our extension (activation failures) are relayed too.
 */
function relayExtensionHostConsole(page, { verbose, print }) {
  let chain = Promise.resolve();
  page.on('console', (message) => {
    const text = message.text();
    const isError = message.type() === 'error' || message.type() === 'warning';
    if (text.startsWith(EXTENSION_HOST_PREFIX)) {
      chain = chain.then(async () => {
        const values = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '[unserialisable]')));
        const first = String(values[0] ?? '').slice(EXTENSION_HOST_PREFIX.length);
        for (const line of format(first, ...values.slice(3)).split('\n')) {
          if (!isNoise(line)) print(isError ? 'error' : 'log', `[ext] ${line}`);
        }
      });
    } else if (RENDERER_ERROR_PREFIX.test(text) && !text.includes('[Extension Host]') && (verbose || /sagemaker|Activating extension/i.test(text))) {
      const line = text.replace(RENDERER_ERROR_PREFIX, '').split('\n')[0];
      if (!isWorkbenchNoise(line)) print('error', `[workbench] ${line}`);
    } else if (verbose && !isWorkbenchNoise(text)) {
      print('log', `[page ${message.type()}] ${text.split('\n')[0]}`);
    }
  });
}

const defaultPrint = (level, line) => (level === 'error' ? console.error : console.log)(line);

/**
 * @param {{
 *   host: { node: string, codeServerEntry: string, chromium?: string },
 *   module: string,
 *   supportExtensions: string[],
 *   developmentPath?: string,
 *   environment?: Record<string, string>,
 *   settings?: Record<string, unknown>,
 *   keep?: boolean,
 *   verbose?: boolean,
 *   onOutput?: (level: string, text: string) => void,
 *   print?: (level: string, line: string) => void,
 * }} options `onOutput` receives what the module writes through the bridge (test reporter output);
 *   `print` everything else worth showing (extension host console, workbench errors).
 */
export async function startHostSession({
  host,
  module,
  supportExtensions,
  developmentPath = repoRoot,
  environment = {},
  settings = {},
  keep = false,
  verbose = false,
  onOutput = defaultPrint,
  print = defaultPrint,
}) {
  if (!host.chromium) throw new HostSessionError('no Chromium to drive the workbench');
  const timings = {};
  const closers = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => {});
  };
  try {
    const sandbox = await createSandbox({ keep, settings });
    closers.push(sandbox.remove);
    await registerExtensions(sandbox, supportExtensions);

    const bridge = await startBridgeServer({ onLog: ({ level, text }) => onOutput(level, String(text)) });
    closers.push(bridge.close);

    let started = Date.now();
    const server = await startCodeServer(host, sandbox, {
      log: (line) => {
        if (verbose && !isWorkbenchNoise(line)) print('log', `[server] ${line}`);
      },
    });
    closers.push(server.stop);
    timings.serverStartMs = Date.now() - started;

    const browser = await launchBrowser({ executablePath: host.chromium });
    closers.push(browser.close);
    const { page } = browser;
    bridge.setPage(page);
    // The smoke-test driver's log callback: only used in VS Code's own extension-test mode.
    void exposeAutomation(page, (level, message) => {
      if (verbose && !isWorkbenchNoise(message)) print('log', `[workbench ${level}] ${message}`);
    });
    const crashed = new Promise((_, reject) => page.on('crash', () => reject(new HostSessionError('the workbench page crashed'))));
    const failed = Promise.race([server.failed, crashed]);
    failed.catch(() => {});
    relayExtensionHostConsole(page, { verbose, print });

    const url = workbenchUrl(server.url, {
      folder: sandbox.workspace,
      developmentPaths: [developmentPath],
      environment: {
        [ENV.bridge]: bridge.url,
        [ENV.module]: module,
        [ENV.sandbox]: sandbox.root,
        [ENV.host]: 'code-server',
        [ENV.color]: process.stdout.isTTY ? '1' : '0',
        ...environment,
      },
    });
    started = Date.now();
    // The workbench page can take long to load on a busy machine: as long as the start itself may take.
    await page.goto(url, { timeout: STARTUP_TIMEOUT_MS });
    let startupTimer;
    const startupTimeout = new Promise((_, reject) => {
      startupTimer = setTimeout(
        () => reject(new HostSessionError(`the extension host did not start the run within ${STARTUP_TIMEOUT_MS / 1000} s (rerun with --verbose to see the workbench's log)`)),
        STARTUP_TIMEOUT_MS,
      );
      startupTimer.unref();
    });
    await Promise.race([bridge.started, failed, startupTimeout]).finally(() => clearTimeout(startupTimer));
    timings.runnerStartMs = Date.now() - started;

    return {
      sandbox,
      server,
      page,
      bridge,
      timings,
      /** Resolves with `{ code }` when the module's run() settles; rejects when the host breaks. */
      done: Promise.race([bridge.done, failed]),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
