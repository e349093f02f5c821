// Bundles the extension into dist/: `extension.js` (the activation path) and the modules it
// requires lazily on first use: `sdk.js` (the AWS SDK, via src/core/aws/loadSdk.ts) and
// `yaml.js` (the YAML library, via src/core/util/loadYaml.ts).
// Usage: node esbuild.mjs [--production] [--watch] [--metafile]
import * as esbuild from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const metafile = process.argv.includes('--metafile');

/** Lazily required bundles: `import('./sdk')` in loadSdk.ts becomes `require('./sdk.js')`, etc. */
const lazyModules = { sdk: { loader: 'loadSdk.ts', output: './sdk.js' }, yamlLib: { loader: 'loadYaml.ts', output: './yaml.js' } };
const lazy = {
  name: 'lazy-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\/(sdk|yamlLib)$/ }, (args) => {
      const module = lazyModules[args.path.slice(2)];
      return module && args.importer.endsWith(module.loader) ? { path: module.output, external: true } : undefined;
    });
  },
};

/** @type {esbuild.BuildOptions} */
const options = {
  entryPoints: { extension: 'src/extension.ts', sdk: 'src/core/aws/sdk.ts', yaml: 'src/core/util/yamlLib.ts' },
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
  plugins: [lazy],
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
