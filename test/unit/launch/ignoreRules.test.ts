import * as assert from 'node:assert/strict';
import { ignoredBy, parseIgnoreFile } from '../../../src/core/launch/packaging/ignoreRules';
import { isSecret } from '../../../src/core/launch/packaging/secrets';
import { listSourceFiles } from '../../../src/core/launch/packaging/sourceFiles';
import { makeTree } from './support/folders';

describe('.gitignore rules and the source listing', () => {
  const rules = parseIgnoreFile(['# comment', '*.log', '!keep.log', 'build/', '/top.txt', 'docs/**/*.md', 'a/**/b', '\\#hash', 'cache?'].join('\n'));
  const ignored = (path: string, dir = false): boolean | undefined => ignoredBy(rules, path, dir);

  it('matches names at any depth unless the pattern has a slash', () => {
    assert.equal(ignored('x.log'), true);
    assert.equal(ignored('deep/er/x.log'), true);
    assert.equal(ignored('deep/keep.log'), false);
    assert.equal(ignored('top.txt'), true);
    assert.equal(ignored('sub/top.txt'), undefined);
  });

  it('keeps trailing-slash patterns for folders, and handles ** and ?', () => {
    assert.equal(ignored('build', true), true);
    assert.equal(ignored('build', false), undefined);
    assert.equal(ignored('src/build', true), true);
    assert.equal(ignored('docs/a/b/c.md'), true);
    assert.equal(ignored('docs/c.md'), true);
    assert.equal(ignored('a/b'), true);
    assert.equal(ignored('a/x/y/b'), true);
    assert.equal(ignored('#hash'), true);
    assert.equal(ignored('cache1'), true);
    assert.equal(ignored('cache12'), undefined);
  });

  it('recognises secrets wherever they are, folders and files alike', () => {
    for (const path of ['.env', 'sub/.env.local', 'prod.env', 'id_rsa', 'keys/id_ed25519.pub', 'certs/server.pem', 'credentials', '.netrc']) {
      assert.equal(isSecret(path, false), true, path);
    }
    for (const path of ['.aws', 'x/.ssh', '.git']) assert.equal(isSecret(path, true), true, path);
    for (const path of ['train.py', 'environment.yml', 'envs/x.py', 'keymap.json']) assert.equal(isSecret(path, false), false, path);
  });

  it('lists a package: nested .gitignore, spec excludes, secrets and junk left out, symlinks not followed', async () => {
    const tree = await makeTree(
      {
        '.git/HEAD': 'ref: refs/heads/main\n',
        '.gitignore': 'data/\n*.log\n',
        'src/.gitignore': 'scratch/\n!important.log\n',
        'src/train.py': 'print("train")\n',
        'src/util/helpers.py': 'x = 1\n',
        'src/scratch/tmp.py': 'no\n',
        'src/important.log': 'kept by negation\n',
        'src/debug.log': 'ignored\n',
        'src/notebook.ipynb': '{}',
        'src/.env': 'SECRET=1\n',
        'src/.aws/credentials': '[default]\n',
        'src/config/id_rsa': 'key\n',
        'src/__pycache__/helpers.cpython-312.pyc': 'junk',
        'src/data/big.csv': 'ignored by the root .gitignore\n',
      },
      { 'src/link.py': '/etc/hostname' },
    );
    try {
      const listing = await listSourceFiles(`${tree.root}/src`, { excludes: ['*.ipynb'] });
      assert.deepEqual(
        listing.files.map((file) => file.path),
        ['.gitignore', 'important.log', 'train.py', 'util/helpers.py'],
      );
      assert.deepEqual([...listing.secretsLeftOut].sort(), ['.aws/', '.env', 'config/id_rsa']);
      assert.deepEqual(listing.symlinksLeftOut, ['link.py']);
      assert.equal(listing.totalBytes, listing.files.reduce((sum, file) => sum + file.size, 0));
      // A data upload ignores .gitignore but never takes secrets.
      const data = await listSourceFiles(`${tree.root}/src`, { gitignore: false });
      assert.ok(data.files.some((file) => file.path === 'data/big.csv'));
      assert.ok(!data.files.some((file) => file.path.includes('.env') || file.path.includes('id_rsa') || file.path.includes('.aws')));
    } finally {
      await tree.dispose();
    }
  });
});
