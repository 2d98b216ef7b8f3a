// One cold start of a real VS Code (the server build in code-server, Node 24) driven by headless Debian Chromium
// (scripts/vscode/*), with the production-built extension from sizes.mjs as extensionDevelopmentPath and the
// bench's in-host suite (host/suite.js) as extensionTestsPath. Activation figures come from the extension's own
// `timings` (read in the host); chart figures from the suite's invoke time and the webview probe's paint marks,
// both on the machine's wall clock (performance.timeOrigin + performance.now() in each process).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { launchBrowser, workbenchUrl } from '../scripts/vscode/browser.mjs';
import { startServer } from '../scripts/vscode/server.mjs';
import { startControl } from './control.mjs';
import { cleanupStack } from '../scripts/vscode/cleanupStack.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROBE = path.join(HERE, 'webview-probe.js');
const STATUS_ITEM = '[id="elevenlabs-usage.elevenlabs-usage.elevenlabsUsage.status"]';

/**
 * The JS heap of the webview's document after a full collection, in bytes: through a CDP session on its frame
 * when Chromium runs it in a process of its own, else on the workbench page (one V8 heap for both: say which).
 */
async function webviewHeap(page) {
  let session;
  let scope = 'workbench page and its webviews (one V8 heap)';
  for (const candidate of page.frames()) {
    if (candidate.isDetached() || candidate === page.mainFrame()) continue;
    const isPanel = await candidate.evaluate(() => document.getElementById('chart') !== null).catch(() => false);
    if (!isPanel) continue;
    try {
      session = await page.context().newCDPSession(candidate);
      scope = 'the chart webview (its own process)';
    } catch {
      /* the frame shares the page's process */
    }
    break;
  }
  session ??= await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const { usedSize, totalSize } = await session.send('Runtime.getHeapUsage');
    return { bytes: usedSize, totalBytes: totalSize, scope };
  } finally {
    await session.detach().catch(() => {});
  }
}

/**
 * @param {{extDir: string, api: {url: string, validKey: string}, plan: object, verbose?: boolean,
 *          baseline?: {render: Function}, afterSuite?: (browser) => Promise<void>, timeoutMs?: number}} options
 */
export async function runSession(options) {
  const cleanups = cleanupStack('[bench]', { limitMs: 15_000 });
  const cleanup = () => cleanups.run();
  const result = { ok: false };
  try {
    // The suite must sit inside the extension's folder so that its require('vscode') resolves to this extension.
    const suitePath = path.join(options.extDir, 'bench-suite.js');
    fs.copyFileSync(path.join(HERE, 'host', 'suite.js'), suitePath);

    const control = await startControl(options.plan);
    cleanups.push(() => control.close());
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'elevenlabs-usage-bench-ws-'));
    cleanups.push(() => fs.rmSync(workspace, { recursive: true, force: true }));
    fs.writeFileSync(path.join(workspace, 'README.md'), '# Benchmark workspace\n');

    const serverLines = [];
    const serverStart = performance.now();
    const server = await startServer({ log: (line) => serverLines.push(line) });
    cleanups.push(() => server.stop());
    result.serverStartMs = performance.now() - serverStart;

    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    cleanups.push(() => page.close().catch(() => {}));
    let settle;
    const exited = new Promise((r) => (settle = r));
    const hostLines = [];
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = Array.isArray(args) ? format(...args) : String(args);
      hostLines.push(`[${type}] ${text}`);
      if (options.verbose) console.log(`[host:${type}] ${text}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => settle({ code: Number(code) }));
    await page.exposeFunction('__benchReport', (json) => control.onProbe(JSON.parse(json)));
    page.on('crash', () => settle({ code: 1, reason: 'page crashed' }));
    await page.addInitScript({ path: PROBE });
    control.hooks.click = async (target) => {
      if (target !== 'statusBar') throw new Error(`no such click target: ${target}`);
      const item = page.locator(`#workbench\\.parts\\.statusbar ${STATUS_ITEM}`);
      await item.waitFor({ state: 'visible' });
      const t0 = performance.timeOrigin + performance.now();
      await item.click();
      return t0;
    };
    control.hooks.pageHeap = () => webviewHeap(page);
    control.hooks.fake = (update) => options.api.setSplitSeries(update.splitSeries ?? undefined);
    if (options.baseline) {
      control.hooks.baseline = async (size, rep, dataset) => {
        const variants = options.plan.sizes.find((s) => s.name === size)?.baselines ?? ['sameSpec'];
        const results = [];
        for (const variant of variants) results.push(await options.baseline.render(browser, size, variant, dataset));
        return results;
      };
    }

    const url = workbenchUrl({
      port: server.port,
      folder: workspace,
      extensionDevelopmentPath: options.extDir,
      extensionTestsPath: suitePath,
      extensionEnvironment: {
        ELEVENLABS_USAGE_API_BASE_URL: options.api.url,
        ELEVENLABS_USAGE_DEMO_KEY: options.api.validKey,
        ELEVENLABS_BENCH_CONTROL: control.url,
      },
    });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    // From the page: navigation start -> the status bar item shows a figure (polled every 20 ms).
    const statusFigure = page
      .waitForFunction(
        (selector) => {
          const el = document.querySelector(`#workbench\\.parts\\.statusbar ${selector}`);
          return el && /\d/.test(el.textContent || '') ? { atMs: performance.now(), text: el.textContent.trim() } : false;
        },
        STATUS_ITEM,
        { polling: 20, timeout: 90_000 },
      )
      .then((handle) => handle.jsonValue())
      .catch(() => undefined);
    control.holdUntil(statusFigure);

    const timeoutMs = options.timeoutMs ?? 300_000;
    const timer = setTimeout(() => settle({ code: 1, reason: `timed out after ${timeoutMs / 1000} s` }), timeoutMs);
    cleanups.push(() => clearTimeout(timer));
    const exit = await Promise.race([exited, control.done.then(() => exited)]);
    result.exitCode = exit.code;
    result.reason = exit.reason;
    result.statusFigure = await Promise.race([statusFigure, new Promise((r) => setTimeout(() => r(undefined), 1000))]);
    result.activation = control.state.activation;
    result.done = control.state.done;
    result.runs = control.state.runs;
    result.baselines = control.state.baselines;
    result.heaps = control.state.heaps;
    result.data = control.state.data;
    result.ok = exit.code === 0 && control.state.done?.ok === true;
    if (!result.ok) {
      result.hostLogTail = hostLines.slice(-40);
      result.serverLogTail = serverLines.slice(-20);
    }
    // The workbench and server go before anything else runs in this browser (the baseline).
    await page.close().catch(() => {});
    await server.stop();
    if (options.afterSuite && result.ok) await options.afterSuite(browser, result);
    return result;
  } finally {
    await cleanup();
  }
}
