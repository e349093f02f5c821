// Makes sure the offline VS Code host is installed, with nothing from the system but Node and npm:
// Node 24 and code-server from the npm registry, and Chromium (the system's, or a headless build
// from the npm registry), all cached in .vscode-test/. Idempotent: a cached install is recognised
// by its marker file without starting any process. Run alone to prefetch: `node test/host/bootstrap.mjs`.
//
// Every install goes into a staging folder renamed into place at the end, so an interrupted or
// failed run leaves nothing that looks installed; the next run removes the leftovers and starts
// clean. A failure is reported in one line (what is missing, what to do) with the full log kept
// in .vscode-test/<name>.failed.log.
import { spawn } from 'node:child_process';
import console from 'node:console';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ENV, checkIntegrity, chromiumChoice, chromiumLaunchOptions, packChromium, unpackChromiumPackage } from './chromium.mjs';
import { codeServerRunsOn } from './hostChoice.mjs';
import {
  CHROMIUM_PACKAGE,
  CHROMIUM_PACKAGE_VERSION,
  CODE_SERVER_VERSION,
  INSTALLED_MARKER,
  NODE_PACKAGE,
  NODE_VERSION,
  cacheRoot,
  chromiumBinary,
  chromiumDir,
  codeServerDir,
  codeServerEntry,
  codeServerPackageDir,
  nodeBinDir,
  nodeBinary,
  nodeDir,
  nodePackageDir,
} from './versions.mjs';

/** A missing prerequisite or a failed install: the message is one line saying what to do. */
export class PrerequisiteError extends Error {}

const isInstalled = (dir) => existsSync(path.join(dir, INSTALLED_MARKER));
const relative = (file) => path.relative(process.cwd(), file) || file;

/**
 * Variables an enclosing `npm run` sets about the project must not steer the nested installs (its
 * prefix would make them install into the project). The user's npm settings (registry, proxy,
 * cafile, cache) pass through.
 */
const PROJECT_NPM_VARIABLES = /^npm_(package_|lifecycle_|command$|execpath$|node_execpath$|config_(local_prefix|prefix|global_prefix|user_agent|loglevel|nodedir)$)/i;
export function cleanEnv(extra, env = process.env) {
  return { ...Object.fromEntries(Object.entries(env).filter(([key]) => !PROJECT_NPM_VARIABLES.test(key))), ...extra };
}

class CommandError extends Error {
  constructor(message, output) {
    super(message);
    this.output = output;
  }
}

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-400_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => reject(new CommandError(`${command} could not start (${error.message})`, output)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new CommandError(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`, output));
    });
  });
}

/** Turns an install's output into the one line that says what is missing and what to do. */
export function explainFailure(what, output) {
  if (/ENOSPC|no space left/i.test(output)) return `${what} ran out of disk space; free some space and run again`;
  if (/E404|ETARGET|notarget/.test(output)) return `${what}: the npm registry does not have the pinned version; check the registry configured for npm (npm config get registry)`;
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network|proxy|UNABLE_TO_GET_ISSUER|SELF_SIGNED|certificate/i.test(output)) {
    return `${what} could not download from the npm registry; check network access to it (npm ping; npm's proxy and cafile settings) and run again`;
  }
  if (/gyp ERR!|make: .*not found|g\+\+: .*not found|cc: .*not found|not found: make|find Python|No such file or directory.*python/i.test(output)) {
    return `${what} could not build its native modules; they need a C++ compiler, make and Python 3 (build-essential on Debian, Xcode command line tools on macOS), then run again`;
  }
  if (/EACCES|EPERM|permission denied/i.test(output)) return `${what} was refused permission to write; make ${relative(cacheRoot)} and npm's cache (npm config get cache) writable by you, then run again`;
  return `${what} failed`;
}

/** Removes staging folders left by runs that no longer exist (killed mid-install). */
async function removeLeftovers(dir) {
  const base = path.basename(dir);
  const parent = path.dirname(dir);
  for (const name of await readdir(parent).catch(() => [])) {
    const match = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.staging-(\\d+)$`).exec(name);
    if (!match) continue;
    let alive = true;
    try {
      process.kill(Number(match[1]), 0);
    } catch {
      alive = false;
    }
    if (!alive || Number(match[1]) === process.pid) await rm(path.join(parent, name), { recursive: true, force: true });
  }
  // A folder without its marker is the remains of an older, interrupted layout: start clean.
  if (existsSync(dir) && !isInstalled(dir)) await rm(dir, { recursive: true, force: true });
}

/**
 * Fills `dir` through a staging sibling: `fill(staging)` does the work, the marker is written
 * last and the folder renamed into place. On failure the staging folder is removed, the full log
 * kept beside it, and a PrerequisiteError with one line is thrown.
 */
export async function installInto({ dir, label, fill, log }) {
  if (isInstalled(dir)) return false;
  await mkdir(path.dirname(dir), { recursive: true });
  await removeLeftovers(dir);
  const staging = `${dir}.staging-${process.pid}`;
  const logFile = `${dir}.failed.log`;
  await mkdir(staging, { recursive: true });
  log(`installing ${label} into ${relative(dir)} ...`);
  const started = Date.now();
  try {
    await fill(staging);
    await writeFile(path.join(staging, INSTALLED_MARKER), `${label}\n${new Date().toISOString()}\n`);
    if (isInstalled(dir)) {
      await rm(staging, { recursive: true, force: true }); // another run finished first
    } else {
      await rm(dir, { recursive: true, force: true });
      await rename(staging, dir);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const output = `${error instanceof Error ? error.message : String(error)}\n${error?.output ?? ''}`;
    await writeFile(logFile, output).catch(() => {});
    throw new PrerequisiteError(`${explainFailure(`installing ${label}`, output)} (nothing was left installed; log: ${relative(logFile)})`);
  }
  await rm(logFile, { force: true });
  log(`installed ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

const NPM_QUIET = ['--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel', 'error'];

/** Without its own package.json npm would walk up and install into the project. */
const ownPackageJson = (staging, spec) =>
  writeFile(path.join(staging, 'package.json'), JSON.stringify({ private: true, description: `cache of ${spec}` }) + '\n');

/**
 * code-server's VS Code depends on `kerberos`, a native module used only for Kerberos proxy
 * authentication (loaded when a proxy asks for it). Making it optional lets npm skip it when it
 * cannot be built (no Kerberos headers) instead of failing the whole install.
 */
export async function makeKerberosOptional(vscodeDir) {
  const file = path.join(vscodeDir, 'package.json');
  const manifest = JSON.parse(await readFile(file, 'utf8'));
  const version = manifest.dependencies?.kerberos;
  if (!version) return false;
  delete manifest.dependencies.kerberos;
  manifest.optionalDependencies = { ...manifest.optionalDependencies, kerberos: version };
  await writeFile(file, JSON.stringify(manifest, null, 2) + '\n');
  return true;
}

async function installCodeServer(log) {
  const spec = `code-server@${CODE_SERVER_VERSION}`;
  // Node 24 first on PATH runs npm and code-server's postinstall; nodedir gives node-gyp its headers
  // (otherwise it tries to download them, which fails offline).
  // NODE_USE_SYSTEM_CA: the npm-registry Node trusts only its bundled CAs, unlike distribution
  // builds; behind a proxy with its own CA in the system store it could not reach the registry.
  const env = cleanEnv({
    PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodePackageDir,
    NODE_USE_SYSTEM_CA: '1',
  });
  await installInto({
    dir: codeServerDir,
    label: spec,
    log,
    fill: async (staging) => {
      await ownPackageJson(staging, spec);
      // Scripts wait until VS Code's manifest is adjusted; then `npm rebuild` runs them all,
      // code-server's postinstall (the `npm install` of VS Code's own modules) included.
      await run('npm', ['install', '--ignore-scripts', ...NPM_QUIET, spec], { cwd: staging, env });
      await makeKerberosOptional(path.join(staging, 'node_modules', 'code-server', 'lib', 'vscode'));
      await run('npm', ['rebuild', '--no-audit', '--no-fund'], { cwd: staging, env });
      const entry = path.join(staging, path.relative(codeServerDir, codeServerEntry));
      if (!existsSync(entry)) throw new Error(`${spec} has no ${path.relative(codeServerPackageDir, codeServerEntry)}`);
      if (!existsSync(path.join(staging, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node'))) {
        log('kerberos (Kerberos proxy authentication only) was not built: it needs the Kerberos headers; everything else works');
      }
    },
  });
}

async function installNode(log) {
  const spec = `${NODE_PACKAGE}@${NODE_VERSION}`;
  await installInto({
    dir: nodeDir,
    label: spec,
    log,
    fill: async (staging) => {
      await ownPackageJson(staging, spec);
      await run('npm', ['install', ...NPM_QUIET, spec], { cwd: staging, env: cleanEnv({}) });
    },
  });
}

/** The Chromium to drive the workbench with: see chromium.mjs for the choice. */
async function ensureChromium(log) {
  const choice = chromiumChoice();
  if (choice.kind === 'path') {
    if (!existsSync(choice.path)) throw new PrerequisiteError(`${CHROMIUM_ENV} points at a missing file: ${choice.path}; fix it, or unset it to use the system's or the npm build`);
    return choice.path;
  }
  if (choice.kind === 'system' && choice.path) return choice.path;
  await installInto({
    dir: chromiumDir,
    label: `${CHROMIUM_PACKAGE}@${CHROMIUM_PACKAGE_VERSION} (headless Chromium)`,
    log,
    fill: async (staging) => {
      const tgz = await packChromium(staging, cleanEnv({})).catch((error) => {
        throw new CommandError(error.message, `${error.stderr ?? ''}${error.stdout ?? ''}`);
      });
      checkIntegrity(tgz);
      await unpackChromiumPackage(tgz, staging);
    },
  });
  try {
    await chromiumLaunchOptions(chromiumBinary);
  } catch (error) {
    throw new PrerequisiteError(error instanceof Error ? error.message : String(error));
  }
  return chromiumBinary;
}


/**
 * Installs what is missing and returns the paths the launchers need.
 * @param {{ log?: (line: string) => void, needChromium?: boolean }} [options]
 * @returns {Promise<{ node: string, nodeBinDir: string, codeServerEntry: string, chromium: string | undefined }>}
 */
export async function ensureHost({ log = (line) => console.log(`[host] ${line}`), needChromium = true } = {}) {
  if (!codeServerRunsOn(process.platform, process.arch)) {
    throw new PrerequisiteError(
      `The code-server host is prepared for linux-x64 only (this is ${process.platform}-${process.arch}); tests use the desktop VS Code host there (SAGEMAKER_TEST_HOST=electron)`,
    );
  }
  await installNode(log);
  await installCodeServer(log);
  const chromium = needChromium ? await ensureChromium(log) : undefined;
  return { node: nodeBinary, nodeBinDir, codeServerEntry, chromium };
}

async function main() {
  const started = performance.now();
  try {
    const host = await ensureHost();
    console.log(
      `[host] code-server ${CODE_SERVER_VERSION} on Node ${NODE_VERSION} ready (${(performance.now() - started).toFixed(0)} ms); chromium: ${host.chromium}`,
    );
  } catch (error) {
    console.error(`[host] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof PrerequisiteError ? 3 : 1;
  }
}

// No top-level await: TypeScript callers load this module through a CommonJS transform.
if (process.argv[1] === fileURLToPath(import.meta.url)) void main();
