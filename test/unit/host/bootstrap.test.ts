// The pieces of the VS Code host bootstrap that decide what a fresh machine gets: which host runs
// the tests, how a failed install is reported and cleaned up, code-server's optional Kerberos
// module, and the tar reader that unpacks the npm build of Chromium.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cleanEnv, explainFailure, installInto, makeKerberosOptional, PrerequisiteError } from '../../host/bootstrap.mjs';
import { chooseHost } from '../../host/hostChoice.mjs';
import { extractTar, tarEntries } from '../../host/tarReader.mjs';

const run = promisify(execFile);

/** One ustar header block plus data, for archives `tar` itself would refuse to write. */
function tarMember(name: string, content: string, typeflag = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write(`${Buffer.byteLength(content).toString(8).padStart(11, '0')}\0`, 124);
  header.write(typeflag, 156);
  header.write('ustar\0', 257);
  const data = Buffer.alloc(Math.ceil(Buffer.byteLength(content) / 512) * 512);
  data.write(content);
  return Buffer.concat([header, data]);
}

describe('VS Code host bootstrap', () => {
  let scratch = '';
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'sagemaker-bootstrap-test-'));
  });
  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  describe('host choice', () => {
    it('runs code-server on linux-x64 and desktop VS Code elsewhere, and says why', () => {
      assert.equal(chooseHost({ env: {}, platform: 'linux', arch: 'x64' }).host, 'code-server');
      const mac = chooseHost({ env: {}, platform: 'darwin', arch: 'arm64' });
      assert.equal(mac.host, 'electron');
      assert.match(mac.reason, /darwin-arm64.*linux-x64 only/);
      assert.equal(chooseHost({ env: {}, platform: 'win32', arch: 'x64' }).host, 'electron');
      assert.equal(chooseHost({ env: {}, platform: 'linux', arch: 'arm64' }).host, 'electron');
    });

    it('follows SAGEMAKER_TEST_HOST and refuses an unknown host', () => {
      const electron = chooseHost({ env: { SAGEMAKER_TEST_HOST: 'electron' }, platform: 'linux', arch: 'x64' });
      assert.deepEqual(electron, { host: 'electron', reason: 'SAGEMAKER_TEST_HOST=electron' });
      assert.equal(chooseHost({ env: { SAGEMAKER_TEST_HOST: 'code-server' }, platform: 'darwin', arch: 'x64' }).host, 'code-server');
      assert.throws(() => chooseHost({ env: { SAGEMAKER_TEST_HOST: 'vscode' }, platform: 'linux', arch: 'x64' }), /must be code-server or electron, not vscode/);
    });
  });

  describe('a failed install', () => {
    it('leaves nothing installed, keeps the log and says what to do in one line; the next run installs', async () => {
      const dir = join(scratch, 'thing-1.0.0');
      const lines: string[] = [];
      const error = await installInto({
        dir,
        label: 'thing@1.0.0',
        log: (line) => lines.push(line),
        fill: async (staging) => {
          await writeFile(join(staging, 'half'), 'written before the failure');
          throw Object.assign(new Error('npm install thing failed (exit 1)'), { output: 'npm error code ENOTFOUND\nnpm error network request failed' });
        },
      }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof PrerequisiteError, `expected a PrerequisiteError, got ${String(error)}`);
      assert.doesNotMatch(error.message, /\n/);
      assert.match(error.message, /installing thing@1\.0\.0 could not download from the npm registry; check network access/);
      assert.match(error.message, /nothing was left installed; log: .*thing-1\.0\.0\.failed\.log/);
      assert.deepEqual((await readdir(scratch)).sort(), ['thing-1.0.0.failed.log']);
      assert.match(await readFile(join(scratch, 'thing-1.0.0.failed.log'), 'utf8'), /ENOTFOUND/);

      const installed = await installInto({ dir, label: 'thing@1.0.0', log: () => {}, fill: (staging) => writeFile(join(staging, 'whole'), 'ok') });
      assert.equal(installed, true);
      assert.deepEqual((await readdir(scratch)).sort(), ['thing-1.0.0']);
      assert.deepEqual((await readdir(dir)).sort(), ['.installed', 'whole']);
      // Installed: a third run does nothing.
      assert.equal(await installInto({ dir, label: 'thing@1.0.0', log: () => {}, fill: () => Promise.reject(new Error('must not run')) }), false);
    });

    it('removes what an interrupted run left: a staging folder of a dead process, a folder without its marker', async () => {
      const dir = join(scratch, 'thing-1.0.0');
      await mkdir(join(scratch, 'thing-1.0.0.staging-999999999'), { recursive: true }); // no such process
      await mkdir(dir);
      await writeFile(join(dir, 'stale'), 'from an older, interrupted layout');
      await installInto({ dir, label: 'thing@1.0.0', log: () => {}, fill: (staging) => writeFile(join(staging, 'whole'), 'ok') });
      assert.deepEqual(await readdir(scratch), ['thing-1.0.0']);
      assert.deepEqual((await readdir(dir)).sort(), ['.installed', 'whole']);
    });

    it('names the missing compiler, the disk and the registry in its one line', () => {
      assert.match(explainFailure('installing x', 'gyp ERR! stack Error: not found: make'), /need a C\+\+ compiler, make and Python 3/);
      assert.match(explainFailure('installing x', 'ENOSPC: no space left on device'), /ran out of disk space/);
      assert.match(explainFailure('installing x', 'npm error code E404'), /does not have the pinned version/);
      assert.equal(explainFailure('installing x', 'something else'), 'installing x failed');
    });
  });

  it("keeps the user's npm settings for the nested installs, not the enclosing npm run's project prefix", () => {
    const env = cleanEnv(
      { EXTRA: '1' },
      { PATH: '/bin', npm_config_registry: 'https://mirror.example/', npm_config_cafile: '/ca.pem', npm_config_prefix: '/project', npm_config_local_prefix: '/project', npm_package_name: 'sagemaker-companion', npm_lifecycle_event: 'test' },
    );
    assert.deepEqual(env, { PATH: '/bin', npm_config_registry: 'https://mirror.example/', npm_config_cafile: '/ca.pem', EXTRA: '1' });
  });

  it("makes code-server's kerberos module optional, keeping its version", async () => {
    const manifest = { name: 'code-oss-dev', dependencies: { kerberos: '2.1.1', 'node-pty': '^1.2.0' }, optionalDependencies: { other: '1.0.0' } };
    await writeFile(join(scratch, 'package.json'), JSON.stringify(manifest));
    assert.equal(await makeKerberosOptional(scratch), true);
    const changed = JSON.parse(await readFile(join(scratch, 'package.json'), 'utf8')) as typeof manifest;
    assert.deepEqual(changed.dependencies, { 'node-pty': '^1.2.0' });
    assert.deepEqual(changed.optionalDependencies, { other: '1.0.0', kerberos: '2.1.1' });
    assert.equal(await makeKerberosOptional(scratch), false); // already done
  });

  describe('tar reader', () => {
    it('extracts what tar writes: long names, folders, executable bits', async () => {
      const source = join(scratch, 'source');
      const longDir = join(source, 'a'.repeat(60), 'b'.repeat(60));
      await mkdir(longDir, { recursive: true });
      await writeFile(join(longDir, 'libthing.so'), 'library');
      await writeFile(join(source, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
      const archive = join(scratch, 'archive.tar');
      await run('tar', ['-cf', archive, '-C', source, '.']);

      const target = join(scratch, 'target');
      await extractTar(await readFile(archive), target);
      assert.equal(await readFile(join(target, 'a'.repeat(60), 'b'.repeat(60), 'libthing.so'), 'utf8'), 'library');
      assert.equal((await stat(join(target, 'tool'))).mode & 0o111, 0o111);
    });

    it('refuses entries that would land outside the target folder', async () => {
      const archive = Buffer.concat([tarMember('../escaped', 'nope'), Buffer.alloc(1024)]);
      assert.deepEqual([...tarEntries(archive)].map((entry) => entry.name), ['../escaped']);
      await assert.rejects(extractTar(archive, join(scratch, 'target')), /refusing the archive entry "\.\.\/escaped"/);
      assert.equal(existsSync(join(scratch, 'escaped')), false);
    });
  });
});
