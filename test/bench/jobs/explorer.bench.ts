/**
 * The Training and Inference views at scale (the local service's `scale` data: 10,000 training
 * jobs, 500 endpoints) with latency added to every call: calls and time to the first page and to
 * "Load more", with Search and with Search denied (List + Describe); the memory the view holds
 * after loading 1,000 jobs; and following a training log of 100,000 lines (time, calls, memory).
 * The real tree nodes run (with a stand-in for the `vscode` module).
 *
 *   npx tsx test/bench/jobs/explorer.bench.ts [--iterations 5] [--latency 50] [--log-lines 100000] [--follow-rate 10000]
 *
 * The local service runs in its own process (as AWS does), so its work and its memory are not
 * counted here. Prints figures; asserts nothing about time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RequestRecord } from '../../emulator/index';
import { trainingRequest } from '../../unit/jobs/support/fixtures';
import { testClients, useTestProfile } from '../../unit/cost/support/clients';
import { median, reportFigure, spreadOf } from '../foundation/report';
import { installVscodeStub } from '../studio/vscodeStub';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

interface Service {
  readonly url: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  sagemakerCalls(): Promise<RequestRecord[]>;
  stop(): Promise<void>;
}

async function startService(latency: number): Promise<Service> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/emulator/cli.ts', '--json', '--port', '0', '--data', 'scale', '--speed', '0', '--latency', String(latency)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`the local service exited (${code})`)));
  });
  const info = JSON.parse(first) as { url: string; accessKeyId: string; secretAccessKey: string; controlUrl: string };
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const answer = await fetch(`${info.controlUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    if (!answer.ok) throw new Error(`control ${method} ${path}: ${answer.status} ${await answer.text()}`);
    return answer.json();
  };
  return {
    url: info.url,
    credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey },
    control,
    sagemakerCalls: async () => ((await control('GET', '/requests?service=sagemaker')) as { requests: RequestRecord[] }).requests,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      iterations: { type: 'string', default: '5' },
      latency: { type: 'string', default: '50' },
      'log-lines': { type: 'string', default: '100000' },
      'follow-rate': { type: 'string', default: '10000' },
    },
  });
  const iterations = Number(values.iterations);
  const latency = Number(values.latency);
  const logLines = Number(values['log-lines']);
  const followRate = Number(values['follow-rate']);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  installVscodeStub();
  // View modules load only now, against the stand-in.
  const { TrainingRootNode } = await import('../../../src/views/training/trainingRootNode');
  const { InferenceRootNode } = await import('../../../src/views/inference/inferenceRootNode');
  const { TransitionPoller } = await import('../../../src/views/tree/poller');
  const { BundledPriceCatalog } = await import('../../../src/core/cost/bundledPrices');
  const { silentLogger } = await import('../../../src/core/util/logger');
  const { followLog } = await import('../../../src/core/logs/logFollower');
  const { logSourceFor } = await import('../../../src/core/logs/logSources');
  const { isTerminalJobStatus, jobStatus } = await import('../../../src/core/resources/jobs');
  const { readFile } = await import('node:fs/promises');

  const service = await startService(latency);
  const region = 'us-east-1';
  const profile = await useTestProfile(service.credentials, region);
  const url = service.url;
  const settings = { endpointUrl: url, serviceEndpoints: { logs: url, sts: url, pricing: url, sagemakerRuntime: url } };
  const prices = new BundledPriceCatalog(async () => JSON.parse(await readFile('data/sagemaker-prices.json', 'utf8')) as never);
  await prices.prepare(region);

  type Clients = Awaited<ReturnType<typeof testClients>>;
  /** Just what the nodes use of a view: the session's clients, a log, a poller, refresh and redraw. */
  const viewFor = (clients: Clients) => ({
    session: { clients, connection: clients.connection, isInitialized: true },
    log: silentLogger,
    poller: new TransitionPoller(() => undefined),
    refresh: (node?: { invalidate(): void }) => node?.invalidate(),
    redraw: () => undefined,
  });
  const callsSince = async (): Promise<number> => (await service.sagemakerCalls()).length;
  const clearCalls = (): Promise<unknown> => service.control('DELETE', '/requests');

  console.log(`scale data: 10,000 training jobs and 500 endpoints in ${region}; ${latency} ms added to every call; ${iterations} iterations`);

  // ---------------------------------------------------------------- paging, with and without Search
  for (const mode of ['search', 'listAndDescribe'] as const) {
    if (mode === 'listAndDescribe') await service.control('POST', '/access/deny', { operation: 'sagemaker:Search' });
    const first: number[] = [];
    const more: number[] = [];
    let firstCalls = 0;
    let moreCalls = 0;
    for (let i = 0; i < iterations; i++) {
      // New clients each time: nothing learnt (Search denied) or cached (describes) carries over.
      const clients = await testClients(profile, settings, 3);
      const root = new TrainingRootNode({ view: viewFor(clients) as never, prices });
      const group = (await root.group('trainingJobs'))!;
      await clearCalls();
      let started = performance.now();
      await group.children();
      first.push(performance.now() - started);
      firstCalls = await callsSince();
      await clearCalls();
      started = performance.now();
      await group.loadMore();
      more.push(performance.now() - started);
      moreCalls = await callsSince();
      if (group.shownItems.length !== 100) throw new Error(`expected 100 jobs after Load more, got ${group.shownItems.length}`);
      clients.dispose();
    }
    const label = mode === 'search' ? 'Search' : 'Search denied: List + Describe';
    reportFigure({ name: `training jobs (${label}): first page of 50, time (median)`, value: median(first), unit: 'ms', spread: spreadOf(first, 'ms', 'runs') });
    reportFigure({ name: `training jobs (${label}): first page of 50, AWS calls`, value: firstCalls, unit: 'count' });
    reportFigure({ name: `training jobs (${label}): Load more (next 50), time (median)`, value: median(more), unit: 'ms', spread: spreadOf(more, 'ms', 'runs') });
    reportFigure({ name: `training jobs (${label}): Load more (next 50), AWS calls`, value: moreCalls, unit: 'count' });
    if (mode === 'listAndDescribe') await service.control('DELETE', '/access');
  }

  // ---------------------------------------------------------------- endpoints: first page
  {
    const times: number[] = [];
    let calls = 0;
    for (let i = 0; i < iterations; i++) {
      const clients = await testClients(profile, settings, 3);
      const root = new InferenceRootNode({ view: viewFor(clients) as never, prices });
      const group = (await root.group('endpoints'))!;
      await clearCalls();
      const started = performance.now();
      await group.children();
      times.push(performance.now() - started);
      calls = await callsSince();
      clients.dispose();
    }
    reportFigure({ name: 'endpoints: first page of 50 with variants (Search + one describe per new config), time (median)', value: median(times), unit: 'ms', spread: spreadOf(times, 'ms', 'runs') });
    reportFigure({ name: 'endpoints: first page of 50, AWS calls', value: calls, unit: 'count' });
  }

  // ---------------------------------------------------------------- memory after 1,000 jobs
  {
    const clients = await testClients(profile, settings, 3);
    await testClients(profile, settings, 3); // warm the module caches outside the measurement
    const before = heapMb();
    const root = new TrainingRootNode({ view: viewFor(clients) as never, prices });
    const group = (await root.group('trainingJobs'))!;
    let rows = await group.children();
    while (group.shownItems.length < 1_000) {
      await group.loadMore();
      rows = await group.children();
    }
    // What the tree asks for: a tree item (presentation, tooltip) for every row.
    for (const row of rows) row.treeItem();
    const after = heapMb();
    reportFigure({ name: 'memory held by the Training view after loading 1,000 jobs (heap, after GC)', value: after - before, unit: 'MB' });
    reportFigure({ name: 'memory per loaded job row', value: ((after - before) * 1024 * 1024) / group.shownItems.length, unit: 'bytes' });
    const usage = process.memoryUsage();
    reportFigure({ name: 'whole process after loading 1,000 jobs (stand-in extension host: SDK, nodes, tree items): heap used', value: usage.heapUsed / 1024 / 1024, unit: 'MB' });
    reportFigure({ name: 'whole process after loading 1,000 jobs: resident set size', value: usage.rss / 1024 / 1024, unit: 'MB' });
    if (rows.length < 1_000) throw new Error('not all rows loaded');
    clients.dispose();
  }

  // ---------------------------------------------------------------- a 100,000-line log
  const clients = await testClients(profile, settings, 3);
  const nowMs = ((await service.control('GET', '/clock')) as { nowMs: number }).nowMs;
  const putJob = async (name: string): Promise<void> => {
    await service.control('POST', `/state/${region}/trainingJob`, { request: trainingRequest(name), options: { createdAt: nowMs - 4 * 60_000 } });
  };

  /** Follows a job's log until `lines` lines arrived; what an output channel would be sent is counted, not kept. */
  const follow = async (
    name: string,
    lines: number,
    virtualNow?: () => number,
  ): Promise<{ ms: number; calls: number; peakMb: number; heldMb: number; appendedBytes: number; rewriteBytes: number; batches: number; lags: number[] }> => {
    const abort = new AbortController();
    const baseline = heapMb();
    let peak = baseline;
    let received = 0;
    let appendedBytes = 0;
    let rewriteBytes = 0;
    let batches = 0;
    const lags: number[] = [];
    await clearCalls();
    const started = performance.now();
    const result = followLog({
      clients,
      region,
      source: logSourceFor('trainingJob', name),
      follow: true,
      signal: abort.signal,
      isLive: async () => !isTerminalJobStatus(await jobStatus(clients, 'trainingJob', region, name)),
      onLines: (batch) => {
        // Formatted as the log view writes them; an output channel is sent each batch once.
        const text = batch.map((line) => `${new Date(line.timestamp).toISOString().replace('T', ' ').slice(0, 23)} ${line.message}`).join('\n') + '\n';
        appendedBytes += text.length;
        // A virtual document would hand the editor its whole text again on every change.
        rewriteBytes += appendedBytes;
        batches++;
        received += batch.length;
        // How far behind the job the view is: the service's time now minus the newest line's time.
        if (virtualNow) lags.push(virtualNow() - batch[batch.length - 1]!.timestamp);
        peak = Math.max(peak, process.memoryUsage().heapUsed / 1024 / 1024);
        if (received >= lines) abort.abort();
      },
    });
    const outcome = await result;
    const ms = performance.now() - started;
    if (outcome.lines < lines) throw new Error(`only ${outcome.lines} lines arrived`);
    const calls = (await service.sagemakerCalls()).length + ((await service.control('GET', '/requests?service=logs')) as { requests: unknown[] }).requests.length;
    return { ms, calls, peakMb: peak - baseline, heldMb: heapMb() - baseline, appendedBytes, rewriteBytes, batches, lags };
  };

  // Catching up: the job has already printed every line.
  await putJob('bench-log-catch-up');
  await service.control('POST', '/clock/advance', { ms: 0 });
  const emitted = (await service.control('POST', '/logs/emit', { trainingJobName: 'bench-log-catch-up', lines: logLines, ratePerSecond: 100_000 })) as { lastLineAt: number };
  await service.control('POST', '/clock/advance', { ms: emitted.lastLineAt - nowMs + 60_000 });
  const catchUp = await follow('bench-log-catch-up', logLines);
  console.log(`catching up on ${logLines} lines: ${catchUp.batches} batches`);
  reportFigure({ name: `log of ${logLines} lines already written: time to read and hand over every line`, value: catchUp.ms, unit: 'ms' });
  reportFigure({ name: `log of ${logLines} lines already written: AWS calls`, value: catchUp.calls, unit: 'count' });
  reportFigure({ name: `log of ${logLines} lines already written: peak extra heap while reading`, value: catchUp.peakMb, unit: 'MB' });
  reportFigure({ name: `log of ${logLines} lines already written: heap still held afterwards`, value: catchUp.heldMb, unit: 'MB' });
  reportFigure({ name: `log of ${logLines} lines: text sent to an output channel (appends)`, value: catchUp.appendedBytes, unit: 'bytes' });
  reportFigure({ name: `log of ${logLines} lines: text a virtual document would resend (whole text per change)`, value: catchUp.rewriteBytes, unit: 'bytes' });

  // Following: the job prints the lines while we watch (virtual clock at 1x).
  await putJob('bench-log-follow');
  await service.control('POST', '/logs/emit', { trainingJobName: 'bench-log-follow', lines: logLines, ratePerSecond: followRate });
  const atSpeedChange = (await service.control('POST', '/clock/speed', { speed: 1 })) as { nowMs: number };
  const realAtSpeedChange = Date.now();
  const followed = await follow('bench-log-follow', logLines, () => atSpeedChange.nowMs + (Date.now() - realAtSpeedChange));
  await service.control('POST', '/clock/speed', { speed: 0 });
  const printing = (logLines / followRate) * 1000;
  console.log(`following ${logLines} lines printed at ${followRate}/s (${(printing / 1000).toFixed(0)} s of printing): ${followed.batches} batches`);
  reportFigure({ name: `following ${logLines} lines printed at ${followRate} lines/s: time until the last line was shown`, value: followed.ms, unit: 'ms', spread: `the job printed for ${printing.toFixed(0)} ms` });
  reportFigure({
    name: `following ${logLines} lines: lag behind the job when a batch is shown (median)`,
    value: median(followed.lags),
    unit: 'ms',
    spread: spreadOf(followed.lags, 'ms', 'batches'),
  });
  reportFigure({ name: `following ${logLines} lines: AWS calls`, value: followed.calls, unit: 'count' });
  reportFigure({ name: `following ${logLines} lines: peak extra heap`, value: followed.peakMb, unit: 'MB' });
  reportFigure({ name: `following ${logLines} lines: text a virtual document would resend`, value: followed.rewriteBytes, unit: 'bytes', spread: `vs ${(followed.appendedBytes / 1024 / 1024).toFixed(1)} MB appended to an output channel` });

  clients.dispose();
  await profile.dispose();
  await service.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
