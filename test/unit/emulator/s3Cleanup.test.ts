// The S3 store's safety net for a service that was never stopped: its folder goes when the process
// exits. The integration tests bundle a copy of the local service into each test file, so the
// check loads two bundled copies of the store into one child process, as the extension host does.
import { build } from 'esbuild';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const storeSource = join(__dirname, '..', '..', 'emulator', 's3', 'store.ts');

describe('Local service: S3 store clean-up', function () {
  this.timeout(60_000);
  let folder: string;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 's3-cleanup-test-'));
    for (const copy of ['first', 'second']) {
      await build({ entryPoints: [storeSource], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: join(folder, `${copy}.js`), logLevel: 'silent' });
    }
    await writeFile(
      join(folder, 'child.js'),
      [
        "const before = process.listenerCount('exit');",
        "const stores = ['./first.js', './second.js'].flatMap((copy) => { const { S3Store } = require(copy); return [new S3Store(), new S3Store()]; });",
        'stores[3].dispose();',
        "console.log(JSON.stringify({ added: process.listenerCount('exit') - before, roots: stores.map((store) => store.root) }));",
      ].join('\n'),
    );
  });

  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('removes the folders of stores never disposed when the process exits, with one exit listener for every copy of the module', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(folder, 'child.js')], { cwd: folder });
    const { added, roots } = JSON.parse(stdout) as { added: number; roots: string[] };
    assert.equal(added, 1);
    assert.equal(new Set(roots).size, 4);
    for (const root of roots) assert.equal(existsSync(root), false, `${root} is still there after the process exited`);
  });
});
