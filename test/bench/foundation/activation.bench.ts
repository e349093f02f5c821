// Activation of the extension in the real VS Code host (code-server), on fresh windows: the time
// of code loading + activate() measured in the extension host, VS Code's own activation figure,
// and the extension host's memory before and after. Aim: activation under 50 ms.
//   npm run bench -- activation [-- --runs 5] [--build dev|release]
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { ensureHost } from '../../host/bootstrap.mjs';
import { startHostSession } from '../../host/hostSession.mjs';
import { cleanupAll, installCleanupHandlers } from '../../host/processes.mjs';
import { PROBE_PREFIX, type ProbeResult } from './probeResult';
import { npm, repoRoot, withReleaseBuild } from './build';
import { median, reportFigure, spreadOf } from './report';

const outDir = path.join(repoRoot, 'out', 'bench');
const runnerSource = path.join(repoRoot, 'test', 'integration', 'support', 'runner-extension');
const MB = 1024 * 1024;

/** The probe and the test-runner extension, compiled into out/bench (apart from the tests' out/test). */
async function compile(): Promise<{ probe: string; runner: string }> {
  const common: esbuild.BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], packages: 'external', logLevel: 'warning' };
  const runner = path.join(outDir, 'extensions', 'runner-extension');
  mkdirSync(runner, { recursive: true });
  await esbuild.build({ ...common, entryPoints: [path.join(__dirname, 'activationProbe.ts')], outfile: path.join(outDir, 'activationProbe.js') });
  await esbuild.build({ ...common, entryPoints: [path.join(runnerSource, 'extension.ts')], outfile: path.join(runner, 'extension.js') });
  copyFileSync(path.join(runnerSource, 'package.json'), path.join(runner, 'package.json'));
  return { probe: path.join(outDir, 'activationProbe.js'), runner };
}

async function measure(runs: number): Promise<ProbeResult[]> {
  const host = await ensureHost({ log: (line) => console.log(`[host] ${line}`) });
  const { probe, runner } = await compile();
  const results: ProbeResult[] = [];
  for (let index = 1; index <= runs; index++) {
    let result: ProbeResult | undefined;
    const session = await startHostSession({
      host,
      module: probe,
      supportExtensions: [runner],
      print: () => {}, // the extension's own log is not the point here
      onOutput: (_level, text) => {
        for (const line of text.split('\n')) if (line.startsWith(PROBE_PREFIX)) result = JSON.parse(line.slice(PROBE_PREFIX.length)) as ProbeResult;
      },
    });
    const { code } = await session.done;
    await session.close();
    if (code !== 0 || !result) throw new Error(`fresh start ${index} reported nothing (exit ${code})`);
    if (result.wasActive) throw new Error(`fresh start ${index}: the extension was active before the probe ran`);
    console.log(
      `start ${index}: activate() ${result.activateMs.toFixed(1)} ms; VS Code says ${result.vscodeMs ?? '?'} ms; ` +
        `rss ${(result.before.rss / MB).toFixed(1)} -> ${(result.after.rss / MB).toFixed(1)} MB`,
    );
    if (result.vscodeMs === undefined) console.log(`  (VS Code's figure: ${result.vscodeText ?? 'not found'})`);
    results.push(result);
  }
  return results;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, build: { type: 'string', default: 'release' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  installCleanupHandlers();
  const release = values.build !== 'dev';
  const results = await withReleaseBuild(
    () => measure(runs),
    () => void npm(['run', '--silent', release ? 'build:release' : 'build']),
  );
  const build = release ? 'release build' : 'development build';

  const activate = results.map((result) => result.activateMs);
  reportFigure({ name: `activation: code loading + activate(), in the host (${build}, median)`, value: median(activate), unit: 'ms', spread: spreadOf(activate, 'ms', 'fresh starts'), aim: { max: 50, text: '< 50 ms' } });
  const vscodeTimes = results.map((result) => result.vscodeMs).filter((ms): ms is number => ms !== undefined);
  if (vscodeTimes.length > 0) {
    reportFigure({ name: "activation: VS Code's Running Extensions figure (median)", value: median(vscodeTimes), unit: 'ms', spread: spreadOf(vscodeTimes, 'ms', 'fresh starts'), aim: { max: 50, text: '< 50 ms' } });
  }
  const rssBefore = results.map((result) => result.before.rss / MB);
  const rssAfter = results.map((result) => result.after.rss / MB);
  const heapBefore = results.map((result) => result.before.heapUsed / MB);
  const heapAfter = results.map((result) => result.after.heapUsed / MB);
  reportFigure({ name: 'extension host rss before activation (median)', value: median(rssBefore), unit: 'MB', spread: spreadOf(rssBefore, 'MB', 'starts') });
  reportFigure({ name: 'extension host rss after activation (median)', value: median(rssAfter), unit: 'MB', spread: spreadOf(rssAfter, 'MB', 'starts') });
  reportFigure({ name: 'extension host heap used before activation (median)', value: median(heapBefore), unit: 'MB', spread: spreadOf(heapBefore, 'MB', 'starts') });
  reportFigure({ name: 'extension host heap used after activation (median)', value: median(heapAfter), unit: 'MB', spread: spreadOf(heapAfter, 'MB', 'starts') });
  const heapDelta = results.map((result) => (result.after.heapUsed - result.before.heapUsed) / MB);
  reportFigure({ name: 'heap growth across activation (median)', value: median(heapDelta), unit: 'MB', spread: spreadOf(heapDelta, 'MB', 'starts') });
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  })
  .finally(() => void cleanupAll());
