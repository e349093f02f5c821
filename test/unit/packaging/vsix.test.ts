// `npm run package` as a user runs it: it must succeed (vsce refuses a README whose images it
// cannot resolve), and the .vsix must hold what runs and what the README shows, nothing else.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { zipEntryNames } from './zipEntries';

const root = join(__dirname, '..', '..', '..');

/** What the extension needs at run time, and the documents the Marketplace and VS Code show. */
const allowed = [
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/dist\/(extension|sdk|yaml)\.js$/,
  /^extension\/dist\/[\w.]+\.LEGAL\.txt$/,
  /^extension\/dist\/webviews\/[\w.]+\.(js|css)$/,
  /^extension\/(media|schemas)\//,
  /^extension\/data\/(sagemaker-images\.json|sagemaker-prices\.json|PROVENANCE\.md)$/,
  /^extension\/docs\/images\/[\w-]+\.png$/,
];

describe('the packaged extension (.vsix)', function () {
  // A release build and a zip: seconds, more on a loaded machine.
  this.timeout(180_000);
  let folder = '';
  let entries: string[] = [];

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'vsix-'));
    const vsix = join(folder, 'extension.vsix');
    await promisify(execFile)('npm', ['run', '--silent', 'package', '--', '--out', vsix], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    entries = zipEntryNames(await readFile(vsix));
  });
  after(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('holds only the bundles, their notices, media, schemas, data with provenance and the documents', () => {
    const files = entries.filter((name) => name.startsWith('extension/'));
    const unexpected = files.filter((name) => !allowed.some((pattern) => pattern.test(name)));
    assert.deepEqual(unexpected, []);
    assert.ok(!files.some((name) => name.endsWith('.map')), 'no source maps');
  });

  it('holds the bundle package.json names as main, and every image the README shows', async () => {
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { main: string };
    assert.ok(entries.includes(`extension/${manifest.main.replace(/^\.\//, '')}`), `the package holds ${manifest.main}`);
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]!).filter((src) => !/^[a-z]+:/i.test(src));
    assert.ok(images.length > 0, 'the README shows a screenshot');
    for (const image of images) assert.ok(entries.includes(`extension/${image.replace(/^\.\//, '')}`), `the package holds ${image}`);
  });
});
