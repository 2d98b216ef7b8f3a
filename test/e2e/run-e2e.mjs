#!/usr/bin/env node
// `npm run test:e2e`: end-to-end tests of the extension in a real VS Code, driven as a person drives it.
// Starts the fake ElevenLabs API (in this process), a fresh VS Code server and headless Chromium (see
// harness.mjs), runs the suite's mocha specs (test/e2e/<suite>.e2e.mjs) in this process with Playwright, stops
// everything it started (also on Ctrl+C / SIGTERM / SIGHUP, or when the parent goes away), and ends with
// `e2e: N passed, N failed`. Exits non-zero when a test failed or none ran.
//
//   node test/e2e/run-e2e.mjs [--suite workbench|installed] [--no-build] [--grep PATTERN] [--headed] [--verbose] [--update-screenshots]
//
// Suites: 'workbench' (default) loads this checkout as the extension under development; 'installed'
// (`npm run test:installed`) packages the .vsix and installs it as a user does (see harness.mjs).
//
// Environment: ELEVENLABS_USAGE_TEST_TZ (time zone of the extension host and the browser, default
// Asia/Kolkata), ELEVENLABS_USAGE_E2E_TIMEOUT_MS (whole run, default 10 min).
// Writes screenshots to test-results/e2e/screenshots/ (to docs/screenshots/ with --update-screenshots) and logs (server log, failure screenshots) to test-results/e2e/,
// after removing those of the previous run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs as parseArgsOf } from 'node:util';
import Mocha from 'mocha';
import { installVSCode } from '../../scripts/vscode/install.mjs';
import { INSTALLED_ANALYTICS_KEYBINDING, INSTALLED_KEYBINDING, INSTALLED_ZONES, REPO_ROOT, RESULTS_DIR, clearResults, shared, startEnvironment } from './harness.mjs';
import { npmRun } from '../../scripts/vscode/npmRun.mjs';
import { packageOlderVersion } from './olderVersion.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const VSIX = path.join(REPO_ROOT, 'dist', 'elevenlabs-usage.vsix');

const SUITES = {
  workbench: {
    // The workbench, then `npm start`'s demo (start.e2e.mjs runs start.mjs with a server of its own).
    specs: ['workbench.e2e.mjs', 'start.e2e.mjs', 'language.e2e.mjs'],
    build: ['compile', 'compile-tests'],
    required: [path.join('dist', 'extension.js'), path.join('media', 'dist', 'webview.js'), path.join('out', 'test', 'fake-api', 'server.js')],
    environment: (timeZone, options) => ({ timeZone, headed: options.headed, verbose: options.verbose }),
  },
  installed: {
    // First an upgrade: the single-key version is what the server starts with (olderVersion.mjs); upgrade.e2e.mjs
    // stores a key through it and installs ours over it. The rest runs on ours.
    // Then ours again in German and Japanese, each in a server of its own (installedLanguage.e2e.mjs).
    specs: ['upgrade.e2e.mjs', 'installed.e2e.mjs', 'installedLanguage.e2e.mjs'],
    build: ['package', 'compile-tests'],
    required: [path.relative(REPO_ROOT, VSIX), path.join('out', 'test', 'fake-api', 'server.js')],
    environment: (_timeZone, options) => ({
      kind: 'installed',
      timeZone: INSTALLED_ZONES.host,
      browserTimeZone: INSTALLED_ZONES.browser,
      userTimeZone: INSTALLED_ZONES.user,
      vsix: VSIX,
      olderVsix: packageOlderVersion(),
      keybindings: [INSTALLED_KEYBINDING, INSTALLED_ANALYTICS_KEYBINDING],
      headed: options.headed,
      verbose: options.verbose,
    }),
  },
};

function parseArgs(argv) {
  const { values } = parseArgsOf({
    args: argv,
    options: {
      suite: { type: 'string', default: 'workbench' },
      'no-build': { type: 'boolean' },
      grep: { type: 'string', short: 'g' },
      headed: { type: 'boolean' },
      verbose: { type: 'boolean' },
      'update-screenshots': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: run-e2e.mjs [--suite workbench|installed] [--no-build] [--grep PATTERN] [--headed] [--verbose] [--update-screenshots]');
    process.exit(0);
  }
  if (!Object.hasOwn(SUITES, values.suite)) throw new Error(`--suite must be one of ${Object.keys(SUITES).join(', ')}`);
  if (values['update-screenshots']) process.env.ELEVENLABS_USAGE_UPDATE_SCREENSHOTS = '1';
  return {
    suite: values.suite,
    build: !values['no-build'] && process.env.ELEVENLABS_USAGE_SKIP_BUILD !== '1',
    grep: values.grep,
    headed: values.headed ?? false,
    verbose: values.verbose ?? process.env.ELEVENLABS_USAGE_TEST_VERBOSE === '1',
  };
}

/** The closing line test-all.mjs counts: "e2e: …" for the workbench suite, "installed: …" for the installed one. */
function summary(suite, stats) {
  const name = suite === 'workbench' ? 'e2e' : suite;
  return `${name}: ${stats.passed} passed, ${stats.failed} failed${stats.skipped ? `, ${stats.skipped} skipped` : ''}`;
}

async function runMocha(options) {
  const mocha = new Mocha({ reporter: 'spec', timeout: 120_000, grep: options.grep, color: process.stdout.isTTY });
  for (const spec of SUITES[options.suite].specs) mocha.addFile(path.join(HERE, spec));
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      const s = runner.stats ?? {};
      resolve({ passed: s.passes ?? 0, failed: s.failures ?? 0, skipped: s.pending ?? 0 });
    });
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const timeZone = process.env.ELEVENLABS_USAGE_TEST_TZ || 'Asia/Kolkata';
  const timeoutMs = Number(process.env.ELEVENLABS_USAGE_E2E_TIMEOUT_MS || 10 * 60_000);
  let env;
  let finished = false;
  const stopEnv = () => (env ? env.stop() : Promise.resolve());

  let signalled = false;
  const onSignal = (reason) => {
    if (signalled || finished) return;
    signalled = true;
    console.error(`[e2e] ${reason}: stopping the browser, the VS Code server and the fake API`);
    stopEnv().finally(() => {
      console.log(`${summary(options.suite, { passed: 0, failed: 1 })} (interrupted)`);
      process.exit(reason === 'SIGINT' ? 130 : 143);
    });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => onSignal(signal));
  // npm passes no SIGTERM on when it is killed: notice that our parent went away.
  const parent = process.ppid;
  const watchdog = setInterval(() => {
    if (process.ppid !== parent) onSignal('parent exited');
  }, 1000);
  watchdog.unref();
  const overall = setTimeout(() => onSignal(`timed out after ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
  overall.unref();

  let stats = { passed: 0, failed: 0, skipped: 0 };
  try {
    // Results of this run only: no failure screenshot of an earlier run left to mislead.
    clearResults();
    await installVSCode();
    const suite = SUITES[options.suite];
    if (options.build) {
      for (const script of suite.build) await npmRun(script, '[e2e]');
    }
    for (const file of suite.required) {
      if (!fs.existsSync(path.join(REPO_ROOT, file))) throw new Error(`${file} is missing: run ${suite.build.map((s) => `npm run ${s}`).join(' && ')}`);
    }
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const environment = suite.environment(timeZone, options);
    console.log(`[e2e] ${options.suite}: starting the fake API, a VS Code server (extension host TZ=${environment.timeZone}) and Chromium`);
    env = await startEnvironment(environment);
    console.log(`[e2e] fake API ${env.api.url}; VS Code ${env.server.url} (pid ${env.server.pid}; log ${path.relative(REPO_ROOT, path.join(RESULTS_DIR, 'server.log'))})`);
    shared.env = env;
    shared.timeZone = environment.timeZone;
    stats = await runMocha(options);
    if (stats.passed + stats.failed === 0) {
      console.error('[e2e] FAILED: no test ran');
    }
  } catch (error) {
    console.error(`[e2e] FAILED: ${error.stack || error.message}`);
    stats.failed += 1;
  } finally {
    finished = !signalled;
    await stopEnv();
    clearInterval(watchdog);
    clearTimeout(overall);
  }
  const ok = stats.failed === 0 && stats.passed > 0;
  console.log(`[e2e] ${ok ? 'OK' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(summary(options.suite, stats));
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e] ${error.stack || error.message}`);
    console.log(summary(process.argv.includes('installed') ? 'installed' : 'workbench', { passed: 0, failed: 1 }));
    process.exit(1);
  },
);
