// Debian's headless Chromium driven by playwright-core (which never downloads a browser of its own),
// and the workbench URL that loads the extension under development (and optionally a test suite).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './paths.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', // root in a container: Chromium's sandbox cannot start
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--metrics-recording-only',
  '--password-store=basic',
];

/**
 * Launches headless /usr/bin/chromium, with HOME and XDG_* in a temp folder (Chromium writes crash-report
 * settings and a dconf cache there), removed when the browser closes.
 * @param {{headless?: boolean, args?: string[]}} [options]
 */
export async function launchBrowser(options = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'elevenlabs-usage-chromium-'));
  const env = { ...process.env, HOME: home };
  for (const [key, sub] of [['XDG_CONFIG_HOME', '.config'], ['XDG_CACHE_HOME', '.cache'], ['XDG_DATA_HOME', '.local/share']]) {
    env[key] = path.join(home, sub);
  }
  env.TMPDIR = path.join(home, 'tmp'); // with --disable-dev-shm-usage its shared memory files go there
  fs.mkdirSync(env.TMPDIR);
  const removeHome = () => fs.rmSync(home, { recursive: true, force: true, maxRetries: 3 });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: options.headless ?? true,
      args: [...CHROMIUM_ARGS, ...(options.args || [])],
      env,
      // Our callers stop the browser themselves, after the server: Playwright's own handlers would exit the
      // process on Ctrl+C before that cleanup ran. (It still kills the browser if the process exits.)
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    removeHome();
    throw error;
  }
  browser.on('disconnected', removeHome);
  return browser;
}

/** A vscode-remote URI for an absolute path on the server's machine. */
export function remoteUri(port, absPath) {
  const encoded = absPath.split('/').map(encodeURIComponent).join('/');
  return `vscode-remote://127.0.0.1:${port}${encoded}`;
}

/**
 * The workbench URL of a server started by server.mjs.
 * @param {{
 *   port: number,
 *   folder?: string,                           absolute path of the workspace folder to open
 *   extensionDevelopmentPath: string,          absolute path of the extension (the repo root)
 *   extensionTestsPath?: string,               absolute path of the compiled in-host suite (index.js)
 *   extensionEnvironment?: Record<string, string>  extra environment for the extension host
 * }} options
 */
export function workbenchUrl(options) {
  const payload = [['extensionDevelopmentPath', remoteUri(options.port, options.extensionDevelopmentPath)]];
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(options.port, options.extensionTestsPath)]);
  if (options.extensionEnvironment && Object.keys(options.extensionEnvironment).length > 0) {
    payload.push(['extensionEnvironment', JSON.stringify(options.extensionEnvironment)]);
  }
  const query = [];
  if (options.folder) query.push(`folder=${encodeURIComponent(options.folder)}`);
  query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `http://127.0.0.1:${options.port}/?${query.join('&')}`;
}
