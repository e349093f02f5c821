// Headless Chromium (the system's or the npm build, driven by playwright-core) showing the VS Code workbench.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.mjs';
import { track } from './processes.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-crash-reporter',
];

export const VIEWPORT = { width: 1440, height: 900 };

/**
 * @param {{ executablePath: string, viewport?: { width: number, height: number } }} options
 * @returns {Promise<{ browser: import('playwright-core').Browser, page: import('playwright-core').Page, close: () => Promise<void> }>}
 */
export async function launchBrowser({ executablePath, viewport = VIEWPORT }) {
  // Chromium keeps state under HOME (crash reports, config) besides its profile: a throw-away one.
  const home = await mkdtemp(path.join(os.tmpdir(), 'sagemaker-chromium-'));
  const own = await chromiumLaunchOptions(executablePath);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...own.args],
    env: { ...process.env, ...own.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
    // The harness owns signal handling and closes the browser in its own order.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const closeBrowser = async () => {
    await browser.close().catch(() => {});
    await rm(home, { recursive: true, force: true, maxRetries: 3 });
  };
  const untrack = track('chromium', closeBrowser);
  const close = async () => {
    untrack();
    await closeBrowser();
  };
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  return { browser, page, close };
}

/**
 * Exposes the smoke-test driver's callbacks before the workbench loads: `codeAutomationLog`
 * receives the extension host's console, `codeAutomationExit` the test module's result.
 * @param {import('playwright-core').Page} page
 * @param {(level: string, message: string) => void} onLog
 * @returns {Promise<Promise<number>>} resolves with the exit code reported by the workbench
 */
export async function exposeAutomation(page, onLog) {
  let resolveExit;
  const exit = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationLog', (level, message) => onLog(String(level), String(message)));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  return exit;
}
