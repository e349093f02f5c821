import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { gunzipSync } from 'node:zlib';
import { listSourceFiles } from '../../../src/core/launch/packaging/sourceFiles';
import { compresses, packTarGz } from '../../../src/core/launch/packaging/tarGzip';
import { makeTree } from './support/folders';

/** GNU tar escapes names that are not ASCII under the C locale: list them as a UTF-8 user would. */
const utf8Locale = { ...process.env, LC_ALL: 'C.UTF-8' };

describe('streaming tar.gz packer', () => {
  it('writes an archive GNU tar extracts byte for byte: long, unicode and empty names, mixed content', async () => {
    const longName = `${'deep/'.repeat(30)}model_weights_with_a_very_long_file_name_${'x'.repeat(40)}.bin`;
    const files: Record<string, string | Buffer> = {
      'train.py': 'import os\nprint(os.environ.get("SM_MODEL_DIR"))\n',
      'empty.txt': '',
      'données/é.csv': 'a,b\n1,2\n'.repeat(1000),
      'random.bin': randomBytes(300_000),
      [longName]: randomBytes(1000),
      'exact512.txt': 'y'.repeat(512),
      // After random.bin (stored) this switches deflate back on: the member must stay one valid stream.
      'text-large.csv': '0,23.4,18,13.55,8.91,0.9662,1,1,0,0,0\n'.repeat(6000),
    };
    const tree = await makeTree(files);
    const out = await mkdtemp(join(tmpdir(), 'launch-untar-'));
    try {
      const listing = await listSourceFiles(tree.root, { gitignore: false });
      const pack = packTarGz(listing);
      const archive = await buffer(pack.stream);
      const result = await pack.done;
      assert.equal(result.files, Object.keys(files).length);
      await writeFile(join(out, 'sourcedir.tar.gz'), archive);
      const names = execFileSync('tar', ['tzf', join(out, 'sourcedir.tar.gz')], { encoding: 'utf8', env: utf8Locale }).trim().split('\n').sort();
      assert.deepEqual(names, Object.keys(files).sort());
      execFileSync('tar', ['xzf', 'sourcedir.tar.gz'], { cwd: out, env: utf8Locale });
      for (const [path, content] of Object.entries(files)) {
        assert.ok((await readFile(join(out, path))).equals(Buffer.from(content)), path);
      }
      // What SageMaker containers do: Python's tarfile, also in streaming mode; and one gzip member.
      const python = execFileSync('python3', ['-c', 'import sys,tarfile\nfor mode in ("r:gz", "r|gz"):\n  t = tarfile.open(sys.argv[1], mode)\n  print(mode, sum(len(t.extractfile(m).read()) for m in t if m.isfile()))', join(out, 'sourcedir.tar.gz')], { encoding: 'utf8' });
      const total = Object.values(files).reduce((sum, content) => sum + Buffer.byteLength(content), 0);
      assert.equal(python.trim(), `r:gz ${total}\nr|gz ${total}`);
      assert.ok(gunzipSync(archive).length % 512 === 0);
      // Random content is stored, not inflated by deflate: the archive is barely bigger than it.
      assert.ok(archive.length < 302_000 + 40_000, `archive of ${archive.length} bytes`);
    } finally {
      await tree.dispose();
      await rm(out, { recursive: true, force: true });
    }
  });

  it('tells compressible samples from compressed ones', () => {
    assert.equal(compresses(Buffer.from('label,amount,hour\n'.repeat(4000))), true);
    assert.equal(compresses(randomBytes(64 * 1024)), false);
  });

  it('stops reading files when the stream is destroyed (an upload failed or was cancelled)', async () => {
    const tree = await makeTree(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.bin`, randomBytes(200_000)])));
    try {
      const listing = await listSourceFiles(tree.root, { gitignore: false });
      const pack = packTarGz(listing);
      pack.stream.on('error', () => undefined);
      pack.stream.once('data', () => pack.stream.destroy());
      pack.stream.resume();
      await assert.rejects(pack.done, /closed|Cancelled/);
    } finally {
      await tree.dispose();
    }
  });

  it('honours an abort signal between chunks', async () => {
    const tree = await makeTree({ 'a.bin': randomBytes(3_000_000) });
    try {
      const listing = await listSourceFiles(tree.root, { gitignore: false });
      const abort = new AbortController();
      abort.abort();
      const pack = packTarGz(listing, { signal: abort.signal });
      pack.stream.on('error', () => undefined);
      pack.stream.resume();
      await assert.rejects(pack.done, { name: 'CancelledError' });
    } finally {
      await tree.dispose();
    }
  });
});
