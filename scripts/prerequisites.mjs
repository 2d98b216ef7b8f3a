#!/usr/bin/env node
// What `npm start` and `npm test` need before anything else, so that each is one command on a fresh machine:
//   - Debian packages: Chromium (the browser the tests drive) and what code-server's native modules build with.
//     Installed with apt-get when missing and running as root (as on these machines); otherwise the exact
//     command is printed and the run stops.
//   - npm packages: `npm ci` when node_modules is missing or older than package-lock.json.
// Each step prints one line; apt-get's and npm's own output goes to test-results/setup/*.log (see setupStep.mjs).
// Uses nothing but Node's own modules, since node_modules may not exist yet.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StepLog, runLogged, setupStep } from './setupStep.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * chromium: the browser the tests drive. libkrb5-dev, build-essential, python3, pkg-config: what the native
 * modules of code-server's VS Code (kerberos, node-pty, spdlog …) compile with.
 * ripgrep: stands in for the rg binary that older VS Code releases download from GitHub (scripts/vscode/install.mjs).
 * openssl: makes the test certificates of the installed-extension tests (test/e2e/testCertificates.mjs).
 * fonts-ipafont-gothic, fonts-wqy-microhei: Japanese and Simplified Chinese glyphs, so the pictures of the Japanese
 * and Chinese workbenches (test/e2e/language.e2e.mjs) show the words their users read, not empty boxes (Debian's
 * Chromium has no CJK font of its own, and the Japanese font lacks simplified characters such as 额 and 积).
 */
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'python3', 'pkg-config', 'ripgrep', 'openssl', 'fonts-ipafont-gothic', 'fonts-wqy-microhei'];
const TAG = '[setup]';

function missingDebianPackages() {
  return APT_PACKAGES.filter((name) => {
    const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return status.status !== 0 || !status.stdout.includes('install ok installed');
  });
}

async function ensureDebianPackages() {
  if (!fs.existsSync('/usr/bin/dpkg-query')) {
    console.log(`${TAG} not a Debian system: make sure Chromium is at /usr/bin/chromium and a C++ toolchain, libkrb5 headers and ripgrep are installed`);
    return;
  }
  const missing = missingDebianPackages();
  if (missing.length === 0) {
    return;
  }
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages; run as root: ${command}`);
  }
  const log = new StepLog('apt');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await setupStep({ tag: TAG, title: `Debian packages (${missing.join(', ')})`, usually: '30 s', log }, async () => {
    await runLogged(log, 'apt-get', ['update'], { env });
    await runLogged(log, 'apt-get', ['install', '-y', ...missing], { env });
  });
}

async function ensureNpmPackages() {
  const installed = path.join(REPO_ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(REPO_ROOT, 'package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) {
    return;
  }
  const log = new StepLog('npm-ci');
  await setupStep({ tag: TAG, title: 'npm packages (npm ci)', usually: '30 s', log }, () =>
    runLogged(log, process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund']),
  );
}

export async function ensurePrerequisites() {
  await ensureDebianPackages();
  await ensureNpmPackages();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensurePrerequisites().catch((error) => {
    console.error(`${TAG} ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
