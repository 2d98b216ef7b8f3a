// The end-to-end environment: the bundled fake ElevenLabs API (in this process, 127.0.0.1, ephemeral port), a
// fresh VS Code server (scripts/vscode/server.mjs: its own process group, temp HOME and data dirs) with the
// extension host in a time zone away from UTC, and headless Debian Chromium on the workbench that loads this
// checkout as the extension under development. Only the API base URL is passed to the extension host: no demo
// key, so the tests type the key as a person would.
//
// Everything started here is undone by the returned stop() (last started, first stopped), which the runner
// calls from `finally` and from its signal handlers.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, workbenchUrl } from '../../scripts/vscode/browser.mjs';
import { startServer } from '../../scripts/vscode/server.mjs';
import { cleanupStack } from '../../scripts/vscode/cleanupStack.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');
/**
 * The README's screenshots are rewritten only when asked (ELEVENLABS_USAGE_UPDATE_SCREENSHOTS=1, set by
 * `npm run test:e2e -- --update-screenshots`), so that a test run leaves the work tree clean; otherwise the
 * same pictures go to test-results/e2e/screenshots/ for a look.
 */
export function screenshotsDir() {
  return process.env.ELEVENLABS_USAGE_UPDATE_SCREENSHOTS === '1'
    ? path.join(REPO_ROOT, 'docs', 'screenshots')
    : path.join(RESULTS_DIR, 'screenshots');
}
const require = createRequire(import.meta.url);

/**
 * Removes what an earlier run left in test-results/e2e/ (failure screenshots, the screenshots folder, the server
 * log), so that everything there after a run is from that run. Called by the runner before it builds.
 */
export function clearResults() {
  if (!fs.existsSync(RESULTS_DIR)) return;
  for (const name of fs.readdirSync(RESULTS_DIR)) {
    if (/^failed-.*\.png$/.test(name) || name === 'screenshots' || name === 'server.log') {
      fs.rmSync(path.join(RESULTS_DIR, name), { recursive: true, force: true });
    }
  }
}

/** The compiled fake API (npm run compile-tests), loaded as CommonJS. */
export function loadFakeApi() {
  const server = require(path.join(REPO_ROOT, 'out', 'test', 'fake-api', 'server.js'));
  const events = require(path.join(REPO_ROOT, 'out', 'test', 'fake-api', 'events.js'));
  return { startFakeApi: server.startFakeApi, DEMO_KEY: server.DEMO_KEY, eventsBetween: events.eventsBetween };
}

/**
 * @param {{timeZone: string, headed?: boolean, verbose?: boolean, viewport?: {width: number, height: number}}} options
 */
export async function startEnvironment(options) {
  const { timeZone } = options;
  // A hung step (a stuck browser) must not keep the server's process group alive.
  const cleanups = cleanupStack('[e2e]', { limitMs: 15_000 });
  const stop = () => cleanups.run();

  const env = { cleanups, stop };
  try {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const fake = loadFakeApi();
    env.fake = fake;
    env.api = await fake.startFakeApi({ port: 0 });
    cleanups.push(() => env.api.close(), 'fake API');

    env.workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'elevenlabs-usage-e2e-workspace-'));
    cleanups.push(() => fs.rmSync(env.workspace, { recursive: true, force: true }), 'workspace');
    fs.writeFileSync(path.join(env.workspace, 'README.md'), '# End-to-end test workspace\n');

    const serverLogFile = path.join(RESULTS_DIR, 'server.log');
    const serverLog = fs.createWriteStream(serverLogFile);
    cleanups.push(() => new Promise((r) => serverLog.end(r)), 'server log');
    env.server = await startServer({
      env: { TZ: timeZone },
      log: (line) => {
        if (!serverLog.writableEnded) serverLog.write(line + '\n');
        if (options.verbose) console.log(`[server] ${line}`);
      },
    });
    cleanups.push(() => env.server.stop(), 'VS Code server');

    env.browser = await launchBrowser({ headless: !options.headed });
    cleanups.push(() => env.browser.close(), 'browser');
    env.context = await env.browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      timezoneId: timeZone, // the person sits in the same zone as their extension host
      locale: 'en-US',
    });
    env.page = await env.context.newPage();
    env.url = workbenchUrl({
      port: env.server.port,
      folder: env.workspace,
      extensionDevelopmentPath: REPO_ROOT,
      extensionEnvironment: { ELEVENLABS_USAGE_API_BASE_URL: env.api.url },
    });
    return env;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** What the runner hands to the spec files: the environment started by startEnvironment(). */
export const shared = { env: undefined, timeZone: undefined };
