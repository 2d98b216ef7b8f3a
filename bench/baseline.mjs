// The baselines: plain pages, served from 127.0.0.1 without any CSP, that draw a chart of the same ChartData our
// panel showed (same theme fallbacks, same layout width) with vega-embed's DEFAULT options (`embed(el, spec)`:
// canvas renderer, actions menu, default style, expressions compiled with Function, no interpreter), bundled with
// esbuild from the repo's node_modules (minified, like the webview bundle):
//   sameSpec  the very spec our panel draws: buildChartSpec from src/chart/spec/chartDrawings.ts, built in the page
//   raw       what a Vega panel in VS Code draws today: the same spec with every bucket of every series as its
//             data (rows made by src/chart/spec/chartRows.ts's chartRows, undecimated), as vega-embed gets it
// Timed in the page with performance.now():
//   total   navigation start -> painted (loads the bundle, fetches the data, builds the spec, embeds)
//   render  spec built + embed -> painted (data already in memory)
//   drawn   spec built + embed -> embed() resolved (before the next frame)
// "painted" = embed resolved, then the next animation frame, then one task later (as the webview probe does).
// The runner renders one page of each variant next to each of our runs (bench/host/suite.js), in the same browser.
import { createServer } from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const ENTRY = (repoRoot) => `
import embed from 'vega-embed';
import { buildChartSpec } from ${JSON.stringify(path.join(repoRoot, 'src/chart/spec/chartDrawings.ts'))};
import { chartRows } from ${JSON.stringify(path.join(repoRoot, 'src/chart/spec/chartRows.ts'))};
import { LINE_DETAIL_LIMIT } from ${JSON.stringify(path.join(repoRoot, 'src/chart/spec/markKind.ts'))};
import { specOptions } from ${JSON.stringify(path.join(repoRoot, 'src/chart/spec/specOptions.ts'))};
import { buildChartTheme } from ${JSON.stringify(path.join(repoRoot, 'src/chart/drawn/theme.ts'))};

/**
 * Every bucket's rows: chartRows of slices short enough that it keeps them all (it decimates only beyond
 * LINE_DETAIL_LIMIT buckets), each with the series' totals of the whole window (the legend keys).
 */
function undecimatedRows(data) {
  const slices = Math.ceil(data.time.length / LINE_DETAIL_LIMIT);
  const size = Math.ceil(data.time.length / slices);
  const rows = [];
  for (let first = 0; first < data.time.length; first += size) {
    const slice = {
      ...data,
      time: data.time.slice(first, first + size),
      ends: data.ends.slice(first, first + size),
      partial: data.partial.slice(first, first + size),
      series: data.series.map((s) => ({ ...s, values: s.values.slice(first, first + size) })),
    };
    rows.push(...chartRows(slice));
  }
  return rows;
}

window.__baseline = { embed, buildChartSpec, buildChartTheme, specOptions, undecimatedRows };
`;

const PAGE = (name, width, variant) => `<!doctype html>
<html><head><meta charset="utf-8"><title>vega-embed baseline ${name} ${variant}</title></head>
<body style="margin:0;padding:8px;background:#1f1f1f">
<div id="vis" style="width:${width}px"></div>
<script src="/baseline.js"></script>
<script>
(async () => {
  const marks = { scriptsLoaded: performance.now() };
  try {
    const response = await fetch('/data/${encodeURIComponent(name)}.json');
    const { data, query, width } = await response.json();
    marks.dataReady = performance.now();
    const B = window.__baseline;
    const theme = B.buildChartTheme(() => '', 'dark');
    marks.start = performance.now();
    const spec = B.buildChartSpec(data, theme, B.specOptions(data, query, width));
    if (${JSON.stringify(variant)} === 'raw') spec.data = { values: B.undecimatedRows(data) };
    marks.specBuilt = performance.now();
    const result = await B.embed('#vis', spec);
    marks.drawn = performance.now();
    requestAnimationFrame(() => {
      marks.raf = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        marks.painted = performance.now();
        window.__result = { marks, renderer: result.view.renderer(), rows: spec.data.values.length };
      };
      channel.port2.postMessage(0);
    });
  } catch (error) {
    window.__result = { error: String(error && error.stack || error) };
  }
})();
</script></body></html>`;

export async function bundleBaseline(repoRoot, tempDir) {
  const require = createRequire(path.join(repoRoot, 'package.json'));
  const esbuild = require('esbuild');
  const outfile = path.join(tempDir, 'baseline.js');
  await esbuild.build({
    stdin: { contents: ENTRY(repoRoot), resolveDir: repoRoot, loader: 'ts', sourcefile: 'baseline-entry.ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outfile,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return outfile;
}

/**
 * The baseline pages' server, and a function that renders one page in `browser` and returns its figures.
 * @param {{repoRoot: string}} options
 */
export async function startBaseline(options) {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'elevenlabs-usage-bench-baseline-'));
  const datasets = {};
  let server;
  try {
    const bundle = fs.readFileSync(await bundleBaseline(options.repoRoot, tempDir));
    server = createServer((req, res) => {
      const url = new URL(req.url, 'http://127.0.0.1');
      const dataMatch = /^\/data\/([^/]+)\.json$/.exec(url.pathname);
      if (url.pathname === '/baseline.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(bundle);
      } else if (dataMatch && datasets[decodeURIComponent(dataMatch[1])]) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(datasets[decodeURIComponent(dataMatch[1])]));
      } else if (url.pathname === '/' && datasets[url.searchParams.get('size')]) {
        const name = url.searchParams.get('size');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(PAGE(name, datasets[name].width, url.searchParams.get('variant') || 'sameSpec'));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
  } catch (error) {
    fs.rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    bundleBytes: fs.statSync(path.join(tempDir, 'baseline.js')).size,
    /** Renders `variant` of `size` once in a fresh page of `browser`. */
    async render(browser, size, variant, dataset) {
      datasets[size] = dataset;
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(`${base}/?size=${encodeURIComponent(size)}&variant=${variant}`, { waitUntil: 'domcontentloaded' });
        const handle = await page.waitForFunction(() => window.__result, undefined, { polling: 50, timeout: 180_000 });
        const r = await handle.jsonValue();
        if (r.error) throw new Error(`baseline ${size} ${variant}: ${r.error}`);
        const m = r.marks;
        return {
          variant,
          totalMs: m.painted,
          renderMs: m.painted - m.start,
          drawnMs: m.drawn - m.start,
          specMs: m.specBuilt - m.start,
          loadMs: m.scriptsLoaded,
          renderer: r.renderer,
          rows: r.rows,
        };
      } finally {
        await context.close().catch(() => {});
      }
    },
    close: async () => {
      await new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
