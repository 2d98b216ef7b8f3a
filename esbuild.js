// Builds the bundles of the extension, after the official esbuild sample:
//   dist/extension.js      the extension host (node, cjs, `vscode` external): activation and the status bar
//   dist/chart.js          the chart's host side (node, cjs), loaded by extension.js when a chart first opens; it
//                          compiles the charts with Vega-Lite (src/chart/compile/compile.ts)
//   media/dist/webview.js  the chart webview (browser, iife): Vega's runtime, no Vega-Lite
// `--production` minifies and drops source maps; `--watch` rebuilds on change and reports in the
// problem-matcher format that .vscode/tasks.json (esbuild-problem-matchers) understands.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').Plugin} */
const esbuildProblemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => {
      console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      console.log('[watch] build finished');
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const shared = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  // The problem-matcher lines are for the watch task; a one-off build (npm start, npm test) reports errors only.
  plugins: watch ? [esbuildProblemMatcherPlugin] : [],
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

const bundles = [
  {
    ...shared,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode', './chart.js'],
  },
  {
    ...shared,
    entryPoints: ['src/chartFeature.ts'],
    outfile: 'dist/chart.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    // Vega-Lite imports four helpers (stringValue, hasOwnProperty, isObject, isString) from `vega`, which
    // re-exports them from vega-util; taken from `vega` they would bring the whole Vega runtime (and its
    // top-level await for node-canvas) into a bundle that never draws.
    alias: { vega: 'vega-util' },
  },
  {
    ...shared,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'media/dist/webview.js',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  },
];

async function main() {
  const contexts = await Promise.all(bundles.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  try {
    for (const ctx of contexts) {
      const result = await ctx.rebuild();
      if (result.errors.length > 0) {
        process.exitCode = 1;
      }
    }
  } finally {
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
}

main().catch((error) => {
  // A build error carries its file, line and text in the message; the stack is esbuild's own.
  console.error(Array.isArray(error.errors) ? error.message : error);
  process.exit(1);
});
