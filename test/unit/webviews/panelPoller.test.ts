import { strict as assert } from 'node:assert';
import { PanelPoller, type PanelLoad } from '../../../src/webviews/panelPoller';
import { ManualTimers } from '../support/manualTimers';

/** Lets the describe promises the timers started run to their end. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const delays = [1_000, 2_000, 4_000];

function setup(answers: Array<PanelLoad | Error>): { poller: PanelPoller; timers: ManualTimers; calls: () => number; failures: unknown[] } {
  const timers = new ManualTimers();
  const failures: unknown[] = [];
  let calls = 0;
  const poller = new PanelPoller(
    () => {
      const answer = answers[Math.min(calls++, answers.length - 1)]!;
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    (error) => failures.push(error),
    delays,
    timers,
  );
  return { poller, timers, calls: () => calls, failures };
}

const same: PanelLoad = { running: true, changed: false };
const moved: PanelLoad = { running: true, changed: true };

describe('job panel poller', () => {
  it('describes a running job at once when shown, then again after pauses that grow while nothing changes', async () => {
    const { poller, timers, calls } = setup([moved, same, same, same, same]);
    poller.setVisible(true);
    await settle();
    assert.equal(calls(), 1);
    timers.advance(999);
    await settle();
    assert.equal(calls(), 1, 'not before the first pause');
    timers.advance(1);
    await settle();
    assert.equal(calls(), 2);
    timers.advance(2_000);
    await settle();
    assert.equal(calls(), 3);
    timers.advance(3_999);
    await settle();
    assert.equal(calls(), 3, 'the pause grew');
    timers.advance(1);
    await settle();
    assert.equal(calls(), 4);
    timers.advance(4_000);
    await settle();
    assert.equal(calls(), 5, 'the longest pause repeats');
  });

  it('polls quickly again once something changed', async () => {
    const { poller, timers, calls } = setup([moved, same, same, moved, same]);
    poller.setVisible(true);
    await settle();
    for (const pause of [1_000, 2_000, 4_000]) {
      timers.advance(pause);
      await settle();
    }
    assert.equal(calls(), 4, 'the fourth describe found a change');
    timers.advance(1_000);
    await settle();
    assert.equal(calls(), 5);
  });

  it('makes no calls while hidden, and catches up at once when shown again', async () => {
    const { poller, timers, calls } = setup([moved, same, moved, same]);
    poller.setVisible(true);
    await settle();
    poller.setVisible(false);
    assert.equal(timers.scheduled, 0);
    timers.advance(60_000);
    await settle();
    assert.equal(calls(), 1);
    poller.setVisible(true);
    await settle();
    assert.equal(calls(), 2, 'described again on showing');
    timers.advance(2_000);
    await settle();
    assert.equal(calls(), 3, 'and polls on');
  });

  it('stops once the job has ended', async () => {
    const { poller, timers, calls } = setup([moved, { running: false, changed: true }]);
    poller.setVisible(true);
    await settle();
    timers.advance(1_000);
    await settle();
    assert.equal(calls(), 2);
    assert.equal(poller.live, false);
    assert.equal(timers.scheduled, 0);
    timers.advance(60_000);
    poller.setVisible(false);
    poller.setVisible(true);
    await settle();
    assert.equal(calls(), 2, 'an ended job is not described again');
  });

  it('reports a failed describe, backs off, and keeps trying', async () => {
    const throttled = new Error('Rate exceeded');
    const { poller, timers, calls, failures } = setup([moved, throttled, throttled, same]);
    poller.setVisible(true);
    await settle();
    timers.advance(1_000);
    await settle();
    assert.deepEqual(failures, [throttled]);
    timers.advance(1_999);
    await settle();
    assert.equal(calls(), 2, 'waits longer after a failure');
    timers.advance(1);
    await settle();
    assert.equal(calls(), 3);
    timers.advance(4_000);
    await settle();
    assert.equal(calls(), 4);
    assert.equal(failures.length, 2);
    assert.equal(timers.scheduled, 1, 'still polling');
  });

  it('describes once at a time: a Refresh during a describe runs right after it', async () => {
    const { poller, calls } = setup([moved, same]);
    const first = poller.now();
    const second = poller.now();
    await Promise.all([first, second]);
    await settle();
    assert.equal(calls(), 2);
  });

  it('after a describe on first show, polls on without describing twice', async () => {
    const { poller, timers, calls } = setup([moved, same]);
    await poller.now();
    poller.setVisible(true, { catchUp: false });
    await settle();
    assert.equal(calls(), 1);
    timers.advance(1_000);
    await settle();
    assert.equal(calls(), 2);
  });

  it('stops for good when disposed', async () => {
    const { poller, timers, calls } = setup([moved, same]);
    poller.setVisible(true);
    await settle();
    poller.dispose();
    timers.advance(60_000);
    await settle();
    assert.equal(calls(), 1);
    assert.equal(timers.scheduled, 0);
  });
});
