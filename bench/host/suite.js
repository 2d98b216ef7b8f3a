// The benchmark's in-host "suite": VS Code loads it in the extension host as extensionTestsPath (like the
// integration runner does) and awaits run(). It talks to bench/vscode.mjs over HTTP on 127.0.0.1
// (ELEVENLABS_BENCH_CONTROL): it reads the plan, reports the extension's start-up timings, and for the chart
// plan invokes elevenlabsUsage.showUsage with arguments, reporting the invoke time (wall clock,
// performance.timeOrigin + performance.now()) and waiting until the runner has seen the webview paint.
// CommonJS, plain JS (bench/ is not compiled); vscode.mjs copies it into the extension folder it runs.
'use strict';
const vscode = require('vscode');

const EXTENSION_ID = 'elevenlabs-usage.elevenlabs-usage';
const CONTROL = process.env.ELEVENLABS_BENCH_CONTROL;
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(method, path, body) {
  const response = await fetch(CONTROL + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

exports.run = async function run() {
  try {
    const plan = await call('GET', '/plan');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
    // Wait for the normal activation (onStartupFinished) and the status bar's first figure; never force it.
    await waitFor(() => extension.isActive && extension.exports && extension.exports.timings.firstFigureMs !== undefined, 60_000, 'the first figure');
    const api = extension.exports;
    await call('POST', '/activation', {
      activateMs: api.timings.activateMs,
      firstFigureMs: api.timings.firstFigureMs,
      statusText: api.statusBar.view && api.statusBar.view.text,
      statusKind: api.statusBar.state && api.statusBar.state.kind,
      hostWallNow: wallNow(),
    });

    if (plan.mode === 'charts') {
      for (const size of plan.sizes) {
        for (let rep = 0; rep < size.reps; rep++) {
          await vscode.commands.executeCommand('workbench.action.closeAllEditors');
          await sleep(plan.settleMs);
          await call('POST', '/arm', { size: size.name, rep });
          const t0 = wallNow();
          await vscode.commands.executeCommand('elevenlabsUsage.showUsage', size.args);
          const t1 = wallNow();
          const state = api.chartPanel.state;
          const data = state && state.data;
          await call('POST', '/invoked', {
            size: size.name,
            rep,
            t0,
            t1,
            buckets: data ? data.time.length : 0,
            series: data ? data.series.length : 0,
            query: state && state.query,
            data: rep === 0 ? data : undefined,
          });
          await call('GET', `/painted?size=${encodeURIComponent(size.name)}&rep=${rep}`);
        }
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    await call('GET', '/release');
    await call('POST', '/done', { ok: true });
  } catch (error) {
    try {
      await call('POST', '/done', { ok: false, error: String((error && error.stack) || error) });
    } catch {
      /* the runner is gone */
    }
    throw error;
  }
};
