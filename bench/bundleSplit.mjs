// Whether splitting the extension host's code into two bundles pays: dist/extension.js (activation, status bar,
// key) with dist/chart.js loaded when a chart first opens, against one bundle holding both. Builds both layouts
// with the production settings of esbuild.js into a temp folder, then loads each in fresh Node processes (with
// a stand-in `vscode` module: loading only defines things, activate() is not run) and measures the time to
// load and compile the bundle and the heap it takes. Medians of `runs` processes each, in one run, so the ratio
// holds whatever the machine.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { summary } from './stats.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Runs in a fresh process: loads the bundles named on the command line, one after the other, and prints figures. */
const LOADER = `
const Module = require('node:module');
const path = require('node:path');
const stub = new Proxy(function () {}, { get: (target, key) => (key === '__esModule' ? false : stub), apply: () => stub, construct: () => stub });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };
const figures = [];
for (const file of process.argv.slice(1)) {
  global.gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  require(path.resolve(file));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  global.gc();
  figures.push({ ms, heapKiB: (process.memoryUsage().heapUsed - heapBefore) / 1024 });
}
process.stdout.write(JSON.stringify(figures));
`;

async function build(outdir, single) {
  const esbuild = require('esbuild');
  // One bundle: the lazy require('./chart.js') of extension.ts resolves to the chart's sources, so they are in it.
  const inline = {
    name: 'inline-chart',
    setup(b) {
      b.onResolve({ filter: /^\.\/chart\.js$/ }, () => ({ path: path.join(REPO_ROOT, 'src', 'chartFeature.ts') }));
    },
  };
  // The alias as in esbuild.js: Vega-Lite's helpers from vega-util, not the whole Vega runtime.
  const common = { bundle: true, minify: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'silent', alias: { vega: 'vega-util' }, define: { 'process.env.NODE_ENV': '"production"' } };
  await esbuild.build({ ...common, entryPoints: [path.join(REPO_ROOT, 'src', 'extension.ts')], outfile: path.join(outdir, 'extension.js'), external: single ? ['vscode'] : ['vscode', './chart.js'], plugins: single ? [inline] : [] });
  if (!single) {
    await esbuild.build({ ...common, entryPoints: [path.join(REPO_ROOT, 'src', 'chartFeature.ts')], outfile: path.join(outdir, 'chart.js'), external: ['vscode'] });
  }
}

function loadOnce(files) {
  const result = spawnSync(process.execPath, ['--expose-gc', '-e', LOADER, ...files], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`loading ${files.join(', ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Loads each layout `runs` times, taking turns, so that both see the same machine load; medians per file. */
function load(layouts, runs) {
  const samples = layouts.map(() => []);
  for (let i = 0; i < runs; i++) {
    layouts.forEach((files, j) => samples[j].push(loadOnce(files)));
  }
  return layouts.map((files, j) => files.map((_, i) => ({ ms: summary(samples[j].map((s) => s[i].ms)).median, heapKiB: summary(samples[j].map((s) => s[i].heapKiB)).median })));
}

/** @returns the figures of both layouts, and the ratio of the single bundle's load time to the split's. */
export async function measureBundleSplit({ runs = 31 } = {}) {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'elevenlabs-usage-bundles-'));
  try {
    const split = path.join(temp, 'split');
    const single = path.join(temp, 'single');
    await build(split, false);
    await build(single, true);
    const [[splitActivation, splitChart], [singleActivation]] = load([[path.join(split, 'extension.js'), path.join(split, 'chart.js')], [path.join(single, 'extension.js')]], runs);
    const size = (file) => fs.statSync(file).size / 1024;
    return {
      runs,
      split: { activationKiB: size(path.join(split, 'extension.js')), chartKiB: size(path.join(split, 'chart.js')), loadMs: splitActivation.ms, heapKiB: splitActivation.heapKiB, chartLoadMs: splitChart.ms, chartHeapKiB: splitChart.heapKiB },
      single: { activationKiB: size(path.join(single, 'extension.js')), loadMs: singleActivation.ms, heapKiB: singleActivation.heapKiB },
    };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const figures = await measureBundleSplit();
  console.log(JSON.stringify(figures, null, 2));
  console.log(`single bundle load / split activation bundle load: ${(figures.single.loadMs / figures.split.loadMs).toFixed(2)}x`);
}
