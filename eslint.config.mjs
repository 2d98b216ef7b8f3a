// ESLint (flat config): the recommended JavaScript and TypeScript rules, and the layers of src/ held by
// no-restricted-imports. Dependencies point one way:
//
//   api  <-  usage  <-  status, chart  <-  protocol  <-  ui, webview  <-  extension.ts, chartFeature.ts
//
// and only src/ui, src/extension.ts and src/chartFeature.ts may import the `vscode` module: everything below
// is plain TypeScript, tested in plain mocha. The webview is a browser page: it may use protocol, chart and
// usage code, never the host's ui or status code. `npm run lint` runs in `npm test`;
// test/unit/lintLayers.test.ts proves that an import pointing up a layer fails.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import patterns (relative to a file one folder below src/) of the layers above a folder. */
const LAYERS_ABOVE = {
  api: ['usage', 'status', 'chart', 'ui', 'webview'],
  usage: ['status', 'chart', 'ui', 'webview'],
  status: ['chart', 'ui', 'webview'],
  chart: ['status', 'ui', 'webview'],
  webview: ['status', 'ui'],
  ui: ['webview'],
};
const TOP_FILES = ['protocol', 'extension', 'chartFeature'];

const VSCODE = { name: 'vscode', message: 'Only src/ui (and the entry points) may use the vscode module: keep this layer pure.' };

function layerRule(folder) {
  const above = LAYERS_ABOVE[folder];
  // The webview and ui sit above protocol; everything else below it.
  const topFiles = folder === 'webview' || folder === 'ui' ? TOP_FILES.filter((f) => f !== 'protocol') : TOP_FILES;
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: folder === 'ui' ? [] : [VSCODE],
          patterns: [
            {
              group: [...above.flatMap((layer) => [`../${layer}`, `../${layer}/*`]), ...topFiles.map((file) => `../${file}`)],
              message: `src/${folder} may not import from a layer above it (${[...above, ...topFiles].join(', ')}): see eslint.config.mjs.`,
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'media/dist/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...Object.keys(LAYERS_ABOVE).map(layerRule),
  {
    files: ['src/protocol.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [VSCODE], patterns: [{ group: ['./ui/*', './webview/*', './status/*', './extension', './chartFeature'], message: 'protocol sits below ui and webview.' }] },
      ],
    },
  },
  {
    // Scripts, benchmarks and end-to-end tests run in Node.
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // CommonJS: esbuild's config, mocha's reporter, the benchmark's in-host suite.
    files: ['**/*.cjs', 'esbuild.js', 'bench/host/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Run in the webview by the benchmark.
    files: ['bench/webview-probe.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Playwright runs some of their functions inside the page (page.evaluate): browser globals there.
    files: ['test/e2e/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['test/e2e/*.e2e.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.mocha } },
  },
);
