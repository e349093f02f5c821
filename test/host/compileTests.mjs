// Compiles the integration tests for the extension host: every test/integration/**/*.test.ts and
// the runner index.ts, one bundle each in out/test/integration/ (vscode and node packages stay
// external so node_modules resolves at run time), and the two test-only extensions: the test
// runner (calls run() inside the extension host) and the UI fixture (known UI for the bridge's tests).
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './versions.mjs';

export const testsSourceDir = path.join(repoRoot, 'test', 'integration');
export const testsOutDir = path.join(repoRoot, 'out', 'test', 'integration');
/** Test-only extensions: source folder name under support/ -> output folder. */
const SUPPORT_EXTENSIONS = [
  { source: 'runner-extension', files: ['package.json'] },
  { source: 'fixture-extension', files: ['package.json', 'fixture.svg'] },
];
export const supportExtensionsOutDir = path.join(repoRoot, 'out', 'test', 'extensions');
export const testsIndex = path.join(testsOutDir, 'index.js');

async function findTestFiles(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.endsWith('-extension')) found.push(...(await findTestFiles(full)));
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) found.push(full);
  }
  return found.sort();
}

/** True when a test file's path (relative to test/integration) matches one of the filters. */
export function matchesFileFilter(relativePath, filters) {
  if (filters.length === 0) return true;
  const normalised = relativePath.split(path.sep).join('/');
  return filters.some((filter) => normalised.includes(filter.replace(/\.ts$/, '')));
}

/**
 * @param {{ files?: string[] }} [options] substrings of test file paths to compile (all when empty)
 * @returns {Promise<{ testFiles: string[], index: string, supportExtensions: string[] }>}
 */
export async function compileIntegrationTests({ files = [] } = {}) {
  const allTests = await findTestFiles(testsSourceDir);
  const testFiles = allTests.filter((file) => matchesFileFilter(path.relative(testsSourceDir, file), files));
  if (testFiles.length === 0) {
    throw new Error(
      files.length > 0
        ? `no integration test file matches ${files.join(', ')} (known: ${allTests.map((file) => path.relative(testsSourceDir, file)).join(', ')})`
        : 'no integration test files found in test/integration',
    );
  }
  await rm(testsOutDir, { recursive: true, force: true });
  await rm(supportExtensionsOutDir, { recursive: true, force: true });

  /** @type {esbuild.BuildOptions} */
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  };
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [...testFiles, path.join(testsSourceDir, 'index.ts')],
      outbase: testsSourceDir,
      outdir: testsOutDir,
    }),
    ...SUPPORT_EXTENSIONS.map(({ source }) =>
      esbuild.build({
        ...common,
        entryPoints: [path.join(testsSourceDir, 'support', source, 'extension.ts')],
        outdir: path.join(supportExtensionsOutDir, source),
      }),
    ),
  ]);
  const supportExtensions = [];
  for (const { source, files } of SUPPORT_EXTENSIONS) {
    const outDir = path.join(supportExtensionsOutDir, source);
    await mkdir(outDir, { recursive: true });
    await Promise.all(files.map((name) => copyFile(path.join(testsSourceDir, 'support', source, name), path.join(outDir, name))));
    supportExtensions.push(outDir);
  }
  return { testFiles, index: testsIndex, supportExtensions };
}
