/**
 * What expanding the Studio and Notebook Instances views costs: calls (counted by the local
 * service) and wall time per expansion, with latency added to every call. The real tree nodes
 * are expanded (with a stand-in for the `vscode` module), so the figures include anything the
 * nodes do, not only the core listings.
 *
 *   npx tsx test/bench/studio/explorer.bench.ts [--iterations 5] [--latency 50] [--data scale|synthetic]
 *
 * `scale` is the local service's scale data; when it holds no Studio domain (or with
 * `--data synthetic`) a large domain is generated here instead, and the output says so.
 * Prints figures; asserts nothing about time.
 */
import { parseArgs } from 'node:util';
import { startEmulator, type Emulator } from '../../emulator/index';
import { testClients, useTestProfile } from '../../unit/cost/support/clients';
import { installVscodeStub } from './vscodeStub';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const role = 'arn:aws:iam::123456789012:role/SageMakerExecution';

/** One domain of 400 profiles, each with a private JupyterLab space; 60 shared spaces; about 750 apps. */
function seedSyntheticStudio(emulator: Emulator, region: string): void {
  const { state } = emulator;
  const now = emulator.clock.now().getTime();
  const arn = state.put('domain', region, { DomainName: 'scale-research', AuthMode: 'IAM', DefaultUserSettings: { ExecutionRole: role } }, { status: 'InService', createdAt: now - 90 * 86_400_000 });
  const DomainId = arn.split('/').pop()!;
  const put = (kind: 'userProfile' | 'space' | 'app', request: Record<string, unknown>, status: string): void => {
    state.put(kind, region, { DomainId, ...request }, { status, createdAt: now - 86_400_000 });
  };
  for (let i = 0; i < 400; i++) {
    const user = `user-${String(i).padStart(3, '0')}`;
    put('userProfile', { UserProfileName: user }, 'InService');
    put('space', { SpaceName: `${user}-lab`, SpaceSettings: { AppType: 'JupyterLab' }, SpaceSharingSettings: { SharingType: 'Private' }, OwnershipSettings: { OwnerUserProfileName: user } }, 'InService');
    put('app', { SpaceName: `${user}-lab`, AppType: 'JupyterLab', AppName: 'default', ResourceSpec: { InstanceType: 'ml.t3.medium' } }, i % 3 === 0 ? 'Deleted' : 'InService');
    if (i % 2 === 0) put('app', { UserProfileName: user, AppType: 'JupyterServer', AppName: 'default' }, 'InService');
    if (i % 4 === 0) put('app', { UserProfileName: user, AppType: 'KernelGateway', AppName: `datascience-${i}`, ResourceSpec: { InstanceType: 'ml.m5.large' } }, 'InService');
  }
  for (let i = 0; i < 60; i++) {
    put('space', { SpaceName: `team-${i}`, SpaceSettings: { AppType: 'CodeEditor' }, SpaceSharingSettings: { SharingType: 'Shared' }, OwnershipSettings: { OwnerUserProfileName: 'user-000' } }, 'InService');
    put('app', { SpaceName: `team-${i}`, AppType: 'CodeEditor', AppName: 'default', ResourceSpec: { InstanceType: 'ml.t3.large' } }, 'InService');
  }
  for (let i = 0; i < 150; i++) {
    state.put('notebookInstance', region, { NotebookInstanceName: `notebook-${i}`, InstanceType: 'ml.t3.medium', RoleArn: role }, { status: i % 2 ? 'InService' : 'Stopped' });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { iterations: { type: 'string', default: '5' }, latency: { type: 'string', default: '50' }, data: { type: 'string', default: 'scale' } },
  });
  const iterations = Number(values.iterations);
  const latency = Number(values.latency);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  installVscodeStub();
  // View modules load only now, against the stand-in.
  const { StudioRootNode } = await import('../../../src/views/studio/studioRootNode');
  const { DomainNode } = await import('../../../src/views/studio/domainNode');
  const { UserProfileNode } = await import('../../../src/views/studio/userProfileNode');
  const { SpaceNode } = await import('../../../src/views/studio/spaceNode');
  const { NotebookRootNode } = await import('../../../src/views/notebooks/notebookRootNode');
  const { ViewFilter } = await import('../../../src/views/studio/viewFilter');
  const { TransitionPoller } = await import('../../../src/views/tree/poller');
  const { BundledPriceCatalog } = await import('../../../src/core/cost/bundledPrices');
  const { silentLogger } = await import('../../../src/core/util/logger');
  const { readFile } = await import('node:fs/promises');

  const emulator = await startEmulator({ data: values.data === 'synthetic' ? 'empty' : 'scale', clockSpeed: 0 });
  const region = emulator.regions[0] ?? 'us-east-1';
  let data = values.data === 'synthetic' ? 'synthetic' : 'scale';
  if (emulator.state.counts(region).domain === 0) {
    seedSyntheticStudio(emulator, region);
    if (data === 'scale') data = 'synthetic (the scale data holds no Studio domain)';
  }
  const profile = await useTestProfile(emulator.credentials, region);
  const clients = await testClients(profile, { endpointUrl: emulator.url }, 3);
  try {
    const memento = { get: () => undefined, update: () => Promise.resolve(), keys: () => [] };
    const poller = new TransitionPoller(() => undefined);
    const view = {
      session: { clients, connection: clients.connection, isInitialized: true },
      log: silentLogger,
      poller,
      refresh: () => undefined,
      redraw: () => undefined,
    };
    const prices = new BundledPriceCatalog(async () => JSON.parse(await readFile('data/sagemaker-prices.json', 'utf8')) as never);
    const deps = { view: view as never, prices, filter: new ViewFilter('sagemaker.studio', memento as never) };
    const counts = emulator.state.counts(region);

    /** Expands a node `iterations` times (the first at no latency, as a warm-up) and reports calls and time. */
    const measure = async <T>(what: string, expand: () => Promise<T>, describe: (result: T) => string): Promise<T> => {
      emulator.setLatency(0);
      let result = await expand();
      emulator.setLatency(latency);
      const times: number[] = [];
      emulator.requests.clear();
      for (let i = 0; i < iterations; i++) {
        const started = performance.now();
        result = await expand();
        times.push(performance.now() - started);
      }
      const calls = emulator.requests.list({ service: 'sagemaker' });
      const byOperation = new Map<string, number>();
      for (const call of calls) byOperation.set(call.operation, (byOperation.get(call.operation) ?? 0) + 1);
      const perExpansion = [...byOperation].map(([operation, n]) => `${operation} ${n / iterations}`).join(', ');
      console.log(`  ${what}: ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); ${describe(result)}`);
      console.log(`    calls per expansion: ${calls.length / iterations} (${perExpansion})`);
      return result;
    };
    /** A fresh node each time, as after a refresh: its children are not cached. */
    const fresh = async <N extends { invalidate(): void; children(): Promise<unknown[]> }>(node: N): Promise<unknown[]> => {
      node.invalidate();
      return node.children();
    };

    console.log(`\nStudio explorer, ${data} data (${counts.domain} domains, ${counts.userProfile} user profiles, ${counts.space} spaces, ${counts.app} apps, ${counts.notebookInstance} notebook instances), ${latency} ms added per call, ${iterations} iterations (medians)`);
    const root = new StudioRootNode(deps);
    const domains = (await measure('show the domains (root)', () => fresh(root), (rows) => `${rows.length} rows`)).filter((node) => node instanceof DomainNode);
    // The domain with the most rows under it (listed once, before measuring).
    let largest = domains[0];
    let largestRows = -1;
    for (const domain of domains) {
      const rows = (await domain.children()).length;
      if (rows > largestRows) [largest, largestRows] = [domain, rows];
    }
    if (!largest) throw new Error('no domain to expand');
    const children = await measure(`expand domain ${largest.domain.name} (its profiles and shared spaces)`, () => fresh(largest), (rows) => `${rows.length} rows`);
    const profiles = children.filter((node) => node instanceof UserProfileNode);
    const withSpaces = profiles.find((node) => node.privateSpaces.length > 0) ?? profiles[0];
    if (withSpaces) {
      const profileChildren = await measure(`expand user profile ${withSpaces.profile.name} (its private spaces and apps)`, () => fresh(withSpaces), (rows) => `${rows.length} rows`);
      const space = profileChildren.find((node) => node instanceof SpaceNode);
      if (space) await measure(`expand private space ${space.space.name} (its apps)`, () => fresh(space), (rows) => `${rows.length} rows`);
    }
    // The alternative design, for comparison: one paged ListApps for the whole domain at once.
    const { listApps } = await import('../../../src/core/resources/apps');
    await measure(`alternative: ListApps for all of ${largest.domain.name} at once`, () => listApps(clients, region, { domainId: largest.domain.id }), (apps) => `${apps.length} apps`);
    console.log(`\nNotebook instances`);
    const notebooks = new NotebookRootNode({ ...deps, filter: new ViewFilter('sagemaker.notebookInstances', memento as never) });
    await measure('show the notebook instances (root)', () => fresh(notebooks), (rows) => `${rows.length} rows`);
    poller.dispose();
  } finally {
    clients.dispose();
    await emulator.stop();
    await profile.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
