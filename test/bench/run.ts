// `npm run bench [-- <filter>...] [-- <arguments for the benchmarks>]`: runs every
// test/bench/**/*.bench.ts (or those whose path contains one of the filters), each in its own
// Node process, shows their output, and ends with a table of the figures they reported and where
// each stands against its aim. Nothing here asserts on time; the exit code says only whether
// every benchmark ran.
//   npm run bench -- activation              one benchmark
//   npm run bench -- activation -- --runs 3  with arguments for it
//   npm run bench -- --list                  what there is
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { FIGURE_PREFIX, formatValue, type Figure } from './foundation/report';

const benchDir = __dirname;
const repoRoot = path.resolve(benchDir, '..', '..');

function findBenchmarks(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findBenchmarks(full));
    else if (entry.name.endsWith('.bench.ts')) found.push(full);
  }
  return found.sort();
}

interface Result {
  file: string;
  code: number;
  ms: number;
  figures: Figure[];
}

function runBenchmark(file: string, args: string[]): Promise<Result> {
  const started = performance.now();
  const figures: Figure[] = [];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(FIGURE_PREFIX)) {
          const figure = JSON.parse(line.slice(FIGURE_PREFIX.length)) as Figure;
          figures.push(figure);
          console.log(`  → ${figure.name}: ${formatValue(figure.value, figure.unit)}${figure.spread ? ` (${figure.spread})` : ''}`);
        } else console.log(line);
      }
    });
    child.on('close', (code) => {
      if (pending) console.log(pending);
      resolve({ file, code: code ?? 1, ms: performance.now() - started, figures });
    });
  });
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  return [line(rows[0] ?? []), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const split = argv.indexOf('--');
  const own = split >= 0 ? argv.slice(0, split) : argv;
  const passThrough = split >= 0 ? argv.slice(split + 1) : [];
  const all = findBenchmarks(benchDir);
  if (own.includes('--list')) {
    for (const file of all) console.log(path.relative(repoRoot, file));
    return 0;
  }
  const filters = own.filter((arg) => !arg.startsWith('--'));
  const selected = all.filter((file) => filters.length === 0 || filters.some((filter) => path.relative(benchDir, file).includes(filter)));
  if (selected.length === 0) {
    console.error(`no benchmark matches ${filters.join(', ')}; there are: ${all.map((file) => path.relative(benchDir, file)).join(', ')}`);
    return 1;
  }

  const results: Result[] = [];
  for (const file of selected) {
    console.log(`\n━━━ ${path.relative(repoRoot, file)}`);
    results.push(await runBenchmark(file, passThrough));
  }

  const rows = [['benchmark', 'figure', 'value', 'spread', 'aim', 'status']];
  for (const result of results) {
    const name = path.relative(benchDir, result.file).replace(/\.bench\.ts$/, '');
    if (result.figures.length === 0) rows.push([name, result.code === 0 ? '(figures in its output above)' : `(failed: exit ${result.code})`, '', '', '', '']);
    for (const figure of result.figures) {
      const status = figure.aim ? (figure.value <= figure.aim.max ? 'meets the aim' : 'MISSES the aim') : '';
      rows.push([name, figure.name, formatValue(figure.value, figure.unit), figure.spread ?? '', figure.aim?.text ?? '', status]);
    }
  }
  console.log(`\n${table(rows)}`);
  const failed = results.filter((result) => result.code !== 0);
  if (failed.length > 0) console.log(`\n${failed.length} benchmark(s) did not complete: ${failed.map((r) => path.relative(repoRoot, r.file)).join(', ')}`);
  return failed.length === 0 ? 0 : 1;
}

void main().then((code) => {
  process.exitCode = code;
});
