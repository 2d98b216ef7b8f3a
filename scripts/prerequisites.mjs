#!/usr/bin/env node
// What `npm start` and `npm test` need before anything else, so that each is one command on a fresh machine:
//   - Debian packages: Chromium (the browser the tests drive) and what code-server's native modules build with.
//     Installed with apt-get when missing and running as root (as on these machines); otherwise the exact
//     command is printed and the run stops.
//   - npm packages: `npm ci` when node_modules is missing or older than package-lock.json.
// Uses nothing but Node's own modules, since node_modules may not exist yet.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'python3', 'pkg-config', 'openssl'];

function log(message) {
  console.log(`[prerequisites] ${message}`);
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: REPO_ROOT, env: { ...process.env, ...env } });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

function missingDebianPackages() {
  return APT_PACKAGES.filter((name) => {
    const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return status.status !== 0 || !status.stdout.includes('install ok installed');
  });
}

function ensureDebianPackages() {
  if (!fs.existsSync('/usr/bin/dpkg-query')) {
    log('not a Debian system: make sure Chromium is at /usr/bin/chromium and a C++ toolchain and libkrb5 headers are installed');
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
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], env);
  run('apt-get', ['install', '-y', '-qq', ...missing], env);
}

function ensureNpmPackages() {
  const installed = path.join(REPO_ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(REPO_ROOT, 'package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) {
    return;
  }
  log('installing npm packages (npm ci)');
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund']);
}

try {
  ensureDebianPackages();
  ensureNpmPackages();
} catch (error) {
  console.error(`[prerequisites] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
