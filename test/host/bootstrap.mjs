// Makes sure the offline VS Code host is installed: Node 24 and code-server, cached in .vscode-test/,
// plus Chromium from the system. Idempotent: a cached install is recognised by its marker file
// without starting any process. Run alone to prefetch: `node test/host/bootstrap.mjs`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import {
  CODE_SERVER_VERSION,
  INSTALLED_MARKER,
  NODE_PACKAGE,
  NODE_VERSION,
  cacheRoot,
  codeServerDir,
  codeServerEntry,
  nodeBinDir,
  nodeBinary,
  nodeDir,
  nodePackageDir,
} from './versions.mjs';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const APT_HINT = 'apt-get update && apt-get install -y chromium libkrb5-dev';

/** A missing system prerequisite: the message says what to install. */
export class PrerequisiteError extends Error {}

/** The Chromium that Playwright drives; `SAGEMAKER_TEST_CHROMIUM` overrides the search. */
export function findChromium() {
  const override = process.env.SAGEMAKER_TEST_CHROMIUM;
  if (override) {
    if (!existsSync(override)) throw new PrerequisiteError(`SAGEMAKER_TEST_CHROMIUM points at a missing file: ${override}`);
    return override;
  }
  const found = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new PrerequisiteError(
      `Chromium was not found (looked for ${CHROMIUM_CANDIDATES.join(', ')}). Install it (as root: ${APT_HINT}) ` +
        'or set SAGEMAKER_TEST_CHROMIUM to a Chromium or Chrome binary.',
    );
  }
  return found;
}

/** code-server's `kerberos` module compiles against the Kerberos headers at install time only. */
function checkKerberosHeaders() {
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/krb5.h')) {
    throw new PrerequisiteError(
      `The Kerberos development headers are missing; code-server cannot be installed without them. Install libkrb5-dev (as root: ${APT_HINT}).`,
    );
  }
}

const isInstalled = (dir) => existsSync(path.join(dir, INSTALLED_MARKER));

/** npm variables inherited from an enclosing `npm run` must not steer the nested installs. */
function cleanEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, ...extra };
}

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code}):\n${output}`));
    });
  });
}

/**
 * Installs one npm package into its own folder under .vscode-test. The install happens in a
 * temporary sibling that is renamed into place at the end, so concurrent or interrupted runs
 * never leave a half-installed folder that looks complete.
 */
async function installPackage({ dir, spec, env, log }) {
  if (isInstalled(dir)) return false;
  await mkdir(cacheRoot, { recursive: true });
  const staging = `${dir}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  // Without its own package.json npm would walk up and install into the project.
  await writeFile(path.join(staging, 'package.json'), JSON.stringify({ private: true, description: `cache of ${spec}` }) + '\n');
  log(`installing ${spec} into ${path.relative(process.cwd(), dir) || dir} ...`);
  const started = Date.now();
  try {
    await run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel', 'error', spec], {
      cwd: staging,
      env,
    });
    await writeFile(path.join(staging, INSTALLED_MARKER), `${spec}\n${new Date().toISOString()}\n`);
    if (isInstalled(dir)) {
      await rm(staging, { recursive: true, force: true }); // another run finished first
    } else {
      await rm(dir, { recursive: true, force: true });
      await rename(staging, dir);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  log(`installed ${spec} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/**
 * Installs what is missing and returns the paths the launchers need.
 * @param {{ log?: (line: string) => void, needChromium?: boolean }} [options]
 * @returns {Promise<{ node: string, nodeBinDir: string, codeServerEntry: string, chromium: string | undefined }>}
 */
export async function ensureHost({ log = (line) => console.log(`[host] ${line}`), needChromium = true } = {}) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new PrerequisiteError(
      `The offline host is prepared for linux-x64 only (this is ${process.platform}-${process.arch}); use SAGEMAKER_TEST_HOST=electron.`,
    );
  }
  const chromium = needChromium ? findChromium() : undefined;

  await installPackage({ dir: nodeDir, spec: `${NODE_PACKAGE}@${NODE_VERSION}`, env: cleanEnv({}), log });

  if (!isInstalled(codeServerDir)) {
    checkKerberosHeaders();
    // Node 24 first on PATH runs npm and code-server's postinstall; nodedir gives node-gyp its headers
    // (otherwise it tries to download them, which fails offline).
    const env = cleanEnv({
      PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: nodePackageDir,
    });
    await installPackage({ dir: codeServerDir, spec: `code-server@${CODE_SERVER_VERSION}`, env, log });
  }
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
