/**
 * One packaging run in a fresh Node process, so its peak memory is its own: packs a folder into
 * sourcedir.tar.gz and uploads it to s3://<bucket>/<key> at the given endpoint, then prints one
 * JSON line: wall time, bytes, files, and the process's peak resident memory (getrusage).
 *   node [--expose-gc] --import tsx packageUploadWorker.ts <folder> <endpoint> <bucket> <key> [--level 6] [--baseline] [--live]
 * With --baseline it loads everything a run loads (SDK, clients) and uploads nothing. With --live
 * (and --expose-gc) it collects garbage every 100 ms and reports the memory (JavaScript heap plus
 * buffers) still in use just after each collection (median, 95th percentile, maximum): what the
 * run keeps alive, without the garbage V8 lets pile up between collections.
 * Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
 */
import { parseArgs } from 'node:util';
import { ClientFactory } from '../../../src/core/aws/clientFactory';
import { resolveConnection } from '../../../src/core/aws/connection';
import { loadSdk } from '../../../src/core/aws/loadSdk';
import { loadSharedConfig } from '../../../src/core/aws/sharedConfig';
import { uploadSourcePackage } from '../../../src/core/launch/packaging/sourcePackage';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { level: { type: 'string', default: '6' }, baseline: { type: 'boolean', default: false }, live: { type: 'boolean', default: false } },
  });
  const [folder, endpoint, bucket, key] = positionals as [string, string, string, string];
  const env = { ...process.env, AWS_REGION: 'us-east-1' };
  const shared = await loadSharedConfig(env);
  const connection = resolveConnection({ region: 'us-east-1', endpointUrl: endpoint, serviceEndpoints: { s3: endpoint, sts: endpoint } }, env, shared);
  const clients = new ClientFactory({ connection, shared, userAgent: 'sagemaker-companion-bench' });
  await loadSdk();
  await clients.s3('us-east-1');
  const gc = (globalThis as { gc?: () => void }).gc;
  const live: number[] = [];
  const sampler = values.live && gc
    ? setInterval(() => {
        gc();
        const usage = process.memoryUsage();
        live.push((usage.heapUsed + usage.external) / 1024);
      }, 100)
    : undefined;
  const started = performance.now();
  const result = values.baseline
    ? { files: 0, bytes: 0, compressedBytes: 0 }
    : await uploadSourcePackage(clients, 'us-east-1', { directory: folder, target: { bucket, key }, level: Number(values.level) });
  const ms = performance.now() - started;
  clearInterval(sampler);
  clients.dispose();
  live.sort((a, b) => a - b);
  const at = (share: number): number => live[Math.min(live.length - 1, Math.floor(share * live.length))] ?? 0;
  console.log(
    JSON.stringify({
      ms,
      files: result.files,
      bytes: result.bytes,
      compressedBytes: result.compressedBytes,
      maxRssKb: process.resourceUsage().maxRSS,
      live: { medianKb: at(0.5), p95Kb: at(0.95), maxKb: at(1), samples: live.length },
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
