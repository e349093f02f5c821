import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import type { ResourceChange } from '../../../src/platform/resourceEvents';
import { silentLogger } from '../../../src/core/util/logger';
import type { ExplorerNode, RefreshableNode } from '../../../src/views/tree/explorerNode';
import { ManualTimers } from '../support/manualTimers';

// ContainerNode has no runtime vscode import; loaded lazily like the other view tests.
async function bed() {
  const { ContainerNode } = await import('../../../src/views/tree/containerNode');
  const { ChangeFollower, changeBurstMs } = await import('../../../src/views/tree/changeFollower');
  const { TransitionPoller } = await import('../../../src/views/tree/poller');
  const timers = new ManualTimers();
  const settled: string[] = [];
  const view = {
    session: { connection: { profile: undefined, region: 'us-east-1', endpoints: {} }, clients: {} },
    log: silentLogger,
    poller: new TransitionPoller(() => undefined, [3_000], timers),
    refresh: (node?: RefreshableNode) => node?.invalidate(),
    redraw: () => undefined,
  };

  /** A list of one kind in one region; its children are whatever the test gives it. */
  class KindList extends ContainerNode {
    constructor(
      id: string,
      parent: ExplorerNode | undefined,
      private readonly kind: ResourceChange['kind'] | undefined,
      private readonly rows: () => ExplorerNode[],
    ) {
      super(id, parent, view as never);
    }
    treeItem(): vscode.TreeItem {
      return { label: this.id };
    }
    protected get listAction(): string {
      return `list ${this.id}`;
    }
    protected loadChildren(): Promise<ExplorerNode[]> {
      return Promise.resolve(this.rows());
    }
    override showsChange(change: ResourceChange): boolean {
      return (this.kind !== undefined && change.kind === this.kind && change.region === 'us-east-1') || super.showsChange(change);
    }
    override settle(): void {
      settled.push(this.id);
      super.settle();
    }
  }

  const jobs = new KindList('us-east-1/group/trainingJobs', undefined, 'trainingJob', () => []);
  const endpoints = new KindList('us-east-1/group/endpoints', undefined, 'endpoint', () => []);
  const ana = new KindList('us-east-1/domain/d-1/userProfile/ana', undefined, undefined, () => []);
  const ben = new KindList('us-east-1/domain/d-1/userProfile/ben', undefined, undefined, () => []);
  const root = new KindList('root', undefined, undefined, () => [jobs, endpoints, ana, ben]);
  const follower = new ChangeFollower(() => root, timers);
  return { root, jobs, endpoints, ana, ben, follower, timers, settled, changeBurstMs, poller: view.poller };
}

describe('one mechanism refreshes what an action changed', () => {
  it('settles each loaded list that shows a change once per burst, after the burst', async () => {
    const { root, jobs, endpoints, follower, timers, settled, changeBurstMs, poller } = await bed();
    await root.children();
    await jobs.children();
    await endpoints.children();
    follower.follow({ region: 'us-east-1', kind: 'trainingJob', name: 'a' });
    follower.follow({ region: 'us-east-1', kind: 'trainingJob', name: 'b' });
    follower.follow({ region: 'us-east-1', kind: 'endpoint', name: 'e' });
    assert.deepEqual(settled, [], 'nothing before the burst ends');
    timers.advance(changeBurstMs);
    assert.deepEqual(settled, ['us-east-1/group/trainingJobs', 'us-east-1/group/endpoints']);
    assert.deepEqual(poller.trackedIds.sort(), ['us-east-1/group/endpoints', 'us-east-1/group/trainingJobs'], 'settled lists are polled until they settle');
  });

  it('leaves alone lists nobody expanded, other regions and other kinds', async () => {
    const { root, jobs, follower, settled } = await bed();
    await root.children();
    follower.follow({ region: 'us-east-1', kind: 'trainingJob', name: 'a' });
    follower.follow({ region: 'eu-west-1', kind: 'endpoint', name: 'e' });
    assert.deepEqual(follower.flush(), []);
    await jobs.children();
    follower.follow({ region: 'us-east-1', kind: 'model', name: 'm' });
    follower.follow({ region: 'eu-west-1', kind: 'trainingJob', name: 'a' });
    assert.deepEqual(follower.flush(), []);
    assert.deepEqual(settled, []);
  });

  it('settles exactly the row the actor named as the one listing the resource', async () => {
    const { root, ana, ben, follower } = await bed();
    await root.children();
    await ana.children();
    await ben.children();
    follower.follow({ region: 'us-east-1', kind: 'app', name: 'default', listedUnder: 'us-east-1/domain/d-1/userProfile/ben' });
    assert.deepEqual(follower.flush(), ['us-east-1/domain/d-1/userProfile/ben']);
  });

  it('forgets pending changes when disposed', async () => {
    const { root, jobs, follower, timers, settled, changeBurstMs } = await bed();
    await root.children();
    await jobs.children();
    follower.follow({ region: 'us-east-1', kind: 'trainingJob', name: 'a' });
    follower.dispose();
    timers.advance(changeBurstMs * 2);
    assert.deepEqual(settled, []);
    assert.equal(timers.scheduled, 0);
  });
});
