import * as assert from 'node:assert/strict';
import { createOnce } from '../../../src/core/launch/createOnce';

const networkError = (): Error => Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET' });
const serviceError = (name: string, status: number, message = name): Error =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' });

describe('createOnce (an uncertain create is checked with Describe before any retry)', () => {
  it('creates once when all goes well, without describing', async () => {
    let describes = 0;
    const result = await createOnce({ create: () => Promise.resolve(), describe: () => (describes++, Promise.resolve(undefined)), backoffMs: () => 0 });
    assert.deepEqual(result, { requests: 1, recovered: false });
    assert.equal(describes, 0);
  });

  it('describes after a dropped connection and stops there when the resource exists', async () => {
    const calls: string[] = [];
    const result = await createOnce({
      create: () => (calls.push('create'), Promise.reject(networkError())),
      describe: () => (calls.push('describe'), Promise.resolve({ status: 'InProgress' })),
      backoffMs: () => 0,
    });
    assert.deepEqual(calls, ['create', 'describe']);
    assert.equal(result.recovered, true);
  });

  it('retries only after Describe says nothing was made', async () => {
    const calls: string[] = [];
    let creates = 0;
    const result = await createOnce({
      create: () => (calls.push('create'), ++creates === 1 ? Promise.reject(serviceError('InternalFailure', 500)) : Promise.resolve()),
      describe: () => (calls.push('describe'), Promise.resolve(undefined)),
      backoffMs: () => 0,
    });
    assert.deepEqual(calls, ['create', 'describe', 'create']);
    assert.deepEqual(result, { requests: 2, recovered: false });
  });

  it('takes "already exists" after an uncertain attempt as its own success', async () => {
    let creates = 0;
    const result = await createOnce({
      create: () => (++creates === 1 ? Promise.reject(networkError()) : Promise.reject(serviceError('ResourceInUse', 400, 'Training job already exists'))),
      describe: (() => {
        let calls = 0;
        return () => Promise.resolve(++calls === 1 ? undefined : { name: 'job' });
      })(),
      backoffMs: () => 0,
    });
    assert.equal(result.recovered, true);
    assert.equal(creates, 2);
  });

  it('reports a real conflict and a validation error at once, without retrying', async () => {
    let creates = 0;
    await assert.rejects(
      createOnce({ create: () => (creates++, Promise.reject(serviceError('ResourceInUse', 400, 'already exists'))), describe: () => Promise.resolve({}), backoffMs: () => 0 }),
      { name: 'ResourceInUse' },
    );
    await assert.rejects(
      createOnce({ create: () => (creates++, Promise.reject(serviceError('ValidationException', 400))), describe: () => Promise.resolve(undefined), backoffMs: () => 0 }),
      { name: 'ValidationException' },
    );
    assert.equal(creates, 2);
  });

  it('retries throttling (nothing was made) without describing, and gives up after its attempts', async () => {
    let describes = 0;
    let creates = 0;
    await assert.rejects(
      createOnce({
        create: () => (creates++, Promise.reject(serviceError('ThrottlingException', 400))),
        describe: () => (describes++, Promise.resolve(undefined)),
        attempts: 3,
        backoffMs: () => 0,
      }),
      { name: 'ThrottlingException' },
    );
    assert.equal(creates, 3);
    assert.equal(describes, 0);
  });
});
