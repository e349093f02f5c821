// Bundles the extension into dist/: `extension.js` (activation path, no AWS SDK) and `sdk.js`
// (the AWS SDK, required lazily on first use by src/core/aws/loadSdk.ts).
// Usage: node esbuild.mjs [--production] [--watch] [--metafile]
import * as esbuild from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const metafile = process.argv.includes('--metafile');

/** Keeps the SDK out of extension.js: `import('./sdk')` in loadSdk.ts becomes `require('./sdk.js')`. */
const lazySdk = {
  name: 'lazy-sdk',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdk$/ }, (args) =>
      args.importer.endsWith('loadSdk.ts') ? { path: './sdk.js', external: true } : undefined,
    );
  },
};

/** @type {esbuild.BuildOptions} */
const options = {
  entryPoints: { extension: 'src/extension.ts', sdk: 'src/core/aws/sdk.ts' },
  outdir: 'dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: production ? 'linked' : 'none',
  metafile,
  logLevel: 'warning',
  plugins: [lazySdk],
};

// Stale outputs (a source map from a development build) must not ship in a release package.
await rm('dist', { recursive: true, force: true });

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('esbuild: watching src/ for changes');
} else {
  const result = await esbuild.build(options);
  if (metafile) await writeFile('dist/meta.json', JSON.stringify(result.metafile));
}
