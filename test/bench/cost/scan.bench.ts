/**
 * The cost guard's scan across regions: wall time of a 17-region scan with 100 ms added to every
 * call, its ratio to a one-region scan in the same run (regions run concurrently, so the aim is
 * under 2x), and the calls each region costs per scan (counted by the local service).
 *
 *   npx tsx test/bench/cost/scan.bench.ts [--iterations 7] [--latency 100] [--data demo|empty] [--in-process]
 *
 * The local service runs in its own process by default (as AWS does), so its work does not
 * queue behind the scanner's on one event loop. Prints figures; asserts nothing about time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { BillableScanner } from '../../../src/core/cost/billableScan';
import { startEmulator } from '../../emulator/index';
import type { RequestRecord } from '../../emulator/index';
import { testClients, useTestProfile } from '../../unit/cost/support/clients';

const regions17 = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1',
  'eu-north-1', 'eu-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'sa-east-1',
];

/** What the benchmark needs of the local service, in-process or over its control API. */
interface Service {
  readonly url: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  setLatency(ms: number): Promise<void>;
  requests(): Promise<RequestRecord[]>;
  clearRequests(): Promise<void>;
  denySearch(): Promise<void>;
  clearAccess(): Promise<void>;
  stop(): Promise<void>;
}

async function inProcess(data: 'demo' | 'empty'): Promise<Service> {
  const emulator = await startEmulator({ data, regions: regions17, clockSpeed: 0 });
  return {
    url: emulator.url,
    credentials: emulator.credentials,
    setLatency: (ms) => Promise.resolve(emulator.setLatency(ms)),
    requests: () => Promise.resolve(emulator.requests.list({ service: 'sagemaker' })),
    clearRequests: () => Promise.resolve(emulator.requests.clear()),
    denySearch: () => Promise.resolve(emulator.access.deny({ operation: 'sagemaker:Search' })),
    clearAccess: () => Promise.resolve(emulator.access.clear()),
    stop: () => emulator.stop(),
  };
}

async function ownProcess(data: 'demo' | 'empty'): Promise<Service> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/emulator/cli.ts', '--json', '--port', '0', '--data', data, '--regions', regions17.join(','), '--speed', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the local service exited (${code})`)));
  });
  const info = JSON.parse(first) as { url: string; accessKeyId: string; secretAccessKey: string; controlUrl: string };
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const answer = await fetch(`${info.controlUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    if (!answer.ok) throw new Error(`control ${method} ${path}: ${answer.status}`);
    return answer.json();
  };
  return {
    url: info.url,
    credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey },
    setLatency: async (ms) => void (await control('POST', '/latency', { ms })),
    requests: async () => ((await control('GET', '/requests?service=sagemaker')) as { requests: RequestRecord[] }).requests,
    clearRequests: async () => void (await control('DELETE', '/requests')),
    denySearch: async () => void (await control('POST', '/access/deny', { operation: 'sagemaker:Search' })),
    clearAccess: async () => void (await control('DELETE', '/access')),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      iterations: { type: 'string', default: '7' },
      latency: { type: 'string', default: '100' },
      data: { type: 'string', default: 'demo' },
      'in-process': { type: 'boolean', default: false },
    },
  });
  const iterations = Number(values.iterations);
  const latency = Number(values.latency);
  const data = values.data === 'empty' ? 'empty' : 'demo';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Every region seeded alike, so each has running jobs, apps and endpoints to find.
  const service = values['in-process'] ? await inProcess(data) : await ownProcess(data);
  const profile = await useTestProfile(service.credentials);
  try {
    for (const mode of ['Search allowed', 'Search denied (List + Describe)'] as const) {
      await service.clearAccess();
      if (mode !== 'Search allowed') await service.denySearch();
      const clients = await testClients(profile, { endpointUrl: service.url }, 3);
      const scanner = new BillableScanner({ clients });
      // Warm-up without latency: SDK loaded, clients built, endpoint configs cached, as in a running extension.
      await service.setLatency(0);
      await scanner.scan(regions17);
      await service.setLatency(latency);

      const one: number[] = [];
      const all: number[] = [];
      let found = 0;
      await service.clearRequests();
      for (let i = 0; i < iterations; i++) {
        let started = performance.now();
        await scanner.scan(['us-east-1']);
        one.push(performance.now() - started);
        started = performance.now();
        const result = await scanner.scan(regions17);
        all.push(performance.now() - started);
        found = result.resources.length;
      }
      const calls = await service.requests();
      // us-east-1 is in both the one-region and the 17-region scans: two scans per iteration.
      const callsPerScan = regions17.map((region) => calls.filter((call) => call.region === region).length / ((region === 'us-east-1' ? 2 : 1) * iterations));
      const operations = new Map<string, number>();
      for (const call of calls.filter((c) => c.region === 'eu-west-2')) operations.set(call.operation, (operations.get(call.operation) ?? 0) + 1);

      console.log(`\ncost scan, ${mode}, ${latency} ms added per call, ${data} data in every region, ${iterations} iterations, service ${values['in-process'] ? 'in process' : 'in its own process'}`);
      console.log(`  1 region scan:    median ${median(one).toFixed(0)} ms (min ${Math.min(...one).toFixed(0)}, max ${Math.max(...one).toFixed(0)})`);
      console.log(`  17 regions scan:  median ${median(all).toFixed(0)} ms (min ${Math.min(...all).toFixed(0)}, max ${Math.max(...all).toFixed(0)}), ${found} billable resources found`);
      console.log(`  ratio 17 / 1:     ${(median(all) / median(one)).toFixed(2)}x of medians (${(Math.min(...all) / Math.min(...one)).toFixed(2)}x of minimums)`);
      console.log(`  calls per region per scan: min ${Math.min(...callsPerScan).toFixed(1)}, median ${median(callsPerScan).toFixed(1)}, max ${Math.max(...callsPerScan).toFixed(1)}`);
      console.log(`  one region's calls (eu-west-2) per scan: ${[...operations].map(([op, n]) => `${op} ${n / iterations}`).join(', ')}`);
      clients.dispose();
    }
  } finally {
    await service.stop();
    await profile.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
