#!/usr/bin/env node
// Packages the extension (`npm run package`: vsce --no-dependencies, production bundles) and lists what the
// .vsix holds, with sizes. Fails if the package has sources, tests, node_modules or source maps in it, or
// lacks the bundle or the manifest.
//
//   node scripts/list-vsix.mjs [--no-package] [path/to.vsix]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_VSIX = path.join(REPO_ROOT, 'dist', 'elevenlabs-usage.vsix');

const FORBIDDEN = [
  [/^extension\/src\//, 'TypeScript sources'],
  [/^extension\/test\//, 'tests'],
  [/^extension\/out\//, 'compiled tests'],
  [/(^|\/)node_modules\//, 'node_modules'],
  [/\.map$/, 'a source map'],
  [/\.ts$/, 'a TypeScript file'],
  [/^extension\/(\.cache|\.ci|\.vscode|scripts|test-results)\//, 'a development folder'],
  [/\.vsix$/, 'a package inside the package'],
];
const REQUIRED = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/chart.js', 'extension/media/dist/webview.js', 'extension.vsixmanifest'];

/** The entries of a zip file, read from its central directory. */
export function listZip(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = buf.readUInt16LE(offset + 10);
    const compressed = buf.readUInt32LE(offset + 20);
    const size = buf.readUInt32LE(offset + 24);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    const localOffset = buf.readUInt32LE(offset + 42);
    const name = buf.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, size, compressed, method, localOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  const read = (entry) => {
    const local = entry.localOffset;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + entry.compressed);
    return entry.method === 8 ? inflateRawSync(data) : Buffer.from(data);
  };
  return { entries, read, bytes: buf.length };
}

function human(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

function npmRunPackage() {
  return new Promise((resolve) => {
    console.log('[vsix] npm run package');
    // No stdin: vsce must not stop to ask anything (a missing field or file makes it fail instead).
    const child = spawn('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', () => resolve(127));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main() {
  const args = process.argv.slice(2);
  const vsix = path.resolve(args.find((a) => !a.startsWith('--')) ?? DEFAULT_VSIX);
  if (!args.includes('--no-package')) {
    fs.rmSync(vsix, { force: true });
    const code = await npmRunPackage();
    if (code !== 0) {
      console.error(`[vsix] FAILED: npm run package exited ${code}`);
      return 1;
    }
  }
  if (!fs.existsSync(vsix)) {
    console.error(`[vsix] FAILED: ${vsix} not found`);
    return 1;
  }
  const { entries, read, bytes } = listZip(vsix);
  const width = Math.max(...entries.map((e) => human(e.size).length));
  console.log(`\n${path.relative(REPO_ROOT, vsix)}: ${entries.length} files, ${human(bytes)} packed`);
  for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    console.log(`  ${human(entry.size).padStart(width)}  ${entry.name}`);
  }
  const unpacked = entries.reduce((n, e) => n + e.size, 0);
  console.log(`  ${'-'.repeat(width)}\n  ${human(unpacked).padStart(width)}  unpacked`);

  const problems = [];
  for (const entry of entries) {
    for (const [pattern, what] of FORBIDDEN) {
      if (pattern.test(entry.name)) problems.push(`${entry.name}: ${what} must not be in the package`);
    }
  }
  const names = new Set(entries.map((e) => e.name));
  for (const required of REQUIRED) {
    if (!names.has(required)) problems.push(`${required} is missing`);
  }
  // The documents the repo has must ship (vsce lower-cases readme.md and changelog.md, and adds .txt to LICENSE).
  for (const [file, pattern] of [
    ['README.md', /^extension\/readme\.md$/i],
    ['CHANGELOG.md', /^extension\/changelog\.md$/i],
    ['LICENSE', /^extension\/license(\.txt|\.md)?$/i],
  ]) {
    if (fs.existsSync(path.join(REPO_ROOT, file)) && !entries.some((e) => pattern.test(e.name))) {
      problems.push(`${file} is in the repo but not in the package`);
    }
  }
  const manifestEntry = entries.find((e) => e.name === 'extension/package.json');
  if (manifestEntry) {
    const manifest = JSON.parse(read(manifestEntry).toString('utf8'));
    if (manifest.main && !names.has(`extension/${manifest.main.replace(/^\.\//, '')}`)) {
      problems.push(`package.json main (${manifest.main}) is not in the package`);
    }
  }
  const bundle = entries.find((e) => e.name === 'extension/dist/extension.js');
  if (bundle && /sourceMappingURL=/.test(read(bundle).toString('utf8').slice(-500))) {
    problems.push('extension/dist/extension.js points to a source map: package the --production bundle');
  }
  if (problems.length > 0) {
    console.error(`\n[vsix] FAILED:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  console.log('\n[vsix] OK: no sources, tests, node_modules or maps inside');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[vsix] FAILED: ${error.stack || error.message}`);
    process.exit(1);
  },
);
