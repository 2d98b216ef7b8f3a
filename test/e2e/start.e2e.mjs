// End-to-end: `npm start` (scripts/vscode/start.mjs, run here without its build step) as a newcomer sees it, in
// a browser of its own: the workbench trusts the scratch folder (no Restricted Mode), opens no Welcome tab and
// no chat panel, shows today's figure in the status bar, and has the 7-day chart open. Runs its own VS Code
// server and fake API, as `npm start` does, and stops them through start.mjs's own Ctrl+C path (SIGTERM).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, RESULTS_DIR, shared } from './harness.mjs';
import { statusItem, waitUntil, webview } from './ui.mjs';

/** Starts start.mjs in a process group of its own; resolves with the URL it prints and a stop(). */
async function startDemo() {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'vscode', 'start.mjs'), '--no-build'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM'); // what Ctrl+C does: start.mjs stops its server and fake API
    } catch {
      return; // already gone
    }
    const outcome = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 20_000))]);
    if (!outcome) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };
  try {
    const url = await waitUntil('npm start to print "Open: <url>"', async () => {
      if (child.exitCode !== null) throw new Error(`start.mjs exited ${child.exitCode}:\n${output}`);
      return /^Open: (\S+)$/m.exec(output)?.[1];
    }, 120_000);
    return { url, stop, output: () => output };
  } catch (error) {
    await stop();
    throw error;
  }
}

describe('npm start: the demo workbench', function () {
  this.timeout(180_000);
  let demo;
  let context;
  /** @type {import('playwright-core').Page} */
  let page;

  before(async function () {
    assert.ok(shared.env, 'the runner did not start the environment');
    demo = await startDemo();
    context = await shared.env.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'en-US' });
    page = await context.newPage();
    await page.goto(demo.url, { waitUntil: 'domcontentloaded' });
    await page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible', timeout: 120_000 });
  });

  afterEach(async function () {
    if (page && this.currentTest?.state === 'failed') {
      await page.screenshot({ path: path.join(RESULTS_DIR, 'failed-npm-start.png'), timeout: 10_000 }).catch(() => {});
    }
  });

  after(async () => {
    await context?.close().catch(() => {});
    await demo?.stop();
  });

  it('opens on the 7-day chart, with today\u2019s figure in the status bar', async () => {
    const item = statusItem(page);
    await waitUntil('today\u2019s figure in the status bar', async () => /^[\d.]+[kM]? chars$/.test((await item.innerText().catch(() => '')).trim()), 90_000);

    const frame = webview(page);
    await frame.locator('#chart svg, #chart canvas').first().waitFor({ state: 'visible', timeout: 90_000 });
    assert.equal(await frame.locator('#preset').inputValue(), 'last7Days');
    assert.match(await frame.locator('#statusText').innerText(), /\b7 days\b/);
  });

  it('shows only the product: one editor tab (the chart), no Welcome tab, no chat panel, no Restricted Mode', async () => {
    const tabs = (await page.locator('.tabs-container .tab').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(tabs, ['ElevenLabs: TTS characters'], 'the chart is the only tab');
    assert.equal(await page.locator('#workbench\\.parts\\.auxiliarybar').isVisible(), false, 'the secondary side bar (chat) is closed');
    assert.equal(await page.getByText('Restricted Mode', { exact: false }).count(), 0, 'no Restricted Mode banner or status item');
    fs.mkdirSync(path.join(RESULTS_DIR, 'screenshots'), { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'screenshots', 'npm-start.png') });
  });
});
