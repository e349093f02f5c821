import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LaunchLocks } from '../../../src/core/launch/launchLock';

describe('launch locks (one launch per spec, across windows)', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'launch-locks-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('refuses a second launch of the same spec in the same window (a double click)', async () => {
    const locks = new LaunchLocks(folder);
    const [first, second] = await Promise.all([locks.acquire('/w/a.training.yaml', 'launch of a'), locks.acquire('/w/a.training.yaml', 'launch of a')]);
    assert.equal(['lock' in first, 'lock' in second].filter(Boolean).length, 1);
    const other = await locks.acquire('/w/b.training.yaml', 'launch of b');
    assert.ok('lock' in other);
  });

  it('refuses a launch another window holds, and allows it once released', async () => {
    const windowA = new LaunchLocks(folder, () => true);
    const windowB = new LaunchLocks(folder, () => true);
    const held = await windowA.acquire('/w/a.training.yaml', 'launch of a.training.yaml');
    assert.ok('lock' in held);
    const refused = await windowB.acquire('/w/a.training.yaml', 'launch of a.training.yaml');
    assert.ok('heldBy' in refused);
    assert.equal(refused.heldBy.label, 'launch of a.training.yaml');
    await held.lock.release();
    assert.deepEqual(await readdir(folder), []);
    const again = await windowB.acquire('/w/a.training.yaml', 'launch of a.training.yaml');
    assert.ok('lock' in again);
  });

  it('takes over the lock of a window whose process died', async () => {
    const lockFiles = async (): Promise<string[]> => readdir(folder);
    const crashed = new LaunchLocks(folder);
    const held = await crashed.acquire('/w/a.training.yaml', 'launch');
    assert.ok('lock' in held);
    const [file] = await lockFiles();
    await writeFile(join(folder, file!), JSON.stringify({ pid: 999_999_999, host: hostname(), startedAt: Date.now(), label: 'launch' }));
    const survivor = new LaunchLocks(folder, (pid) => pid !== 999_999_999);
    const taken = await survivor.acquire('/w/a.training.yaml', 'launch');
    assert.ok('lock' in taken);
  });

  it('treats a day-old lock as left over from a crash', async () => {
    const first = new LaunchLocks(folder, () => true);
    assert.ok('lock' in (await first.acquire('/w/a.training.yaml', 'launch')));
    const [file] = await readdir(folder);
    await writeFile(join(folder, file!), JSON.stringify({ pid: 1, host: 'another-host', startedAt: Date.now() - 24 * 3600 * 1000, label: 'launch' }));
    assert.ok('lock' in (await new LaunchLocks(folder, () => true).acquire('/w/a.training.yaml', 'launch')));
  });
});
