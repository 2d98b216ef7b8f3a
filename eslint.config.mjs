// ESLint (flat config): the recommended JavaScript and TypeScript rules, and the layers of src/ held by the
// rule `layers/imports` (scripts/eslint/layers.mjs), which reads every import as the file it resolves to, so that
// a file in any subfolder is held like one at the top of its layer. `npm run lint` runs in `npm test`;
// test/unit/lintLayers.test.ts proves that each forbidden edge is refused and today's edges are accepted.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './scripts/eslint/layers.mjs';

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src');

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
  {
    files: ['src/**/*.ts'],
    plugins: { layers: layersPlugin(SRC) },
    rules: { 'layers/imports': 'error' },
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
