#!/usr/bin/env node
// Runs the in-host mocha suite (out/test/integration/suite/index.js) inside a real VS Code: a fresh VS Code
// server (code-server's server build, with the Node it needs) driven by headless Debian Chromium. This is what
// @vscode/test-electron does on a desktop, done offline. See ../shared/docs/real-vscode-offline.md.
//
//   node scripts/vscode/run-integration-tests.mjs [--release current|oldest] [--grep PATTERN] [--spec PART[,PART...]] [--no-build] [--headed]
//   (--release: the VS Code to run in, see RELEASES in paths.mjs: the current one (default), or the oldest that
//   engines.vscode admits; --grep: only tests whose full title matches the regular expression PATTERN; --spec:
//   only test files whose path contains a PART)
//
// Environment: ELEVENLABS_USAGE_TEST_TZ (time zone of the extension host, default Asia/Kolkata),
// ELEVENLABS_USAGE_TEST_TIMEOUT_MS (whole run, default 10 min), ELEVENLABS_USAGE_TEST_VERBOSE=1 (print
// the server's and the workbench's own log lines too).
import { format, parseArgs as parseArgsOf } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, workbenchUrl } from './browser.mjs';
import { installVSCode } from './install.mjs';
import { REPO_ROOT, release as releaseNamed } from './paths.mjs';
import { startServer } from './server.mjs';
import { npmRun } from './npmRun.mjs';
import { cleanupStack } from './cleanupStack.mjs';

const SUITE_INDEX = path.join(REPO_ROOT, 'out', 'test', 'integration', 'suite', 'index.js');
const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

function parseArgs(argv) {
  const { values } = parseArgsOf({
    args: argv,
    options: {
      grep: { type: 'string', short: 'g' },
      spec: { type: 'string' },
      release: { type: 'string' },
      'no-build': { type: 'boolean' },
      headed: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: run-integration-tests.mjs [--release current|oldest] [--grep PATTERN] [--spec PART[,PART...]] [--no-build] [--headed]');
    process.exit(0);
  }
  return {
    grep: values.grep,
    spec: values.spec,
    release: values.release,
    build: !values['no-build'] && process.env.ELEVENLABS_USAGE_SKIP_BUILD !== '1',
    headed: values.headed ?? false,
  };
}

/** codeAutomationLog gets console arguments (mocha passes printf-style ones): format them as console.log would. */
function formatArgs(args) {
  if (Array.isArray(args)) return format(...args);
  return typeof args === 'string' ? args : format(args);
}

// The same channel carries the workbench's own log. These lines are noise offline (no marketplace, no GitHub,
// no chat models); they still go to test-results/integration-host.log, and are printed with VERBOSE=1.
const WORKBENCH_NOISE = [
  /^\[AgentHost/,
  /^\[ChatModelSelection\]/,
  /^\[AccountPolicyGate\]/,
  /^\[reconnection-grace-time\]/,
  /^Creating a socket \(/,
  /^Resolv(ing|ed) connection token/,
  /^Updating additional builtin extensions cache/,
  /ENOTFOUND/,
  /^Canceled: Canceled/,
  /^\[Service Worker\] registration/,
];

/** The line a test prints to have the window photographed: `[integration:screenshot] NAME` (NAME: [a-z0-9-]). */
const SCREENSHOT_REQUEST = /^\[integration:screenshot\] ([a-z0-9-]{1,60})$/;

export async function runIntegrationTests(argv = process.argv.slice(2)) {
  const options = parseArgs(argv);
  const started = Date.now();
  const timeoutMs = Number(process.env.ELEVENLABS_USAGE_TEST_TIMEOUT_MS || 10 * 60_000);
  const timeZone = process.env.ELEVENLABS_USAGE_TEST_TZ || 'Asia/Kolkata';
  const verbose = process.env.ELEVENLABS_USAGE_TEST_VERBOSE === '1';

  /** Everything to undo, last first; run on every way out. */
  const cleanups = cleanupStack('[integration]', { limitMs: 15_000 });
  const cleanup = () => cleanups.run();
  let signalled = false;
  const onSignal = (signal) => {
    if (signalled) return; // Ctrl+C reaches us both directly and through a parent: clean up once
    signalled = true;
    console.error(`[integration] ${signal}: stopping browser and server`);
    cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // If whatever started us goes away without passing a signal on (npm does that with SIGTERM), stop too.
  const parent = process.ppid;
  const watchdog = setInterval(() => {
    if (process.ppid !== parent) onSignal('parent exited');
  }, 1000);
  watchdog.unref();

  const release = releaseNamed(options.release);
  // The current release's logs keep their names; another release's carry its version.
  const suffix = release.name === 'current' ? '' : `-${release.vscode}`;
  try {
    await installVSCode({ release: release.name });
    if (options.build) {
      await npmRun('compile', '[integration]');
      await npmRun('compile-tests', '[integration]');
    }
    if (!fs.existsSync(SUITE_INDEX)) throw new Error(`${SUITE_INDEX} is missing: run npm run compile-tests`);
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run compile');

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    // Pictures of an earlier run's failures would pass for this run's.
    const earlierFailure = (name) => /^integration-failed-\d+/.test(name) && name.replace(/^integration-failed-\d+/, '') === `${suffix}.png`;
    for (const file of fs.readdirSync(RESULTS_DIR).filter(earlierFailure)) {
      fs.rmSync(path.join(RESULTS_DIR, file), { force: true });
    }
    const serverLogFile = path.join(RESULTS_DIR, `integration-server${suffix}.log`);
    const serverLog = fs.createWriteStream(serverLogFile);
    cleanups.push(() => new Promise((r) => serverLog.end(r)));

    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'elevenlabs-usage-workspace-'));
    cleanups.push(() => fs.rmSync(workspace, { recursive: true, force: true }));
    fs.writeFileSync(path.join(workspace, 'README.md'), '# Integration test workspace\n');
    // An empty workspace settings file from the start: VS Code 1.90 does not notice a .vscode folder created
    // after the window opened, so the test that writes workspace settings edits this file instead.
    fs.mkdirSync(path.join(workspace, '.vscode'));
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), '{}\n');

    // The extension host inherits the server's environment. (The workbench URL's extensionEnvironment payload
    // would do too, but the web workbench of VS Code 1.90, the oldest release tested, ignores it.)
    const extensionEnvironment = {
      ELEVENLABS_USAGE_REPO_ROOT: REPO_ROOT,
      ELEVENLABS_USAGE_TEST_TZ: timeZone,
    };
    if (options.grep) extensionEnvironment.ELEVENLABS_USAGE_TEST_GREP = options.grep;
    if (options.spec) extensionEnvironment.ELEVENLABS_USAGE_TEST_SPEC = options.spec;
    console.log(`[integration] starting VS Code ${release.vscode} (server build; extension host TZ=${timeZone})`);
    const server = await startServer({
      release: release.name,
      env: { TZ: timeZone, ...extensionEnvironment },
      log: (line) => {
        if (!serverLog.writableEnded) serverLog.write(line + '\n');
        if (verbose) console.log(`[server] ${line}`);
      },
    });
    cleanups.push(() => server.stop());
    console.log(`[integration] server on ${server.url} (pid ${server.pid}; log ${path.relative(REPO_ROOT, serverLogFile)})`);

    const browser = await launchBrowser({ headless: !options.headed });
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

    let settle;
    const exitCode = new Promise((resolve) => (settle = resolve));
    const hostLines = [];
    const hostLogFile = path.join(RESULTS_DIR, `integration-host${suffix}.log`);
    const hostLog = fs.createWriteStream(hostLogFile);
    cleanups.push(() => new Promise((r) => hostLog.end(r)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = formatArgs(args);
      hostLines.push(text);
      // The suite asks for a picture of the window when a test fails (test/integration/suite/index.ts): the
      // extension host has no page of its own.
      const wanted = SCREENSHOT_REQUEST.exec(text)?.[1];
      if (wanted) {
        const file = path.join(RESULTS_DIR, `integration-${wanted}${suffix}.png`);
        page.screenshot({ path: file, timeout: 10_000 }).then(
          () => console.log(`[integration] screenshot: ${path.relative(REPO_ROOT, file)}`),
          () => undefined,
        );
      }
      if (!hostLog.writableEnded) hostLog.write(`[${type}] ${text}\n`);
      if (!verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
      const line = type === 'error' || type === 'warn' ? `[host:${type}] ${text}` : text;
      if (type === 'error') console.error(line);
      else console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => {
      settle({ code: Number(code), reason: `codeAutomationExit(${code})` });
    });
    page.on('pageerror', (error) => {
      if (verbose) console.error(`[page] ${error.message}`);
    });
    page.on('console', (message) => {
      if (verbose) console.log(`[page:${message.type()}] ${message.text()}`);
    });
    page.on('crash', () => settle({ code: 1, reason: 'the workbench page crashed' }));

    const url = workbenchUrl({
      port: server.port,
      folder: workspace,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: SUITE_INDEX,
    });
    console.log(`[integration] opening the workbench: ${url}`);

    const timer = setTimeout(
      () => settle({ code: 1, reason: `timed out after ${Math.round(timeoutMs / 1000)} s` }),
      Math.max(1000, timeoutMs - (Date.now() - started)),
    );
    cleanups.push(() => clearTimeout(timer));
    await page.goto(url, { waitUntil: 'domcontentloaded' });

    const result = await exitCode;
    // A screenshot of how the window looked at the end, for a person to look at when something failed.
    try {
      await page.screenshot({ path: path.join(RESULTS_DIR, `integration-final${suffix}.png`), timeout: 10_000 });
    } catch {
      /* the page may be gone */
    }
    let code = result.code;
    const summary = hostLines.find((l) => /^integration: \d+ passed, \d+ failed/.test(l.trim()));
    if (code === 0 && !summary) {
      console.error('[integration] FAILED: the suite exited 0 but printed no "integration: N passed, N failed" line');
      code = 1;
    }
    if (code === 0 && summary && /^integration: 0 passed/.test(summary.trim())) {
      console.error('[integration] FAILED: zero tests ran');
      code = 1;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (code === 0) console.log(`[integration] OK in VS Code ${release.vscode}, ${seconds} s`);
    else {
      console.error(`[integration] FAILED (${result.reason}, exit ${code}) after ${seconds} s`);
      const tail = fs.existsSync(serverLogFile) ? fs.readFileSync(serverLogFile, 'utf8').trim().split('\n').slice(-30) : [];
      if (tail.length > 0) console.error(`[integration] last server log lines:\n  ${tail.join('\n  ')}`);
    }
    return code;
  } catch (error) {
    console.error(`[integration] FAILED: ${error.stack || error.message}`);
    return 1;
  } finally {
    await cleanup();
    clearInterval(watchdog);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGHUP', onSignal);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runIntegrationTests().then((code) => process.exit(code));
}
