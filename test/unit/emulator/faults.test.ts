import { ListDomainsCommand, ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/index';
import { clientsFor, rejection, start } from './helpers';

describe('local service: injected faults and latency', () => {
  let emu: Emulator;

  beforeEach(async () => {
    emu = await start({ data: 'empty' });
  });
  afterEach(() => emu.stop());

  it('throttles the next N calls as SageMaker does, and the SDK retries them', async () => {
    emu.faults.set({ operation: 'ListDomains', throttleRate: 1, count: 2 });
    const noRetry = await rejection(clientsFor(emu, { maxAttempts: 1 }).sagemaker.send(new ListDomainsCommand({})));
    assert.deepEqual([noRetry.name, noRetry.message, noRetry.$metadata?.httpStatusCode], ['ThrottlingException', 'Rate exceeded', 400]);
    emu.requests.clear();
    const ok = await clientsFor(emu, { maxAttempts: 3 }).sagemaker.send(new ListDomainsCommand({}));
    assert.equal(ok.$metadata.attempts, 2, 'one more throttled attempt, then the answer');
    assert.deepEqual(emu.requests.list({ operation: 'ListDomains' }).map((r) => r.status), [400, 200]);
    assert.deepEqual(emu.faults.list(), [], 'a counted rule goes away once used up');
  });

  it('answers 5xx as InternalFailure or ServiceUnavailable', async () => {
    emu.faults.set({ service: 'sagemaker', serverErrorRate: 1, count: 4 });
    const sm = clientsFor(emu, { maxAttempts: 1 }).sagemaker;
    const names = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const err = await rejection(sm.send(new ListEndpointsCommand({})));
      names.add(`${err.name}/${err.$metadata?.httpStatusCode}`);
    }
    for (const n of names) assert.ok(['InternalFailure/500', 'ServiceUnavailable/503'].includes(n), n);
    await sm.send(new ListEndpointsCommand({}));
  });

  it('drops connections and truncates bodies', async () => {
    const sm = clientsFor(emu, { maxAttempts: 1 }).sagemaker;
    emu.faults.set({ operation: 'ListDomains', dropConnectionRate: 1, count: 1 });
    await rejection(sm.send(new ListDomainsCommand({})));
    const dropped = await emu.requests.waitFor({ operation: 'ListDomains' }, 2000);
    assert.equal(dropped.status, 0, 'no answer at all');
    emu.requests.clear();
    emu.faults.set({ operation: 'ListDomains', malformedBodyRate: 1, count: 1 });
    const malformed = await rejection(sm.send(new ListDomainsCommand({})));
    assert.ok(malformed instanceof Error);
    assert.equal(emu.requests.list({ operation: 'ListDomains' })[0]?.status, 200, 'a 200 whose body does not parse');
    await sm.send(new ListDomainsCommand({}));
  });

  it('scopes rules by region and adds latency without failing calls', async () => {
    emu.faults.set({ region: 'eu-west-1', throttleRate: 1 });
    await clientsFor(emu, { region: 'us-east-1' }).sagemaker.send(new ListDomainsCommand({}));
    assert.equal((await rejection(clientsFor(emu, { region: 'eu-west-1' }).sagemaker.send(new ListDomainsCommand({})))).name, 'ThrottlingException');
    emu.faults.clear();
    emu.faults.set({ operation: '*', latencyMs: 20 });
    emu.setLatency(5);
    const ok = await clientsFor(emu).sagemaker.send(new ListDomainsCommand({}));
    assert.equal(ok.$metadata.httpStatusCode, 200);
  });

  it('draws the same faults for the same seed and the same calls', async () => {
    async function pattern(seed: number): Promise<string> {
      const e = await start({ data: 'empty', seed });
      try {
        e.faults.set({ throttleRate: 0.4, serverErrorRate: 0.2 });
        const sm = clientsFor(e, { maxAttempts: 1 }).sagemaker;
        let out = '';
        for (let i = 0; i < 24; i++) {
          try {
            await sm.send(new ListDomainsCommand({}));
            out += '.';
          } catch (err) {
            out += (err as Error).name === 'ThrottlingException' ? 'T' : 'E';
          }
        }
        return out;
      } finally {
        await e.stop();
      }
    }
    const a = await pattern(42);
    assert.equal(await pattern(42), a);
    assert.match(a, /T/);
    assert.match(a, /\./);
    assert.notEqual(await pattern(43), a);
  });
});
