// Bytes of the minified bundles (dist/**/*.js after `npm run build:release`), gzipped too.
// Aim: all bundles together under 2 MB.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot, withReleaseBuild } from './build';
import { reportFigure } from './report';

const TWO_MB = 2 * 1024 * 1024;

void withReleaseBuild(() => {
  const dist = path.join(repoRoot, 'dist');
  // Top-level bundles and the webview scripts in sub-folders.
  const bundles = (readdirSync(dist, { recursive: true }) as string[]).filter((name) => name.endsWith('.js')).sort();
  let total = 0;
  let gzipped = 0;
  for (const name of bundles) {
    const file = path.join(dist, name);
    const bytes = statSync(file).size;
    const gz = gzipSync(readFileSync(file)).length;
    total += bytes;
    gzipped += gz;
    reportFigure({ name: `dist/${name} minified`, value: bytes, unit: 'bytes', spread: `gzip ${(gz / 1024).toFixed(1)} KB` });
  }
  reportFigure({ name: 'all bundles (dist/**/*.js) minified', value: total, unit: 'bytes', spread: `gzip ${(gzipped / 1024).toFixed(1)} KB`, aim: { max: TWO_MB, text: '< 2 MB' } });
});
