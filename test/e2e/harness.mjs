// The end-to-end environments, in two kinds:
// - 'workbench': the bundled fake ElevenLabs API (in this process, 127.0.0.1, ephemeral port), a fresh VS Code
//   server (scripts/vscode/server.mjs: its own process group, temp HOME and data dirs) with the extension host in a
//   time zone away from UTC, and headless Debian Chromium on the workbench that loads this checkout as the
//   extension under development. Only the API base URL is passed to the extension host: no demo key, so the tests
//   type the key as a person would.
// - 'installed': the extension as users get it. The packaged .vsix is installed with --install-extension
//   (production mode: no development path, no overrides, no special environment for the extension); settings and
//   a keybinding are written into User/settings.json and User/keybindings.json as a user writes them. The API host
//   is a real residency host name (api.eu.residency.elevenlabs.io): the fake API serves it over HTTPS with a test
//   certificate, and every request of the server and its extension host goes through a recording proxy, so a
//   request to any other host is seen. The extension host, the browser and the user's setting are in three
//   different time zones.
//
// Everything started here is undone by the returned stop() (last started, first stopped), which the runner
// calls from `finally` and from its signal handlers.
import { minimalLanguagePack } from './languagePack.mjs';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, workbenchUrl } from '../../scripts/vscode/browser.mjs';
import { startServer } from '../../scripts/vscode/server.mjs';
import { cleanupStack } from '../../scripts/vscode/cleanupStack.mjs';
import { startRecordingProxy } from './recordingProxy.mjs';
import { makeTestCertificates } from './testCertificates.mjs';

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
  const subscription = require(path.join(REPO_ROOT, 'out', 'test', 'fake-api', 'subscription.js'));
  return {
    startFakeApi: server.startFakeApi,
    DEMO_KEY: server.DEMO_KEY,
    eventsBetween: events.eventsBetween,
    subscriptionPeriod: subscription.subscriptionPeriod,
  };
}

/**
 * The installed suite's three zones: the extension host's (TZ), the browser's, and the user's setting. All far
 * from UTC and from each other (Kathmandu has a 45-minute offset), so that mixing any two shows.
 */
export const INSTALLED_ZONES = { host: 'Pacific/Auckland', browser: 'America/Los_Angeles', user: 'Asia/Kathmandu' };

/** A keybinding as a user writes it, with null for "not set" as the API spells it. */
export const INSTALLED_KEYBINDING = {
  key: 'ctrl+alt+u',
  command: 'elevenlabsUsage.showUsage',
  args: { preset: 'last7Days', aggregationInterval: 'day', aggregationBucketSize: null, breakdownType: null, metric: 'tts_characters', includeWorkspaceMetrics: null },
};

/** A second keybinding: the successor endpoint's credits by model, as the README shows it. */
export const INSTALLED_ANALYTICS_KEYBINDING = {
  key: 'ctrl+alt+k',
  command: 'elevenlabsUsage.showUsage',
  args: { preset: 'last7Days', source: 'analytics', groupBy: ['model'], filters: null },
};

/** The residency host the installed extension is configured for, served by the fake API through the proxy. */
export const INSTALLED_API_HOST = 'api.eu.residency.elevenlabs.io';

/**
 * @param {{
 *   timeZone: string,                 the extension host's zone (TZ); in 'workbench' also the browser's
 *   kind?: 'workbench' | 'installed',
 *   vsix?: string,                    'installed': the packaged extension
 *   olderVsix?: string,               'installed': an earlier version, installed at the start in its place (the
 *                                     suite then installs `vsix` over it, as an update: env.installExtension)
 *   browserTimeZone?: string,         'installed': the browser's zone
 *   userTimeZone?: string,            'installed': elevenlabsUsage.timeZone in the User settings
 *   keybindings?: object[],           'installed': User/keybindings.json
 *   locale?: string,                  VS Code's display language (--locale, with a minimal language pack for it)
 *   demoKey?: boolean,                'workbench': the fake's key from the start (ELEVENLABS_USAGE_DEMO_KEY)
 *   headed?: boolean, verbose?: boolean, viewport?: {width: number, height: number},
 * }} options
 */
export async function startEnvironment(options) {
  const { timeZone } = options;
  const installed = options.kind === 'installed';
  // A hung step (a stuck browser) must not keep the server's process group alive.
  const cleanups = cleanupStack('[e2e]', { limitMs: 15_000 });
  const stop = () => cleanups.run();

  const env = { cleanups, stop };
  try {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const fake = loadFakeApi();
    env.fake = fake;
    let serverEnv = { TZ: timeZone };
    let userSettings;
    if (installed) {
      const certificates = makeTestCertificates([INSTALLED_API_HOST]);
      cleanups.push(() => certificates.remove(), 'test certificates');
      env.api = await fake.startFakeApi({ port: 0, tls: { key: certificates.key, cert: certificates.cert } });
      cleanups.push(() => env.api.close(), 'fake API');
      env.proxy = await startRecordingProxy({ routes: { [`${INSTALLED_API_HOST}:443`]: Number(new URL(env.api.url).port) } });
      cleanups.push(() => env.proxy.close(), 'recording proxy');
      env.apiBaseUrl = `https://${INSTALLED_API_HOST}`;
      // What a user behind a proxy has: the standard variables. NODE_USE_ENV_PROXY makes Node's own fetch use
      // them too; the test CA is trusted the way a company CA is.
      serverEnv = {
        ...serverEnv,
        HTTPS_PROXY: env.proxy.url,
        HTTP_PROXY: env.proxy.url,
        NO_PROXY: '127.0.0.1,localhost',
        NODE_USE_ENV_PROXY: '1',
        NODE_EXTRA_CA_CERTS: certificates.caFile,
      };
      userSettings = {
        'elevenlabsUsage.apiBaseUrl': env.apiBaseUrl,
        ...(options.userTimeZone ? { 'elevenlabsUsage.timeZone': options.userTimeZone } : {}),
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'telemetry.telemetryLevel': 'off',
        // VS Code's proxy support otherwise replaces Node's CA list with the OS store's; off, Node's default list
        // (which NODE_EXTRA_CA_CERTS extends with the test CA) applies. How a test trusts its CA, not a product
        // setting: a user's company CA is in the OS store.
        'http.systemCertificates': false,
        // The tests rewrite settings.json in the editor as a person would; the editor's typing aids would add
        // brackets and indentation to text that is inserted whole.
        'editor.autoClosingBrackets': 'never',
        'editor.autoClosingQuotes': 'never',
        'editor.autoIndent': 'none',
      };
    } else {
      env.api = await fake.startFakeApi({ port: 0 });
      cleanups.push(() => env.api.close(), 'fake API');
    }

    env.workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'elevenlabs-usage-e2e-workspace-'));
    cleanups.push(() => fs.rmSync(env.workspace, { recursive: true, force: true }), 'workspace');
    fs.writeFileSync(path.join(env.workspace, 'README.md'), '# End-to-end test workspace\n');

    const serverLogFile = path.join(RESULTS_DIR, 'server.log');
    const serverLog = fs.createWriteStream(serverLogFile);
    cleanups.push(() => new Promise((r) => serverLog.end(r)), 'server log');
    const languagePacks = options.locale ? minimalLanguagePack(options.locale) : undefined;
    if (languagePacks) cleanups.push(() => languagePacks.remove(), 'language pack');
    env.server = await startServer({
      env: serverEnv,
      ...(languagePacks ? { locale: options.locale, languagePacks: languagePacks.config } : {}),
      log: (line) => {
        if (!serverLog.writableEnded) serverLog.write(line + '\n');
        if (options.verbose) console.log(`[server] ${line}`);
      },
      ...(installed
        ? { installExtensions: [options.olderVsix ?? options.vsix], userSettings, keybindings: options.keybindings ?? [], smokeTestDriver: false }
        : {}),
    });
    cleanups.push(() => env.server.stop(), 'VS Code server');
    env.vsix = options.vsix;

    env.browser = await launchBrowser({ headless: !options.headed });
    cleanups.push(() => env.browser.close(), 'browser');
    env.context = await env.browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      // In 'workbench' the person sits in the same zone as their extension host; installed, in another one.
      timezoneId: installed ? options.browserTimeZone : timeZone,
      locale: 'en-US',
    });
    if (installed) {
      // Where secrets live in a browser window: sealed in the page's localStorage with a key half the server hands
      // out at POST <path>/mint-key. code-server answers it, so its users' keys survive a reload; the bare VS Code
      // server run here does not (405), which leaves every extension's secrets in memory only, lost at each reload
      // (microsoft/vscode#317329). Answered here as code-server does (one key half for the server's life), so that
      // the installed suite is a code-server user's window, where an update's "Reload Now" keeps the key.
      const keyHalf = crypto.randomBytes(32);
      await env.context.route(/\/mint-key$/, (route) =>
        route.request().method() === 'POST' ? route.fulfill({ status: 200, contentType: 'application/octet-stream', body: keyHalf }) : route.fallback(),
      );
    }
    env.page = await env.context.newPage();
    env.url = installed
      ? `${env.server.url}?folder=${encodeURIComponent(env.workspace)}`
      : workbenchUrl({
          port: env.server.port,
          folder: env.workspace,
          extensionDevelopmentPath: REPO_ROOT,
          extensionEnvironment: { ELEVENLABS_USAGE_API_BASE_URL: env.api.url, ...(options.demoKey ? { ELEVENLABS_USAGE_DEMO_KEY: env.fake.DEMO_KEY } : {}) },
        });
    return env;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** What the runner hands to the spec files: the environment started by startEnvironment(). */
export const shared = { env: undefined, timeZone: undefined };
