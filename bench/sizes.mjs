// Bundle sizes: builds the production bundles with the repo's own esbuild.js (`node esbuild.js --production`),
// but in a temp copy of the extension so that the shared dist/ and media/dist/ are left alone. The temp copy is
// a complete, loadable extension (package.json, dist/, media/) that the VS Code measurements then run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const BUNDLES = [
  ['dist/extension.js', 'extension host bundle (loaded at activation)'],
  ['dist/chart.js', 'chart host bundle (loaded on first chart)'],
  ['media/dist/webview.js', 'webview bundle'],
];

function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`))));
  });
}

/** Builds into a new temp folder; returns { extDir, sizes, buildMs }. The caller removes extDir. */
export async function buildProductionExtension(repoRoot) {
  const extDir = fs.mkdtempSync(path.join(os.tmpdir(), 'elevenlabs-usage-bench-ext-'));
  try {
    for (const file of ['package.json', 'esbuild.js', 'tsconfig.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
      if (fs.existsSync(path.join(repoRoot, file))) fs.copyFileSync(path.join(repoRoot, file), path.join(extDir, file));
    }
    fs.mkdirSync(path.join(extDir, 'media'));
    for (const entry of fs.readdirSync(path.join(repoRoot, 'media'), { withFileTypes: true })) {
      if (entry.isFile()) fs.copyFileSync(path.join(repoRoot, 'media', entry.name), path.join(extDir, 'media', entry.name));
    }
    // Sources and dependencies by symlink for the build only.
    fs.symlinkSync(path.join(repoRoot, 'src'), path.join(extDir, 'src'));
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(extDir, 'node_modules'));
    const started = performance.now();
    await run(process.execPath, ['esbuild.js', '--production'], extDir);
    const buildMs = performance.now() - started;
    fs.unlinkSync(path.join(extDir, 'src'));
    fs.unlinkSync(path.join(extDir, 'node_modules'));
    const sizes = {};
    for (const [rel, description] of BUNDLES) {
      const bytes = fs.readFileSync(path.join(extDir, rel));
      sizes[rel] = {
        description,
        bytes: bytes.length,
        gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length,
      };
    }
    return { extDir, sizes, buildMs };
  } catch (error) {
    fs.rmSync(extDir, { recursive: true, force: true });
    throw error;
  }
}
