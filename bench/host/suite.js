// The benchmark's in-host "suite": VS Code loads it in the extension host as extensionTestsPath (like the
// integration runner does) and awaits run(). It talks to bench/vscode.mjs over HTTP on 127.0.0.1
// (ELEVENLABS_BENCH_CONTROL): it reads the plan, reports the extension's start-up timings, and runs the plan's
// steps, reporting each step's start time (wall clock, performance.timeOrigin + performance.now()) and waiting
// until the runner has seen the webview paint:
//   statusBar  clicks on the status bar item (the runner clicks in the page): the first chart of the session
//              (cold), then with the panel closed (warm) and with the panel open (open)
//   sizes      elevenlabsUsage.showUsage per chart size in a fresh panel, each run next to one run of the
//              baseline pages (the runner renders them in the same browser: before our run, or after it for the
//              first, whose data they need)
//   reuse      with a panel open, a theme change, another metric and another window: drawn in the view on
//              screen, or anew (the probe tells which)
//   memory     ten successive queries in one panel (the page's heap after the first and the last), and 200
//              status bar refreshes (the extension host's heap after 20 and after 200)
// CommonJS, plain JS (bench/ is not compiled); vscode.mjs copies it into the extension folder it runs.
'use strict';
const v8 = require('node:v8');
const vm = require('node:vm');
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

/** The extension host's heap after a full collection (so garbage not yet collected does not read as growth). */
function hostHeap() {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  gc();
  return process.memoryUsage().heapUsed;
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
    const closeAll = async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await sleep(plan.settleMs);
    };

    /** One timed step: arm, act (returns the invoke times), wait for the paint; then what the panel did meanwhile. */
    const step = async (size, rep, expect, act, extra = {}) => {
      await call('POST', '/arm', { size, rep, expect, ...extra });
      const armedAt = wallNow();
      const invoked = await act();
      if (invoked) await call('POST', '/invoked', { size, rep, ...invoked });
      const { ok } = await call('GET', `/painted?size=${encodeURIComponent(size)}&rep=${rep}`);
      if (!ok) throw new Error(`no paint for ${size} #${rep} (${expect})`);
      const state = api.chartPanel.state;
      if (state) {
        await call('POST', '/diagnostics', {
          compiles: state.compiles.filter((c) => c.atMs >= armedAt),
          delivered: state.delivered.filter((d) => d.atMs >= armedAt),
        });
      }
    };
    const showUsage = async (args) => {
      const t0 = wallNow();
      await vscode.commands.executeCommand('elevenlabsUsage.showUsage', args);
      const t1 = wallNow();
      const state = api.chartPanel.state;
      const data = state && state.data;
      return { t0, t1, buckets: data ? data.time.length : 0, series: data ? data.series.length : 0, query: state && state.query, data };
    };

    if (plan.statusBar) {
      await closeAll();
      await step('statusBar-cold', 0, 'fresh', () => call('POST', '/click', { target: 'statusBar' }).then(() => undefined));
      for (let rep = 0; rep < plan.statusBar.warmReps; rep++) {
        await closeAll();
        await step('statusBar-warm', rep, 'fresh', () => call('POST', '/click', { target: 'statusBar' }).then(() => undefined));
        await step('statusBar-open', rep, 'redraw', () => call('POST', '/click', { target: 'statusBar' }).then(() => undefined));
      }
      await closeAll();
    }

    for (const size of plan.sizes || []) {
      for (let rep = 0; rep < size.reps; rep++) {
        await closeAll();
        if (rep > 0 && plan.baseline) await call('POST', '/baseline', { size: size.name, rep });
        await step(size.name, rep, 'fresh', async () => {
          const invoked = await showUsage(size.args);
          return { ...invoked, data: rep === 0 ? invoked.data : undefined };
        });
        if (rep === 0 && plan.baseline) {
          await closeAll();
          await call('POST', '/baseline', { size: size.name, rep });
        }
      }
    }

    if (plan.localCalendar) {
      // Issue 11's figure: the same year by day, in the user's zone far from UTC (fine buckets summed into local
      // days, in several requests) and in the API's UTC days, alternating, each in a fresh panel.
      const lc = plan.localCalendar;
      const config = vscode.workspace.getConfiguration('elevenlabsUsage');
      const zoneBefore = config.inspect('timeZone').globalValue;
      await config.update('timeZone', lc.timeZone, vscode.ConfigurationTarget.Global);
      await call('POST', '/fake', { splitSeries: lc.splitSeries });
      try {
        for (let rep = 0; rep < lc.reps; rep++) {
          for (const variant of ['utc', 'local']) {
            await closeAll();
            await step(`localCalendar-${variant}`, rep, 'fresh', async () => ({ ...(await showUsage({ ...lc.args, utcBuckets: variant === 'utc' })), data: undefined }));
          }
        }
      } finally {
        await call('POST', '/fake', { splitSeries: null });
        await config.update('timeZone', zoneBefore, vscode.ConfigurationTarget.Global);
      }
    }

    if (plan.successor) {
      // Issue 19's figure: a year of local days by model from the successor endpoint (one request, days the service
      // makes in the user's zone) against the same from character-stats (fine buckets summed here), alternating.
      const sc = plan.successor;
      const config = vscode.workspace.getConfiguration('elevenlabsUsage');
      const zoneBefore = config.inspect('timeZone').globalValue;
      await config.update('timeZone', sc.timeZone, vscode.ConfigurationTarget.Global);
      try {
        for (let rep = 0; rep < sc.reps; rep++) {
          for (const variant of ['characterStats', 'analytics']) {
            await closeAll();
            await step(`successor-${variant}`, rep, 'fresh', async () => ({ ...(await showUsage(sc.args[variant])), data: undefined }));
          }
        }
      } finally {
        await config.update('timeZone', zoneBefore, vscode.ConfigurationTarget.Global);
      }
    }

    if (plan.reuse) {
      const config = vscode.workspace.getConfiguration('workbench');
      const originalTheme = config.get('colorTheme');
      try {
        for (const size of plan.reuse.sizes) {
          await closeAll();
          await step(`${size.name}-open`, 0, 'fresh', () => showUsage(size.args));
          const transitions = {
            theme: (even) => async () => {
              const t0 = wallNow();
              await config.update('colorTheme', even ? plan.reuse.lightTheme : plan.reuse.darkTheme, vscode.ConfigurationTarget.Global);
              return { t0, t1: wallNow() };
            },
            metric: (even) => () => showUsage({ ...size.args, metric: even ? 'credits' : size.args.metric }),
            window: (even) => () => {
              const shift = even ? plan.reuse.windowShiftMs : 0;
              return showUsage({ ...size.args, startUnix: size.args.startUnix - shift, endUnix: size.args.endUnix - shift });
            },
          };
          for (const [name, act] of Object.entries(transitions)) {
            for (let rep = 0; rep < plan.reuse.reps; rep++) {
              await step(`${size.name}-${name}`, rep, 'redraw', act(rep % 2 === 0), { transition: name });
            }
            // Back where the transitions started, for the next kind.
            if (plan.reuse.reps % 2 === 1) await step(`${size.name}-${name}-back`, 0, 'redraw', act(false), { transition: name });
          }
        }
      } finally {
        await config.update('colorTheme', originalTheme, vscode.ConfigurationTarget.Global);
      }
    }

    if (plan.memory) {
      const size = plan.memory.size;
      await closeAll();
      for (let query = 1; query <= plan.memory.queries; query++) {
        const shift = (query % 4) * plan.reuse.windowShiftMs;
        const args = { ...size.args, metric: query % 2 === 0 ? 'credits' : size.args.metric, startUnix: size.args.startUnix - shift, endUnix: size.args.endUnix - shift };
        await step(`memory`, query, query === 1 ? 'fresh' : 'redraw', () => showUsage(args));
        if (query === 1 || query === plan.memory.queries) {
          await sleep(plan.settleMs);
          await call('POST', '/pageHeap', { what: `page after query ${query}` });
          await call('POST', '/hostHeap', { what: `extension host after query ${query}`, bytes: hostHeap() });
        }
      }
      await closeAll();
      for (let refresh = 1; refresh <= plan.memory.refreshes; refresh++) {
        await vscode.commands.executeCommand('elevenlabsUsage.refresh');
        if (refresh === plan.memory.refreshWarmup || refresh === plan.memory.refreshes) {
          await call('POST', '/hostHeap', { what: `extension host after ${refresh} refreshes`, bytes: hostHeap() });
        }
      }
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
