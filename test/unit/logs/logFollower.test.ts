import assert from 'node:assert/strict';
import { followLog, readWholeLog, type FollowState, type LogLine } from '../../../src/core/logs/logFollower';
import { logSourceFor } from '../../../src/core/logs/logSources';
import { isTerminalJobStatus, jobStatus, stopJob } from '../../../src/core/resources/jobs';
import { startWithClients, type EmulatorClients } from '../support/emulatorClients';
import { trainingRequest } from '../jobs/support/fixtures';

const group = '/aws/sagemaker/TrainingJobs';

/** Polls a condition (real time) while the follower runs in the background. */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('following CloudWatch logs (against the local service)', () => {
  let env: EmulatorClients;

  before(async () => {
    env = await startWithClients({ data: 'empty', clockSpeed: 0 });
  });

  after(async () => {
    await env.dispose();
  });

  const isLive = (name: string) => async (): Promise<boolean> => !isTerminalJobStatus(await jobStatus(env.clients, 'trainingJob', env.region, name));

  it('reads only the recent part of a long-lived log when asked (an endpoint), counted from its newest line', async () => {
    const source = logSourceFor('endpoint', 'long-lived');
    env.emulator.logs.append(source.group, 'AllTraffic/i-0aaa', ['day one: model loaded']);
    env.emulator.clock.advance(3 * 3600_000);
    env.emulator.logs.append(source.group, 'AllTraffic/i-0aaa', ['three hours later: ping']);
    env.emulator.logs.append(source.group, 'AllTraffic/i-0bbb', ['another instance: ping']);
    const readLines = async (recentMs?: number): Promise<LogLine[]> => {
      const lines: LogLine[] = [];
      await readWholeLog({ clients: env.clients, region: env.region, source, recentMs, onLines: (batch) => lines.push(...batch) });
      return lines;
    };
    const read = async (recentMs?: number): Promise<string[]> => (await readLines(recentMs)).map((line) => line.message);
    // The old line's time as the service reports it (the clock's advance ages what was logged).
    const first = (await readLines()).find((line) => line.message === 'day one: model loaded')!.timestamp;
    env.emulator.requests.clear();
    assert.deepEqual(await read(3600_000), ['three hours later: ping', 'another instance: ping']);
    const starts = env.emulator.requests.list({ operation: 'GetLogEvents' }).map((record) => (record.input as { startTime?: number }).startTime);
    assert.ok(starts.length > 0 && starts.every((start) => start !== undefined && start > first), `every read starts after the old line: ${starts.join(', ')}`);
    assert.deepEqual((await read()).sort(), ['another instance: ping', 'day one: model loaded', 'three hours later: ping']);
  });

  it('reads every line of a finished job, in order', async () => {
    const now = env.emulator.clock.now().getTime();
    env.emulator.state.put('trainingJob', env.region, trainingRequest('done-job'), { createdAt: now - 6 * 3600_000, outcome: 'Completed', trainingSeconds: 900 });
    const lines: LogLine[] = [];
    const result = await readWholeLog({ clients: env.clients, region: env.region, source: logSourceFor('trainingJob', 'done-job'), onLines: (batch) => lines.push(...batch) });
    assert.equal(result.outcome, 'drained');
    const stream = lines[0]!.stream;
    const expected = env.emulator.logs.events(group, stream);
    assert.ok(expected.length > 10, 'the job logged');
    assert.deepEqual(
      lines.map((line) => line.message),
      expected.map((event) => event.message),
    );
    assert.equal(result.streams, 1);
  });

  it('says the job has not started logging, then follows its lines as they come, until it ends and the log is drained', async () => {
    const start = env.emulator.clock.now().getTime();
    env.emulator.state.put('trainingJob', env.region, trainingRequest('live-job'), { createdAt: start });
    const states: FollowState[] = [];
    const lines: LogLine[] = [];
    const following = followLog({
      clients: env.clients,
      region: env.region,
      source: logSourceFor('trainingJob', 'live-job'),
      follow: true,
      isLive: isLive('live-job'),
      onLines: (batch) => lines.push(...batch),
      onState: (state) => states.push(state),
      pollDelaysMs: [5, 10, 20],
    });
    await until(() => states.includes('waiting'), 'the waiting state');
    assert.equal(lines.length, 0);

    // Into the Training phase: the stream appears, lines start.
    env.emulator.clock.advance(4 * 60_000);
    await until(() => lines.length > 0, 'the first lines');
    const firstBatch = lines.length;
    env.emulator.clock.advance(3 * 60_000);
    await until(() => lines.length > firstBatch, 'more lines as the job prints them');
    assert.ok(states.includes('following'));

    env.emulator.state.setTrainingJobOutcome(env.region, 'live-job', { status: 'Completed' });
    env.emulator.clock.advance(10 * 60_000);
    const result = await following;
    assert.equal(result.outcome, 'drained');
    assert.equal(states.at(-1), 'done');
    const expected = env.emulator.logs.events(group, lines[0]!.stream).map((event) => event.message);
    assert.deepEqual(
      lines.map((line) => line.message),
      expected,
      'every line once, in order',
    );
  });

  it('merges the streams of several hosts by time', async () => {
    const now = env.emulator.clock.now().getTime();
    env.emulator.state.put('trainingJob', env.region, trainingRequest('two-hosts', { instanceCount: 2 }), { createdAt: now - 6 * 3600_000, outcome: 'Completed', trainingSeconds: 600 });
    const lines: LogLine[] = [];
    const result = await readWholeLog({ clients: env.clients, region: env.region, source: logSourceFor('trainingJob', 'two-hosts'), onLines: (batch) => lines.push(...batch) });
    assert.equal(result.streams, 2);
    assert.equal(new Set(lines.map((line) => line.stream)).size, 2);
    for (let i = 1; i < lines.length; i++) assert.ok(lines[i - 1]!.timestamp <= lines[i]!.timestamp, 'in time order');
  });

  it('reads a long log a page at a time (10,000 events per call)', async () => {
    const now = env.emulator.clock.now().getTime();
    env.emulator.state.put('trainingJob', env.region, trainingRequest('chatty'), { createdAt: now - 30 * 60_000 });
    env.emulator.logs.emit({ trainingJobName: 'chatty', lines: 25_000, ratePerSecond: 1000 });
    env.emulator.clock.advance(60_000);
    env.emulator.requests.clear();
    let count = 0;
    const result = await readWholeLog({ clients: env.clients, region: env.region, source: logSourceFor('trainingJob', 'chatty'), onLines: (batch) => (count += batch.length) });
    assert.ok(count >= 25_000);
    assert.equal(result.lines, count);
    const reads = env.emulator.requests.list({ operation: 'GetLogEvents' }).length;
    assert.ok(reads >= 3 && reads <= 6, `paged reads: ${reads}`);
  });

  it('ends quietly when the job ended without logging, and stops when asked', async () => {
    // Stopped while still starting: it never reached the Training phase, so it never logged.
    env.emulator.state.put('trainingJob', env.region, trainingRequest('silent'), { createdAt: env.emulator.clock.now().getTime() });
    await stopJob(env.clients, 'trainingJob', env.region, 'silent');
    env.emulator.clock.advance(5 * 60_000);
    assert.equal(await jobStatus(env.clients, 'trainingJob', env.region, 'silent'), 'Stopped');
    const none = await followLog({ clients: env.clients, region: env.region, source: logSourceFor('trainingJob', 'silent'), follow: true, isLive: isLive('silent'), onLines: () => undefined, pollDelaysMs: [5] });
    assert.equal(none.outcome, 'noLogs');

    env.emulator.state.put('trainingJob', env.region, trainingRequest('stop-me'), { createdAt: env.emulator.clock.now().getTime() });
    const abort = new AbortController();
    const states: FollowState[] = [];
    const pending = followLog({ clients: env.clients, region: env.region, source: logSourceFor('trainingJob', 'stop-me'), follow: true, isLive: isLive('stop-me'), onLines: () => undefined, onState: (s) => states.push(s), signal: abort.signal, pollDelaysMs: [5] });
    await until(() => states.includes('waiting'), 'waiting');
    abort.abort();
    assert.equal((await pending).outcome, 'stopped');
  });
});
