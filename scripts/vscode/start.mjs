#!/usr/bin/env node
// `npm start`: the extension, built from this checkout, in a real VS Code in your browser, talking to the
// bundled fake ElevenLabs API (or to the real one with --api-url).
//
//   npm start [-- --api-port N] [-- --api-url URL] [-- --folder DIR] [-- --no-build] [-- --retire-character-stats]
//
// --retire-character-stats makes the fake answer character-stats 404, as on the day ElevenLabs retires it: the
// status bar and the charts then take their credits from its successor.
// Prints "Open: <url>"; open it in a browser (Chromium/Chrome/Firefox on this machine). Ctrl+C stops
// everything it started. With the fake API the demo key is used while no key is stored; with --api-url
// nothing is preset: run "ElevenLabs: Set API Key" in the workbench.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs as parseArgsOf } from 'node:util';
import { workbenchUrl } from './browser.mjs';
import { installVSCode } from './install.mjs';
import { REPO_ROOT } from './paths.mjs';
import { startServer } from './server.mjs';
import { npmRun } from './npmRun.mjs';
import { cleanupStack } from './cleanupStack.mjs';

const FAKE_API = path.join(REPO_ROOT, 'out', 'test', 'fake-api', 'server.js');

/**
 * User settings of the demo workbench, so that the product is the first thing on screen: the scratch folder is
 * trusted (no Restricted Mode banner), no Welcome tab or walkthrough opens, and the chat panel and the AI
 * features stay out of the way.
 */
const DEMO_USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.ignoreRecommendations': true,
};

function parseArgs(argv) {
  const { values } = parseArgsOf({
    args: argv,
    options: {
      'api-port': { type: 'string', default: '0' },
      'api-url': { type: 'string' },
      folder: { type: 'string' },
      'no-build': { type: 'boolean' },
      'retire-character-stats': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: npm start [-- --api-port N | --api-url URL] [--folder DIR] [--no-build] [--retire-character-stats]');
    process.exit(0);
  }
  const apiPort = Number(values['api-port']);
  if (!Number.isInteger(apiPort) || apiPort < 0 || apiPort > 65535) throw new Error('--api-port needs a port number');
  return {
    apiPort,
    apiUrl: values['api-url'] === undefined ? undefined : new URL(values['api-url']).toString().replace(/\/$/, ''),
    folder: values.folder === undefined ? undefined : path.resolve(values.folder),
    build: !values['no-build'],
    retireCharacterStats: values['retire-character-stats'] === true,
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const cleanups = cleanupStack('[start]');
  const cleanup = () => cleanups.run();
  let stopping = false;
  const stopAll = (signal, code) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[start] ${signal}: stopping the VS Code server${options.apiUrl ? '' : ' and the fake API'} ...`);
    cleanup().finally(() => {
      console.log('[start] stopped.');
      process.exit(code);
    });
  };
  process.on('SIGINT', () => stopAll('SIGINT', 0));
  process.on('SIGTERM', () => stopAll('SIGTERM', 0));
  process.on('SIGHUP', () => stopAll('SIGHUP', 0));
  // `kill <npm's pid>` ends npm without passing SIGTERM on to us: notice that our parent went away.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stopAll('parent process exited', 0);
  }, 1000).unref();

  try {
    await installVSCode();
    if (options.build) {
      await npmRun('compile', '[start]');
      if (!options.apiUrl) await npmRun('compile-tests', '[start]');
    }
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run compile');

    const extensionEnvironment = {};
    let apiLine;
    if (options.apiUrl) {
      extensionEnvironment.ELEVENLABS_USAGE_API_BASE_URL = options.apiUrl;
      apiLine = `API:  ${options.apiUrl} (no demo key: set your key with "ElevenLabs: Set API Key")`;
    } else {
      if (!fs.existsSync(FAKE_API)) throw new Error(`${FAKE_API} is missing: run npm run compile-tests`);
      const { startFakeApi, DEMO_KEY } = createRequire(import.meta.url)(FAKE_API);
      const api = await startFakeApi({ port: options.apiPort, ...(options.retireCharacterStats ? { retireCharacterStats: 404 } : {}) });
      cleanups.push(() => api.close());
      extensionEnvironment.ELEVENLABS_USAGE_API_BASE_URL = api.url;
      extensionEnvironment.ELEVENLABS_USAGE_DEMO_KEY = api.validKey ?? DEMO_KEY;
      // The demo opens on the status bar's chart: the last 7 days of characters.
      extensionEnvironment.ELEVENLABS_USAGE_OPEN_CHART_ON_START = '1';
      apiLine = `Fake API: ${api.url} (demo key ${extensionEnvironment.ELEVENLABS_USAGE_DEMO_KEY})${options.retireCharacterStats ? '; character-stats retired (404)' : ''}`;
    }

    let folder = options.folder;
    if (!folder) {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'elevenlabs-usage-start-'));
      const made = folder;
      cleanups.push(() => fs.rmSync(made, { recursive: true, force: true }));
      fs.writeFileSync(path.join(folder, 'README.md'), '# Scratch folder opened by `npm start`\n');
    }

    const logDir = path.join(REPO_ROOT, 'test-results');
    fs.mkdirSync(logDir, { recursive: true });
    const serverLogFile = path.join(logDir, 'start-server.log');
    const serverLog = fs.createWriteStream(serverLogFile);
    cleanups.push(() => new Promise((r) => serverLog.end(r)));
    const server = await startServer({
      env: process.env.ELEVENLABS_USAGE_TZ ? { TZ: process.env.ELEVENLABS_USAGE_TZ } : {},
      userSettings: DEMO_USER_SETTINGS,
      log: (line) => {
        if (!serverLog.writableEnded) serverLog.write(line + '\n');
      },
    });
    cleanups.push(() => server.stop());
    server.exited.then(({ code, signal }) => {
      if (!stopping) {
        console.error(`[start] the VS Code server exited (${signal ?? code}); see ${path.relative(REPO_ROOT, serverLogFile)}`);
        stopping = true;
        cleanup().finally(() => process.exit(1));
      }
    });

    const url = workbenchUrl({ port: server.port, folder, extensionDevelopmentPath: REPO_ROOT, extensionEnvironment });
    console.log('');
    console.log(`VS Code: ${server.url} (server pid ${server.pid}, log ${path.relative(REPO_ROOT, serverLogFile)})`);
    console.log(apiLine);
    console.log(`Folder: ${folder}`);
    console.log(`Open: ${url}`);
    console.log('Press Ctrl+C to stop.');
  } catch (error) {
    console.error(`[start] FAILED: ${error.message}`);
    stopping = true;
    await cleanup();
    process.exit(1);
  }
}

main();
