#!/usr/bin/env node
// `npm test`: everything CI checks, in order, on a fresh clone as on a developer's machine.
//   1. Debian packages and npm ci when missing (scripts/prerequisites.mjs; one line each, output in a log)
//   2. the offline VS Code, current and oldest supported (scripts/vscode/install.mjs; instant when in .cache/)
//   3. type check (npm run check-types), lint (npm run lint: rules and the layers of src/), build (npm run
//      compile), compile the tests (npm run compile-tests)
//   4. unit tests: mocha with .mocharc.json (counted by scripts/vscode/mocha-summary-reporter.cjs)
//   5. integration tests: the in-host suite inside a real VS Code (scripts/vscode/run-integration-tests.mjs), in
//      the current release and again in the oldest that engines.vscode admits
//   6. end-to-end tests: the UI in a real VS Code driven by Playwright (test/e2e/run-e2e.mjs)
//   7. the .vsix: packaged, listed, nothing in it but what runs and what its pages show (scripts/list-vsix.mjs)
//   8. the packaged .vsix installed as users install it, in a server window (run-e2e.mjs --suite installed)
//   9. a scan of everything the tests printed and logged for the API keys they used
// A level that fails, or that ran no test, fails the whole run. The last line is `N passed, N failed`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RELEASES } from './vscode/paths.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
const UNIT_SUMMARY = path.join(RESULTS_DIR, 'unit-summary.json');

const started = Date.now();
/** What the test levels printed, for the key scan. */
const capturedOutput = [];
/** The step running now, to pass a signal on to. */
let current;
/** @type {{name: string, kind: 'step'|'tests', ok: boolean, seconds: number, passed?: number, failed?: number, skipped?: number, note?: string, failures?: string[]}[]} */
const results = [];

/**
 * The failed tests in mocha's spec epilogue ("  1) suite\n       test:\n     Error: message"), one line each:
 * "suite › test: message". CI shows only the tail of the output, so the summary repeats them there.
 */
function failedTestsIn(output) {
  const epilogue = output.split(/^\s*\d+ failing\s*$/m).slice(1).join('\n');
  const blocks = epilogue.split(/^\s*(?=\d+\) )/m).filter((block) => /^\d+\) /.test(block));
  return blocks.map((block) => {
    const lines = block.replace(/^\d+\) /, '').split('\n').map((line) => line.trim());
    const titleEnd = lines.findIndex((line) => line.endsWith(':'));
    const title = lines.slice(0, titleEnd + 1).filter(Boolean).join(' › ').replace(/:$/, '');
    const rest = lines.slice(titleEnd + 1);
    const message = rest.find(Boolean) ?? '';
    const line = [`${title}: ${message}`, ...playwrightClues(rest)].join(' ');
    return line.length > 600 ? `${line.slice(0, 599)}…` : line;
  });
}

/**
 * What a Playwright timeout was waiting for, from its call log, and the test's own line that asked: the first line
 * of the message alone ("locator.fill: Timeout 30000ms exceeded.") does not say which step or why. The action's own
 * line (`fill("…")`) is left out, as it can hold what was typed.
 */
function playwrightClues(lines) {
  const waitedFor = lines.find((line) => /^- waiting for (locator|getBy)/.test(line));
  const states = lines.filter((line) => /^- (element is|element was|.* intercepts pointer events)/.test(line));
  const frames = lines.flatMap((line) => /^at .*?(test\/e2e\/[\w.-]+\.mjs:\d+)/.exec(line)?.[1] ?? []).slice(0, 3);
  return [
    waitedFor && `[${waitedFor.slice(2)}]`,
    states.length > 0 && `[last: ${states.at(-1).slice(2)}]`,
    frames.length > 0 && `[at ${frames.join(' < ')}]`,
  ].filter(Boolean);
}

function banner(text) {
  console.log(`\n=== ${text} ===`);
}

/** Runs a command with inherited output (or teed, when `capture`), resolving to its exit code and output. */
function run(command, args, { capture = false, env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...(env || {}) },
    });
    current = child;
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        process.stdout.write(chunk);
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
        process.stderr.write(chunk);
      });
    }
    child.on('error', (error) => {
      console.error(`[test-all] cannot run ${command}: ${error.message}`);
      resolve({ code: 127, output });
    });
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** A step that passes or fails by its exit code; `note(output)` adds a figure from its output to the summary. */
async function step(name, command, args, { note } = {}) {
  banner(name);
  const t0 = Date.now();
  if (interrupted) return false;
  const { code, output } = await run(command, args, { capture: Boolean(note) });
  const ok = code === 0;
  results.push({ name, kind: 'step', ok, seconds: (Date.now() - t0) / 1000, note: ok ? (note?.(output) ?? '') : `exit ${code}` });
  if (!ok) console.error(`[test-all] ${name} FAILED (exit ${code})`);
  return ok;
}

async function unitTests() {
  const name = 'unit';
  banner('unit tests (mocha, .mocharc.json)');
  const t0 = Date.now();
  fs.rmSync(UNIT_SUMMARY, { force: true });
  const { code, output } = await run(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'),
      '--config', '.mocharc.json',
      '--reporter', path.join(REPO_ROOT, 'scripts', 'vscode', 'mocha-summary-reporter.cjs'),
      '--reporter-option', `summary=${UNIT_SUMMARY}`,
    ],
    { capture: true },
  );
  capturedOutput.push(output);
  const seconds = (Date.now() - t0) / 1000;
  let summary;
  try {
    summary = JSON.parse(fs.readFileSync(UNIT_SUMMARY, 'utf8'));
  } catch {
    summary = undefined;
  }
  if (!summary) {
    console.error(`[test-all] unit: mocha exited ${code} without running a test (no test files under out/test/unit?)`);
    results.push({ name, kind: 'tests', ok: false, seconds, passed: 0, failed: 0, skipped: 0, note: `no test ran (exit ${code})` });
    return;
  }
  let ok = code === 0 && summary.failed === 0;
  let note = code !== 0 ? `exit ${code}` : '';
  const failures = failedTestsIn(output);
  if (summary.passed === 0) {
    console.error('[test-all] unit: ZERO tests passed: that counts as a failure');
    ok = false;
    note = 'no test ran';
  }
  results.push({ name, kind: 'tests', ok, seconds, passed: summary.passed, failed: summary.failed, skipped: summary.skipped, note, failures });
}

/**
 * A level run by a script that prints `<name>: N passed, N failed[, N skipped]` as its closing line: the
 * integration suite and the end-to-end tests, both in a real VS Code.
 */
async function countedLevel(name, title, script, { label = name, args = [] } = {}) {
  banner(title);
  const t0 = Date.now();
  const { code, output } = await run(process.execPath, [path.join(REPO_ROOT, ...script), '--no-build', ...args], { capture: true });
  capturedOutput.push(output);
  const seconds = (Date.now() - t0) / 1000;
  const matches = [...output.matchAll(new RegExp(`^${name}: (\\d+) passed, (\\d+) failed(?:, (\\d+) skipped)?\\s*$`, 'gm'))];
  const last = matches.at(-1);
  if (!last) {
    console.error(`[test-all] ${label}: no "${name}: N passed, N failed" line (exit ${code})`);
    results.push({ name: label, kind: 'tests', ok: false, seconds, passed: 0, failed: 0, skipped: 0, note: `no test ran (exit ${code})` });
    return;
  }
  const [passed, failed, skipped] = [Number(last[1]), Number(last[2]), Number(last[3] || 0)];
  let ok = code === 0 && failed === 0;
  let note = code !== 0 ? `exit ${code}` : '';
  if (passed === 0) {
    console.error(`[test-all] ${label}: ZERO tests passed: that counts as a failure`);
    ok = false;
    note = 'no test ran';
  }
  results.push({ name: label, kind: 'tests', ok, seconds, passed, failed, skipped, note, failures: failedTestsIn(output) });
}

/** The in-host suite in the current VS Code, or in the oldest one that engines.vscode admits. */
function integrationTests(release) {
  const { vscode } = RELEASES[release];
  return countedLevel(
    'integration',
    `integration tests in VS Code ${vscode} (${release}; code-server's server build + headless Chromium)`,
    ['scripts', 'vscode', 'run-integration-tests.mjs'],
    { label: release === 'current' ? 'integration' : `integration ${vscode}`, args: ['--release', release] },
  );
}

function e2eTests() {
  return countedLevel('e2e', 'end-to-end tests (the UI in a real VS Code, driven by Playwright)', ['test', 'e2e', 'run-e2e.mjs']);
}

function installedTests() {
  return countedLevel('installed', 'the installed .vsix in a server window (production mode, User settings, three zones)', ['test', 'e2e', 'run-e2e.mjs'], { args: ['--suite', 'installed'] });
}

/** Every file below `dir`, for the key scan. */
function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
  });
}

/**
 * The fake API's keys (the ones the tests type and store) must not show up in anything the tests printed or
 * wrote: the console output of every level and the logs under test-results/ (server logs, the extension
 * host's log, screenshots excluded). A leak through a log line or an error message fails the run.
 */
function keyNotInTestOutput() {
  const t0 = Date.now();
  banner('the API keys used by the tests appear in no test output');
  const { DEMO_KEY, DEMO_RESTRICTED_KEY } = createRequire(import.meta.url)(path.join(REPO_ROOT, 'out', 'test', 'fake-api', 'server.js'));
  const keys = [DEMO_KEY, DEMO_RESTRICTED_KEY];
  const places = [...capturedOutput.map((text, i) => ({ name: `console output of level ${i + 1}`, text }))];
  for (const file of filesUnder(RESULTS_DIR).filter((f) => !f.endsWith('.png'))) {
    places.push({ name: path.relative(REPO_ROOT, file), text: fs.readFileSync(file, 'utf8') });
  }
  const leaks = places.filter((place) => keys.some((key) => place.text.includes(key))).map((place) => place.name);
  const ok = leaks.length === 0 && places.length > 0;
  console.log(ok ? `[test-all] read ${places.length} outputs and logs: no key` : `[test-all] a key appears in: ${leaks.join(', ')}`);
  results.push({ name: 'no key in test output', kind: 'step', ok, seconds: (Date.now() - t0) / 1000, note: ok ? '' : `in ${leaks.length} place(s)` });
}

function report() {
  const rows = [['level', 'passed', 'failed', 'skipped', 'time', 'result']];
  for (const r of results) {
    rows.push([
      r.name,
      r.kind === 'tests' ? String(r.passed) : '-',
      r.kind === 'tests' ? String(r.failed) : '-',
      r.kind === 'tests' ? String(r.skipped) : '-',
      `${r.seconds.toFixed(1)} s`,
      (r.ok ? 'ok' : 'FAILED') + (r.note ? ` (${r.note})` : ''),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  banner(`summary (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, j) => (j === 0 || j === 5 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  const tests = results.filter((r) => r.kind === 'tests');
  const passed = tests.reduce((n, r) => n + r.passed, 0);
  // A level that could not run, or ran nothing, counts as one failure, so the closing line never says
  // "0 failed" on a failed run.
  const failed =
    tests.reduce((n, r) => n + r.failed, 0) +
    results.filter((r) => !r.ok && (r.kind === 'step' || r.failed === 0)).length;
  const skipped = tests.reduce((n, r) => n + r.skipped, 0);
  const allOk = results.every((r) => r.ok) && tests.length === 5;
  for (const r of tests.filter((t) => t.failures?.length)) {
    console.log(`\n${r.name} failed:`);
    for (const failure of r.failures.slice(0, 10)) console.log(`  - ${failure}`);
    if (r.failures.length > 10) console.log(`  … and ${r.failures.length - 10} more above`);
  }
  console.log('');
  console.log(allOk ? 'ALL LEVELS PASSED' : 'FAILED: see the table above');
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  return allOk;
}

async function main() {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const npm = 'npm';
  // Quiet: one line per install step, the tools' output in test-results/setup/ (`npm test` has run them already).
  if (!(await step('Debian and npm packages', process.execPath, [path.join(REPO_ROOT, 'scripts', 'prerequisites.mjs')]))) return false;
  for (const release of ['current', 'oldest']) {
    const title = `install VS Code ${RELEASES[release].vscode}`;
    if (!(await step(title, process.execPath, [path.join(REPO_ROOT, 'scripts', 'vscode', 'install.mjs'), '--release', release]))) return false;
  }
  // The type check runs (and is reported) on its own; compile repeats it as part of the build script.
  const typesOk = await step('type check', npm, ['run', '--silent', 'check-types']);
  // The lint holds the layers of src/ (eslint.config.mjs); a failure fails the run but stops no test level.
  await step('lint', npm, ['run', '--silent', 'lint']);
  const buildOk = typesOk && (await step('build', npm, ['run', '--silent', 'compile']));
  const testsBuilt = await step('compile tests', npm, ['run', '--silent', 'compile-tests']);
  if (testsBuilt && !interrupted) await unitTests();
  if (buildOk && testsBuilt && !interrupted) await integrationTests('current');
  if (buildOk && testsBuilt && !interrupted) await integrationTests('oldest');
  if (buildOk && testsBuilt && !interrupted) await e2eTests();
  // Packaging rebuilds dist/ minified for production, so it comes after the levels that load the development build.
  const packaged =
    typesOk &&
    !interrupted &&
    (await step('.vsix: only what runs and what its pages show', process.execPath, [path.join(REPO_ROOT, 'scripts', 'list-vsix.mjs')], {
      note: (output) => /^\[vsix\] OK: (.+?) \((\d+) files\)/m.exec(output)?.slice(1).join(', ').replace(/, (\d+)$/, ', $1 files') ?? '',
    }));
  if (packaged && testsBuilt && !interrupted) await installedTests();
  if (testsBuilt && !interrupted) keyNotInTestOutput();
  return true;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // Pass the signal on to the running step (Ctrl+C reaches it directly as well; the steps clean up once),
    // then report what ran and exit non-zero.
    if (!interrupted) console.error(`[test-all] ${signal}: stopping the running step`);
    interrupted = true;
    if (current && current.exitCode === null && current.signalCode === null) current.kill(signal);
  });
}

main()
  .catch((error) => {
    console.error(`[test-all] ${error.stack || error.message}`);
    results.push({ name: 'test-all', kind: 'step', ok: false, seconds: 0, note: error.message });
  })
  .finally(() => {
    const ok = report() && !interrupted;
    process.exit(ok ? 0 : 1);
  });
