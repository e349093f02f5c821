import { strict as assert } from 'node:assert';
import { TransitionPoller } from '../../../src/views/tree/poller';
import { ManualTimers } from '../support/manualTimers';
import type { RefreshableNode } from '../../../src/views/tree/explorerNode';

function node(id: string): RefreshableNode & { detachedFlag: boolean } {
  return {
    id,
    parent: undefined,
    detachedFlag: false,
    get detached() {
      return this.detachedFlag;
    },
    treeItem: () => {
      throw new Error('not drawn in this test');
    },
    children: () => Promise.resolve([]),
    invalidate: () => undefined,
    refresh: () => undefined,
  };
}

describe('transition poller', () => {
  let timers: ManualTimers;
  let refreshed: string[];
  let poller: TransitionPoller;

  beforeEach(() => {
    timers = new ManualTimers();
    refreshed = [];
    poller = new TransitionPoller((n) => refreshed.push(n.id), [1000, 2000, 4000], timers);
  });

  it('refreshes a moving list after the first delay, then backs off', () => {
    poller.setVisible(true);
    const apps = node('apps');
    poller.track(apps, true);
    timers.advance(999);
    assert.deepEqual(refreshed, []);
    timers.advance(1);
    assert.deepEqual(refreshed, ['apps']);
    poller.track(apps, true); // it loaded again and still moves
    timers.advance(1999);
    assert.equal(refreshed.length, 1);
    timers.advance(1);
    assert.equal(refreshed.length, 2);
    poller.track(apps, true);
    poller.track(apps, true); // capped at the last delay
    timers.advance(4000);
    assert.equal(refreshed.length, 3);
  });

  it('stops once the list has settled', () => {
    poller.setVisible(true);
    const apps = node('apps');
    poller.track(apps, true);
    poller.track(apps, false);
    timers.advance(10_000);
    assert.deepEqual(refreshed, []);
    assert.deepEqual(poller.trackedIds, []);
  });

  it('does not poll while the view is hidden, and catches up when shown', () => {
    const apps = node('apps');
    poller.track(apps, true);
    timers.advance(60_000);
    assert.deepEqual(refreshed, []);
    assert.equal(timers.scheduled, 0);
    poller.setVisible(true);
    assert.deepEqual(refreshed, ['apps']);
    poller.setVisible(false);
    timers.advance(60_000);
    assert.deepEqual(refreshed, ['apps']);
  });

  it('starts again from the quickest delay after a user action', () => {
    poller.setVisible(true);
    const apps = node('apps');
    poller.track(apps, true);
    poller.track(apps, true);
    poller.track(apps, true);
    poller.kick(apps);
    timers.advance(1000);
    assert.deepEqual(refreshed, ['apps']);
  });

  it('drops lists that were replaced by a fresh listing of their parent', () => {
    poller.setVisible(true);
    const apps = node('apps');
    poller.track(apps, true);
    apps.detachedFlag = true;
    timers.advance(1000);
    assert.deepEqual(refreshed, []);
    assert.deepEqual(poller.trackedIds, []);
  });
});
