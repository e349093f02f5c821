// Size of the packaged extension (`npm run package`, which builds for release first).
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { npm, repoRoot, withReleaseBuild } from './build';
import { reportFigure } from './report';

/** Entries of a zip file, from its end-of-central-directory record. */
function zipEntries(file: string): number {
  const bytes = readFileSync(file);
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 65_557); at--) {
    if (bytes.readUInt32LE(at) === 0x06054b50) return bytes.readUInt16LE(at + 10);
  }
  throw new Error(`${file} is not a zip file`);
}

const out = path.join(repoRoot, '.bench', 'sagemaker-companion.vsix');
mkdirSync(path.dirname(out), { recursive: true });
void withReleaseBuild(
  () => {
    reportFigure({ name: '.vsix', value: statSync(out).size, unit: 'bytes', spread: `${zipEntries(out)} zip entries` });
  },
  () => void npm(['run', '--silent', 'package', '--', '--out', out]),
);
