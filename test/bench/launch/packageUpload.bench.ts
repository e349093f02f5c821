/**
 * Packaging and uploading a source folder: `sourcedir.tar.gz` streamed to S3 by the extension,
 * side by side in one run with `tar czf - DIR | aws s3 cp - s3://…` (the AWS CLI on these
 * machines), both against the same local S3 (the local service, in its own process). Reports
 * wall time and peak memory of each, at several folder sizes, and the extension's live memory
 * (resident memory right after garbage collections), to show it does not grow with the folder.
 * Prints figures; asserts nothing about time.
 *
 *   npx tsx test/bench/launch/packageUpload.bench.ts [--sizes 50,200] [--runs 3] [--level 6] [--keep]
 *   (--runs applies to the largest size; the others run once)
 *
 * The folder is generated (seeded, so every run packs the same bytes) and mixes what training
 * code folders hold: CSV and JSON text, source files, model weights and already-compressed files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { median, reportFigure, spreadOf } from '../foundation/report';

const MB = 1024 * 1024;
const projectRoot = join(__dirname, '..', '..', '..');

/** A small deterministic generator, so every run writes the same folder. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function csv(random: () => number, bytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = `${random() < 0.03 ? 1 : 0},${(random() * 900).toFixed(2)},${Math.floor(random() * 24)},${(random() * 80).toFixed(2)},${(random() * 12).toFixed(2)},${(random() * 4).toFixed(4)},${random() < 0.8 ? 1 : 0},${random() < 0.6 ? 1 : 0},0,${Math.floor(random() * 5)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

function pseudoRandom(seed: string, bytes: number): Buffer {
  // Incompressible and reproducible: SHA-256 in counter mode.
  const out = Buffer.alloc(bytes);
  for (let offset = 0, counter = 0; offset < bytes; offset += 32, counter++) {
    createHash('sha256').update(`${seed}:${counter}`).digest().copy(out, offset);
  }
  return out;
}

/** Writes a folder of about `totalMb` MB: 40% CSV, 30% weights, 15% compressed, 15% many small files. */
async function makeFolder(root: string, totalMb: number): Promise<{ files: number; bytes: number }> {
  const random = prng(42);
  let files = 0;
  let bytes = 0;
  const put = async (path: string, content: Buffer): Promise<void> => {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
    files++;
    bytes += content.length;
  };
  const budget = (share: number): number => Math.round(totalMb * MB * share);
  for (let i = 0, written = 0; written < budget(0.4); i++) {
    const content = csv(random, 2 * MB);
    await put(`data/part-${String(i).padStart(4, '0')}.csv`, content);
    written += content.length;
  }
  for (let i = 0, written = 0; written < budget(0.3); i++) {
    const content = pseudoRandom(`weights-${i}`, 10 * MB);
    await put(`checkpoints/layer-${i}.pt`, content);
    written += content.length;
  }
  for (let i = 0, written = 0; written < budget(0.15); i++) {
    const content = gzipSync(csv(random, 5 * MB), { level: 6 });
    await put(`archives/raw-${i}.csv.gz`, content);
    written += content.length;
  }
  for (let i = 0, written = 0; written < budget(0.15); i++) {
    const kind = i % 3;
    const content =
      kind === 0
        ? Buffer.from(`import numpy as np\n\n# module ${i}\n${'def f(x):\n    return np.tanh(x) * 0.5\n'.repeat(200)}`)
        : kind === 1
          ? Buffer.from(JSON.stringify({ id: i, values: Array.from({ length: 400 }, () => random()) }))
          : pseudoRandom(`icon-${i}`, 8 * 1024);
    await put(`src/pkg${Math.floor(i / 100)}/file-${i}.${['py', 'json', 'png'][kind]}`, content);
    written += content.length;
  }
  return { files, bytes };
}

interface Service {
  readonly url: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

/** The local service (with its S3) in its own process, as S3 would be. */
async function startService(): Promise<Service> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/cli.ts', '--json', '--port', '0', '--data', 'empty', '--speed', '0'], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the local service exited (${code})`)));
  });
  const info = JSON.parse(first) as { url: string; accessKeyId: string; secretAccessKey: string };
  return {
    url: info.url,
    credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code: code ?? 1 }));
  });
}

interface Measurement {
  readonly ms: number;
  readonly peakMb: number;
  /** Heap plus buffers in use after collections: median, 95th percentile, maximum (MB). */
  readonly live?: { readonly median: number; readonly p95: number; readonly max: number };
  readonly compressedBytes?: number;
}

async function extension(folder: string, service: Service, key: string, level: number, env: NodeJS.ProcessEnv, mode: 'timed' | 'baseline' | 'live' = 'timed'): Promise<Measurement> {
  const args = [
    ...(mode === 'live' ? ['--expose-gc'] : []),
    '--import',
    'tsx',
    join(__dirname, 'packageUploadWorker.ts'),
    folder,
    service.url,
    'bench',
    key,
    '--level',
    String(level),
    ...(mode === 'baseline' ? ['--baseline'] : mode === 'live' ? ['--live'] : []),
  ];
  const { stdout, stderr, code } = await run(process.execPath, args, env);
  if (code !== 0) throw new Error(`the packaging worker failed: ${stderr}`);
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
    ms: number;
    maxRssKb: number;
    live: { medianKb: number; p95Kb: number; maxKb: number };
    compressedBytes: number;
  };
  return {
    ms: result.ms,
    peakMb: result.maxRssKb / 1024,
    live: { median: result.live.medianKb / 1024, p95: result.live.p95Kb / 1024, max: result.live.maxKb / 1024 },
    compressedBytes: result.compressedBytes,
  };
}

/** `tar czf - DIR | aws s3 cp - s3://…`, each side under GNU time for its peak memory. */
async function awsCli(folder: string, service: Service, key: string, env: NodeJS.ProcessEnv): Promise<Measurement> {
  const script = `set -o pipefail; /usr/bin/time -f 'tar %M' tar czf - -C '${folder}' . | /usr/bin/time -f 'aws %M' aws s3 cp - 's3://bench/${key}' --endpoint-url '${service.url}' --only-show-errors`;
  const started = performance.now();
  const { stderr, code } = await run('bash', ['-c', script], env);
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`tar | aws s3 cp failed: ${stderr}`);
  const peak = (name: string): number => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(stderr)?.[1] ?? Number.NaN) / 1024;
  return { ms, peakMb: peak('tar') + peak('aws') };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: 'string', default: '50,200' }, runs: { type: 'string', default: '3' }, level: { type: 'string', default: '6' }, keep: { type: 'boolean', default: false } },
  });
  const sizes = values.sizes.split(',').map(Number);
  const totalMb = Math.max(...sizes);
  const runs = Number(values.runs);
  const level = Number(values.level);
  const work = await mkdtemp(join(tmpdir(), 'bench-package-'));
  const service = await startService();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: service.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: service.credentials.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(work, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-credentials'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  try {
    const created = await run('aws', ['s3', 'mb', 's3://bench', '--endpoint-url', service.url], env);
    if (created.code !== 0) throw new Error(`could not create the bucket: ${created.stderr}`);
    const baseline = await extension(work, service, 'none', level, env, 'baseline');
    console.log(`extension process baseline (Node, tsx, AWS SDK and clients loaded, nothing packed): ${baseline.peakMb.toFixed(0)} MB peak RSS`);
    for (const size of sizes) {
      const folder = join(work, `source-${size}`);
      const made = await makeFolder(folder, size);
      console.log(`\nfolder of ${(made.bytes / MB).toFixed(0)} MB in ${made.files} files (40% CSV, 30% weights, 15% .gz, 15% small files)`);
      const repeat = size === totalMb ? runs : 1;
      const ours: Measurement[] = [];
      const theirs: Measurement[] = [];
      for (let i = 0; i < repeat; i++) {
        // Alternate the order so neither always runs on a warm page cache second.
        if (i % 2 === 0) {
          ours.push(await extension(folder, service, `ours-${size}-${i}/sourcedir.tar.gz`, level, env));
          theirs.push(await awsCli(folder, service, `cli-${size}-${i}/sourcedir.tar.gz`, env));
        } else {
          theirs.push(await awsCli(folder, service, `cli-${size}-${i}/sourcedir.tar.gz`, env));
          ours.push(await extension(folder, service, `ours-${size}-${i}/sourcedir.tar.gz`, level, env));
        }
        console.log(`  run ${i + 1}: extension ${ours[i]!.ms.toFixed(0)} ms, ${ours[i]!.peakMb.toFixed(0)} MB peak; tar | aws s3 cp ${theirs[i]!.ms.toFixed(0)} ms, ${theirs[i]!.peakMb.toFixed(0)} MB peak (tar + aws)`);
      }
      const live = await extension(folder, service, `live-${size}/sourcedir.tar.gz`, level, env, 'live');
      const kept = live.live!;
      console.log(`  live memory (heap + buffers just after collections, every 100 ms): median ${kept.median.toFixed(0)} MB, 95th percentile ${kept.p95.toFixed(0)} MB, max ${kept.max.toFixed(0)} MB`);
      const label = `${size} MB`;
      const oursMs = ours.map((m) => m.ms);
      const theirsMs = theirs.map((m) => m.ms);
      console.log(`  archive: extension ${((ours[0]!.compressedBytes ?? 0) / MB).toFixed(1)} MB`);
      reportFigure({ name: `package+upload ${label}: extension (median)`, value: median(oursMs), unit: 'ms', spread: spreadOf(oursMs, 'ms', 'runs') });
      reportFigure({ name: `package+upload ${label}: tar czf | aws s3 cp (median)`, value: median(theirsMs), unit: 'ms', spread: spreadOf(theirsMs, 'ms', 'runs') });
      reportFigure({ name: `package+upload ${label}: extension time / CLI time`, value: median(oursMs) / median(theirsMs), unit: 'x', aim: { max: 1, text: '< 1x (faster)' } });
      reportFigure({ name: `package+upload ${label}: extension peak RSS`, value: Math.max(...ours.map((m) => m.peakMb)), unit: 'MB' });
      reportFigure({ name: `package+upload ${label}: extension peak RSS above baseline`, value: Math.max(...ours.map((m) => m.peakMb)) - baseline.peakMb, unit: 'MB' });
      reportFigure({
        name: `package+upload ${label}: extension live memory, median (heap + buffers after GCs)`,
        value: kept.median,
        unit: 'MB',
        spread: `95th percentile ${kept.p95.toFixed(0)}, max ${kept.max.toFixed(0)}`,
      });
      reportFigure({ name: `package+upload ${label}: tar + aws peak RSS`, value: Math.max(...theirs.map((m) => m.peakMb)), unit: 'MB' });
      if (!values.keep) await rm(folder, { recursive: true, force: true });
    }
  } finally {
    await service.stop();
    if (!values.keep) await rm(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
