// The baseline: a plain page, served from 127.0.0.1 without any CSP, that renders the same Vega-Lite spec
// (buildChartSpec from src/chart/spec.ts, the same ChartData the extension's panel showed, the same theme
// fallbacks and layout width) with vega-embed's DEFAULT options (`embed(el, spec)`: default renderer (canvas),
// actions menu, default style, expressions compiled with Function, no interpreter). Bundled with esbuild from the
// repo's node_modules (minified, like the webview bundle). Timed in the page with performance.now():
//   total   navigation start -> painted (loads the bundle, fetches the data, builds the spec, embeds)
//   render  buildChartSpec + embed -> painted (data already in memory; like the webview after 'show')
//   drawn   buildChartSpec + embed -> embed() resolved (before the next frame)
// A second variant, panelOptions, embeds with the panel's own options (canvas above 4,000 points, ast: true with
// vega-interpreter, no actions, no default style) in the same plain page: it tells the options' share from the
// rest (the table, the webview, the host round trip).
// "painted" = embed resolved, then the next animation frame, then one task later (as the webview probe does).
import { createServer } from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const ENTRY = (repoRoot) => `
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { buildChartSpec, chooseRenderer } from ${JSON.stringify(path.join(repoRoot, 'src/chart/spec.ts'))};
import { buildChartTheme } from ${JSON.stringify(path.join(repoRoot, 'src/chart/theme.ts'))};
import { breakdownInfo } from ${JSON.stringify(path.join(repoRoot, 'src/usage/catalog.ts'))};
window.__baseline = { embed, buildChartSpec, chooseRenderer, expressionInterpreter, buildChartTheme, breakdownInfo };
`;

const PAGE = (name, width, variant) => `<!doctype html>
<html><head><meta charset="utf-8"><title>vega-embed baseline ${name}</title></head>
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
    const options = {
      ...(query.aggregationInterval !== undefined ? { interval: query.aggregationInterval } : {}),
      ...(query.aggregationBucketSize !== undefined ? { bucketSeconds: query.aggregationBucketSize } : {}),
      ...(query.breakdownType !== 'none' && data.series.length > 1 ? { breakdownLabel: B.breakdownInfo(query.breakdownType).label } : {}),
      availableWidth: width,
    };
    marks.start = performance.now();
    const spec = B.buildChartSpec(data, theme, options);
    marks.specBuilt = performance.now();
    const result = ${JSON.stringify(variant)} === 'panelOptions'
      // The panel's own embed options (src/webview/chartView.ts) minus its tooltip handler and refusing loader.
      ? await B.embed('#vis', spec, { mode: 'vega-lite', renderer: B.chooseRenderer(data), actions: false, defaultStyle: false, ast: true, expr: B.expressionInterpreter, logLevel: 1 })
      : await B.embed('#vis', spec);
    marks.drawn = performance.now();
    requestAnimationFrame(() => {
      marks.raf = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        marks.painted = performance.now();
        window.__result = { marks, renderer: result.view.renderer(), points: data.time.length * data.series.length };
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
 * @param {{repoRoot: string, browser: import('playwright-core').Browser, datasets: Record<string, {data, query, width}>,
 *          sizes: Array<{name: string, reps: number}>}} options
 */
export async function measureBaseline(options) {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'elevenlabs-usage-bench-baseline-'));
  let server;
  let context;
  try {
    const bundle = fs.readFileSync(await bundleBaseline(options.repoRoot, tempDir));
    server = createServer((req, res) => {
      const url = new URL(req.url, 'http://127.0.0.1');
      const dataMatch = /^\/data\/([^/]+)\.json$/.exec(url.pathname);
      if (url.pathname === '/baseline.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(bundle);
      } else if (dataMatch && options.datasets[decodeURIComponent(dataMatch[1])]) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(options.datasets[decodeURIComponent(dataMatch[1])]));
      } else if (url.pathname === '/' && options.datasets[url.searchParams.get('size')]) {
        const name = url.searchParams.get('size');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(PAGE(name, options.datasets[name].width, url.searchParams.get('variant') || 'defaults'));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const base = `http://127.0.0.1:${server.address().port}`;
    context = await options.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const results = { defaults: {}, panelOptions: {} };
    for (const size of options.sizes) {
      if (!options.datasets[size.name]) continue;
      for (const variant of ['defaults', 'panelOptions']) {
      const runs = [];
      for (let rep = 0; rep < size.reps; rep++) {
        const page = await context.newPage();
        try {
          await page.goto(`${base}/?size=${encodeURIComponent(size.name)}&variant=${variant}`, { waitUntil: 'domcontentloaded' });
          const handle = await page.waitForFunction(() => window.__result, undefined, { polling: 50, timeout: 120_000 });
          const r = await handle.jsonValue();
          if (r.error) throw new Error(`baseline ${size.name}: ${r.error}`);
          const m = r.marks;
          runs.push({
            totalMs: m.painted,
            renderMs: m.painted - m.start,
            drawnMs: m.drawn - m.start,
            specMs: m.specBuilt - m.start,
            loadMs: m.scriptsLoaded,
            renderer: r.renderer,
            points: r.points,
          });
        } finally {
          await page.close();
        }
      }
      results[variant][size.name] = runs;
      }
    }
    return { bundleBytes: bundle.length, results };
  } finally {
    await context?.close().catch(() => {});
    if (server) await new Promise((r) => { server.close(() => r()); server.closeAllConnections(); });
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}
