// @ts-check
// The import boundaries between the layers (docs/architecture.md), as ESLint config objects.
// Kept apart from eslint.config.mjs so a unit test can lint deliberate violations with exactly
// these rules (test/unit/lint/boundaries.test.ts).

/** What `src/core` may never import: the editor API and every layer above it. */
const layersAboveCore = [
  '**/views/**',
  '**/commands/**',
  '**/statusBar/**',
  '**/webviews/**',
  '**/platform/**',
  '**/specs/**',
  '**/extension',
];

const vscodeBanned = (why) => ({ name: 'vscode', message: why });

/** The AWS SDK's runtime code is reached only from `src/core` (types are free anywhere). */
const sdkOutsideCore = {
  paths: [],
  patterns: [
    {
      group: ['@aws-sdk/*', '@smithy/*'],
      allowTypeImports: true,
      message: 'Only src/core calls AWS: add a function to core/resources (or core/launch, core/cost, core/logs) and call that.',
    },
    {
      group: ['**/core/aws/loadSdk'],
      message: 'Only src/core loads the AWS SDK: add a function to core/resources (or core/launch, core/cost, core/logs) and call that.',
    },
  ],
};

/** @type {import('eslint').Linter.Config[]} */
export const boundaries = [
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', sdkOutsideCore] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [vscodeBanned('src/core stays free of vscode: return data or throw a typed error.')],
          patterns: [{ group: layersAboveCore, message: 'src/core may not import the layers above it.' }],
        },
      ],
    },
  },
  {
    // Pure parts that plain-Node unit tests load, and code that runs inside a webview.
    files: ['src/views/presenters/**/*.ts', 'src/webviews/client/**/*.ts', 'src/webviews/*Model.ts', 'src/webviews/protocol.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [vscodeBanned('Presenters, webview models and webview scripts stay free of vscode so they run in plain Node or a browser.')],
          patterns: [
            {
              group: ['@aws-sdk/*', '@smithy/*'],
              allowTypeImports: true,
              message: 'Only src/core calls AWS.',
            },
            { group: ['**/core/aws/loadSdk'], message: 'Only src/core loads the AWS SDK.' },
          ],
        },
      ],
    },
  },
];
