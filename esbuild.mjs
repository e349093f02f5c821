// Bundles the extension into dist/: `extension.js` (the activation path) and the modules it
// requires lazily on first use: `sdk.js` (the AWS SDK, via src/core/aws/loadSdk.ts) and
// `yaml.js` (the YAML library, via src/core/util/loadYaml.ts).
// Usage: node esbuild.mjs [--production] [--watch] [--metafile]
import * as esbuild from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';

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

/**
 * One `vscode` module for the whole bundle. esbuild turns each `import * as vscode from 'vscode'`
 * of an external CommonJS module into its own copy of the API's properties (one per importing
 * file, ~60 here), which costs milliseconds at activation. This plugin routes every import
 * through one ES module that re-exports the API's runtime members once.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, async () => {
      const types = await readFile('node_modules/@types/vscode/index.d.ts', 'utf8');
      const names = [...new Set([...types.matchAll(/^\t?export (?:namespace|class|enum|function|const|let) (\w+)/gm)].map((m) => m[1]))];
      return { contents: `const api = require('vscode');\n${names.map((name) => `export const ${name} = api.${name};`).join('\n')}\n`, loader: 'js' };
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
  plugins: [lazy, vscodeOnce],
};

/**
 * The job panels' scripts (browser, one IIFE each, with uPlot from node_modules) and uPlot's
 * stylesheet, into dist/webviews/: the only folder besides media/ that panels may load from.
 */
/** @type {esbuild.BuildOptions} */
const webviewOptions = {
  entryPoints: {
    trainingJob: 'src/webviews/client/trainingJob.ts',
    tuningJob: 'src/webviews/client/tuningJob.ts',
    uPlot: 'node_modules/uplot/dist/uPlot.min.css',
  },
  outdir: 'dist/webviews',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: production ? 'linked' : 'none',
  metafile,
  logLevel: 'warning',
};

// Stale outputs (a source map from a development build) must not ship in a release package.
await rm('dist', { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all([esbuild.context(options), esbuild.context(webviewOptions)]);
  await Promise.all(contexts.map((ctx) => ctx.watch()));
  console.log('esbuild: watching src/ for changes');
} else {
  const [result] = await Promise.all([esbuild.build(options), esbuild.build(webviewOptions)]);
  if (metafile) await writeFile('dist/meta.json', JSON.stringify(result.metafile));
}
