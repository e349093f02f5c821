import assert from 'node:assert/strict';
import type { ListPage, PageRequest } from '../../../src/core/resources/jobs';
import { installVscodeStub } from '../../bench/studio/vscodeStub';

// The tree modules need `vscode`: a stand-in with tree items and theme icons is enough here.
installVscodeStub();

interface Item {
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  status: string;
}

/** A service with `count` items newest first; tokens are offsets; records every request. */
function fakeService(count: number) {
  const items: Item[] = Array.from({ length: count }, (_, i) => ({ region: 'us-east-1', name: `job-${String(count - i).padStart(3, '0')}`, arn: `arn:${i}`, status: 'Completed' }));
  const requests: PageRequest[] = [];
  let failNext = false;
  return {
    items,
    requests,
    failOnce: () => (failNext = true),
    fetch: (_region: string, request: PageRequest): Promise<ListPage<Item>> => {
      requests.push(request);
      if (failNext) {
        failNext = false;
        return Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
      }
      const matching = items.filter((item) => !request.filter?.nameContains || item.name.includes(request.filter.nameContains));
      const start = Number(request.nextToken ?? 0);
      const page = matching.slice(start, start + request.pageSize);
      const next = start + request.pageSize < matching.length ? String(start + request.pageSize) : undefined;
      return Promise.resolve({ items: page.map((item) => ({ ...item })), nextToken: next, source: 'search', calls: 1, notes: [] });
    },
  };
}

async function setUp(count: number) {
  const { PagedGroupNode, ResourceItemNode } = await import('../../../src/views/training/listNodes');
  const { TransitionPoller } = await import('../../../src/views/tree/poller');
  const { silentLogger } = await import('../../../src/core/util/logger');
  const service = fakeService(count);
  const redraws: unknown[] = [];
  const view = {
    session: { connection: { profile: undefined, region: 'us-east-1', endpoints: {} }, clients: {} },
    log: silentLogger,
    poller: new TransitionPoller(() => undefined),
    refresh: (node?: { invalidate(): void }) => node?.invalidate(),
    redraw: (node?: unknown) => redraws.push(node),
  };
  const group = new PagedGroupNode<Item>(
    {
      key: 'things',
      kind: 'trainingJob',
      label: 'Things',
      icon: 'beaker',
      noun: 'things',
      pageSize: 10,
      statuses: [],
      fetch: service.fetch,
      createNode: (item, parent) =>
        new ResourceItemNode(item, parent, { kind: 'trainingJob', present: (i) => ({ label: i.name, description: i.status, contextValue: 'trainingJob.x' }), transitional: () => false, describe: () => Promise.resolve(undefined) }),
    },
    'us-east-1',
    undefined,
    { view: view as never, prices: { quote: () => undefined, prepare: () => Promise.resolve(), onDidUpdate: () => ({ dispose: () => undefined }) } },
  );
  const names = (rows: ReadonlyArray<{ id: string }>): string[] => rows.map((row) => row.id.split('/').pop()!);
  return { group, service, names };
}

describe('paged lists (Load more, refresh, filter)', () => {
  it('lists the first page on expansion, then exactly the next page on each Load more', async () => {
    const { group, service, names } = await setUp(25);
    const first = await group.children();
    assert.equal(service.requests.length, 1);
    assert.deepEqual(names(first), [...service.items.slice(0, 10).map((i) => i.name), 'loadMore']);
    await group.loadMore();
    assert.equal(service.requests.length, 2);
    assert.deepEqual(service.requests[1], { nextToken: '10', pageSize: 10, filter: {} });
    await group.loadMore();
    const all = await group.children();
    assert.equal(service.requests.length, 3);
    assert.deepEqual(names(all), service.items.map((i) => i.name), 'no Load more once the service has no more');
    await group.loadMore();
    assert.equal(service.requests.length, 3, 'nothing to load');
  });

  it('refreshes as many items as are shown, from the top, updating rows in place', async () => {
    const { group, service } = await setUp(250);
    await group.children();
    for (let i = 0; i < 14; i++) await group.loadMore();
    const before = await group.children();
    assert.equal(group.shownItems.length, 150);
    service.items[3]!.status = 'Stopped';
    service.requests.length = 0;
    group.refresh();
    const after = await group.children();
    assert.equal(group.shownItems.length, 150, 'what was loaded stays loaded');
    assert.deepEqual(
      service.requests.map((request) => [request.nextToken, request.pageSize]),
      [
        [undefined, 100],
        ['100', 50],
      ],
    );
    assert.equal(after[3], before[3], 'the same row object: expansion and caches survive');
    assert.equal((after[3] as unknown as { item: Item }).item.status, 'Stopped');
  });

  it('keeps the rows when Load more fails, says so in the last row, and retries the same page', async () => {
    const { group, service, names } = await setUp(30);
    await group.children();
    service.failOnce();
    await group.loadMore();
    const rows = await group.children();
    assert.equal(rows.length, 11);
    assert.equal(names(rows).at(-1), 'loadMore');
    const item = rows.at(-1)!.treeItem() as { label: string; contextValue: string };
    assert.equal(item.label, 'Could not load more');
    assert.equal(item.contextValue, 'loadMore.failed');
    await group.loadMore();
    assert.deepEqual(
      service.requests.slice(1).map((request) => request.nextToken),
      ['10', '10'],
    );
    assert.equal(group.shownItems.length, 20);
  });

  it('starts over from the first page when the filter changes, and passes the filter on', async () => {
    const { group, service } = await setUp(40);
    await group.children();
    await group.loadMore();
    group.setFilter({ nameContains: ' job-03 ' });
    await group.children();
    assert.deepEqual(service.requests.at(-1), { nextToken: undefined, pageSize: 10, filter: { status: undefined, nameContains: 'job-03' } });
    assert.deepEqual(
      group.shownItems.map((i) => i.name),
      service.items.filter((i) => i.name.includes('job-03')).map((i) => i.name),
    );
    const presentation = group.treeItem() as { description?: string; contextValue?: string };
    assert.match(presentation.description ?? '', /filtered: “job-03”/);
    assert.match(presentation.contextValue ?? '', /\.filtered/);
  });

  it('shows an error row with Retry when the first page fails, and an empty-state row when there is nothing', async () => {
    const { group, service } = await setUp(0);
    service.failOnce();
    const failed = await group.children();
    assert.equal(failed.length, 1);
    assert.match((failed[0]!.treeItem() as { label: string }).label, /^Could not list the things in us-east-1/);
    group.refresh();
    const empty = await group.children();
    assert.equal((empty[0]!.treeItem() as { label: string }).label, 'No things in us-east-1');
  });
});
