import { strict as assert } from 'node:assert';
import { CancelledError } from '../../../src/core/util/cancellation';
import { backoff, waitUntil } from '../../../src/core/util/waitUntil';
import { ManualTimers } from '../support/manualTimers';

/** Lets the probe's promise and the wait's continuation run. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the one wait for a resource to settle', () => {
  it('probes, backs off along the delays (the last repeats), and resolves with the answer that reached the state', async () => {
    const timers = new ManualTimers();
    const answers = ['Pending', 'Pending', 'Pending', 'InService'];
    let probes = 0;
    const waiting = waitUntil({ probe: () => Promise.resolve(answers[probes++]!), reached: (status) => status === 'InService', delaysMs: [1_000, 5_000], timers });
    await turn();
    assert.equal(probes, 1);
    timers.advance(999);
    await turn();
    assert.equal(probes, 1, 'no probe before the first delay');
    timers.advance(1);
    await turn();
    assert.equal(probes, 2);
    timers.advance(4_999);
    await turn();
    assert.equal(probes, 2, 'then the second delay');
    timers.advance(1);
    await turn();
    timers.advance(5_000);
    await turn();
    assert.equal(await waiting, 'InService');
    assert.equal(probes, 4);
  });

  it('fails as soon as the resource settles elsewhere', async () => {
    const timers = new ManualTimers();
    await assert.rejects(
      waitUntil({ probe: () => Promise.resolve('Failed'), reached: (status) => status === 'Stopped', failed: (status) => (status === 'Failed' ? new Error('it failed') : undefined), delaysMs: [1], timers }),
      /it failed/,
    );
  });

  it('keeps waiting through failures it is told are passing, and stops on any other', async () => {
    const timers = new ManualTimers();
    let probes = 0;
    const waiting = waitUntil({
      probe: () => (++probes < 3 ? Promise.reject(new Error(probes === 1 ? 'socket hang up' : 'throttled')) : Promise.resolve('Completed')),
      reached: (status) => status === 'Completed',
      retryOn: (error) => /socket|throttled/.test(String(error)),
      delaysMs: [10],
      timers,
    });
    for (let step = 0; step < 3; step++) {
      await turn();
      timers.advance(10);
    }
    assert.equal(await waiting, 'Completed');
    await assert.rejects(waitUntil({ probe: () => Promise.reject(new Error('AccessDenied')), reached: () => true, retryOn: () => false, delaysMs: [10], timers }), /AccessDenied/);
  });

  it('ends with CancelledError when the signal aborts while it sleeps, and clears its timer', async () => {
    const timers = new ManualTimers();
    const abort = new AbortController();
    const waiting = waitUntil({ probe: () => Promise.resolve('Pending'), reached: () => false, delaysMs: [60_000], signal: abort.signal, timers });
    await turn();
    assert.equal(timers.scheduled, 1);
    abort.abort();
    await assert.rejects(waiting, CancelledError);
    assert.equal(timers.scheduled, 0);
  });

  it('grows delays by a factor up to a cap', () => {
    assert.deepEqual(backoff(30_000, 1.5, 120_000, 6), [30_000, 45_000, 67_500, 101_250, 120_000, 120_000]);
  });
});
