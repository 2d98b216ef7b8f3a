#!/usr/bin/env node
// Packages the extension (`npm run package`: vsce --no-dependencies, production bundles, the icon rendered) and
// checks what the .vsix holds against what may be in it: what runs (the two host bundles, the webview bundle and
// its stylesheet), what the installed extension's page and walkthrough show (the manifest, README, CHANGELOG,
// LICENSE, the icon, and the walkthrough's pictures), and vsce's own two files. Anything else fails the check,
// named with what it is (bench, scripts, sources, tests, maps …), and so does anything that should be there and
// is not. Prints the list with sizes and the package's size.
//
// The README's own pictures are not packaged: VS Code's extension page shows README images from https only (its
// sanitizer drops relative sources, its CSP is img-src https: data:), and Open VSX does not resolve them into
// the package either, so a README picture in the .vsix would be shown by nothing.
//
//   node scripts/list-vsix.mjs [--no-package] [path/to.vsix]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_VSIX = path.join(REPO_ROOT, 'dist', 'elevenlabs-usage.vsix');

/** What runs: loaded by VS Code (main), by extension.js (chart.js) or by the chart's webview. */
const RUNS = ['dist/extension.js', 'dist/chart.js', 'media/dist/webview.js', 'media/chart.css'];
/** vsce's own files around the extension/ folder. */
const VSCE_FILES = ['extension.vsixmanifest', '[Content_Types].xml'];

/** What a file that must not ship is, for the message. */
const WHAT = [
  [/^extension\/bench\//, 'the benchmarks (bench/)'],
  [/^extension\/scripts\//, 'build and test scripts (scripts/)'],
  [/^extension\/src\/|\.ts$/, 'TypeScript sources'],
  [/^extension\/(test|out)\//, 'tests'],
  [/\.map$/, 'a source map'],
  [/(^|\/)node_modules\//, 'node_modules'],
  [/\.svg$/, 'a drawing source (the icon ships as PNG)'],
  [/^extension\/docs\//, 'a document or picture the walkthrough does not show (README pictures cannot show from the package)'],
  [/\.vsix$/, 'a package inside the package'],
  [/^extension\/\./, 'a dot file'],
];

/** Images the README shows, by the relative paths it links (Markdown and HTML). */
export function readmeImages(readme) {
  const found = new Set();
  for (const match of readme.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.add(match[1]);
  for (const match of readme.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)) found.add(match[1]);
  return [...found].filter((src) => !/^[a-z][\w+.-]*:/i.test(src)).map((src) => src.replace(/^\.\//, ''));
}

/** Images the walkthrough steps show (a path, or one per theme). */
export function walkthroughImages(manifest) {
  const files = new Set();
  for (const walkthrough of manifest.contributes?.walkthroughs ?? []) {
    for (const step of walkthrough.steps ?? []) {
      const image = step.media?.image;
      for (const file of typeof image === 'string' ? [image] : Object.values(image ?? {})) files.add(file);
      if (step.media?.markdown) files.add(step.media.markdown);
    }
  }
  return [...files];
}

/** Everything that may be in the package, as entry names, each with why. */
export function allowedEntries(repoRoot = REPO_ROOT) {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const allowed = new Map();
  for (const file of VSCE_FILES) allowed.set(file, 'vsce');
  for (const file of RUNS) allowed.set(`extension/${file}`, 'runs');
  allowed.set('extension/package.json', 'manifest');
  for (const file of fs.readdirSync(repoRoot).filter((name) => /^package\.nls(\.[\w-]+)?\.json$/.test(name))) allowed.set(`extension/${file}`, 'manifest words');
  // The translations VS Code loads for the display language (package.json "l10n"); English is the source itself.
  const l10nDir = path.join(repoRoot, 'l10n');
  for (const file of fs.existsSync(l10nDir) ? fs.readdirSync(l10nDir).filter((name) => /^bundle\.l10n\.[\w-]+\.json$/.test(name)) : []) {
    allowed.set(`extension/l10n/${file}`, 'translations');
  }
  // vsce lower-cases readme.md and changelog.md, and adds .txt to a LICENSE without extension.
  allowed.set('extension/readme.md', 'details page');
  allowed.set('extension/changelog.md', 'details page');
  allowed.set('extension/LICENSE.txt', 'details page');
  if (manifest.icon) allowed.set(`extension/${manifest.icon}`, 'icon');
  const inReadme = new Set(readmeImages(readme));
  for (const file of walkthroughImages(manifest)) allowed.set(`extension/${file}`, inReadme.has(file) ? 'walkthrough (and README) picture' : 'walkthrough picture');
  return { allowed, manifest };
}

/** The entries of a zip file with their sizes, and a reader for one entry's bytes (yauzl). */
export function readZip(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error) return reject(error);
      const entries = [];
      zip.on('entry', (entry) => {
        if (!entry.fileName.endsWith('/')) entries.push({ name: entry.fileName, size: entry.uncompressedSize, compressed: entry.compressedSize, entry });
        zip.readEntry();
      });
      zip.on('error', reject);
      zip.on('end', () => {
        const read = (item) =>
          new Promise((res, rej) =>
            zip.openReadStream(item.entry, (err, stream) => {
              if (err) return rej(err);
              const chunks = [];
              stream.on('data', (c) => chunks.push(c));
              stream.on('end', () => res(Buffer.concat(chunks)));
              stream.on('error', rej);
            }),
          );
        resolve({ entries, read, close: () => zip.close() });
      });
      zip.readEntry();
    });
  });
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
    const child = spawn('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', () => resolve(127));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** The problems of a packaged .vsix: entries that must not be there, and ones that are missing or wrong. */
export async function checkVsix(vsix, repoRoot = REPO_ROOT) {
  const { allowed, manifest } = allowedEntries(repoRoot);
  const zip = await readZip(vsix);
  try {
    const problems = [];
    const names = new Set(zip.entries.map((e) => e.name));
    for (const { name } of zip.entries) {
      if (allowed.has(name)) continue;
      const what = WHAT.find(([pattern]) => pattern.test(name))?.[1] ?? 'neither run nor shown by the extension';
      problems.push(`${name}: ${what} must not be in the package`);
    }
    for (const [name, why] of allowed) {
      if (!names.has(name)) problems.push(`${name} (${why}) is missing`);
    }
    const main = `extension/${manifest.main.replace(/^\.\//, '')}`;
    if (!names.has(main)) problems.push(`package.json main (${manifest.main}) is not in the package`);
    const bundle = zip.entries.find((e) => e.name === main);
    if (bundle && /sourceMappingURL=/.test((await zip.read(bundle)).toString('utf8').slice(-500))) {
      problems.push(`${main} points to a source map: package the --production bundle`);
    }
    const icon = zip.entries.find((e) => e.name === `extension/${manifest.icon}`);
    if (icon) {
      const png = await zip.read(icon);
      const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      if (png.toString('latin1', 1, 4) !== 'PNG' || width !== 128 || height !== 128) problems.push(`${icon.name} is not a 128x128 PNG (${width}x${height})`);
    }
    return { problems, entries: zip.entries, allowed, bytes: fs.statSync(vsix).size };
  } finally {
    zip.close();
  }
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
  const { problems, entries, allowed, bytes } = await checkVsix(vsix);
  const width = Math.max(...entries.map((e) => human(e.size).length));
  console.log(`\n${path.relative(REPO_ROOT, vsix)}: ${entries.length} files, ${human(bytes)} packed`);
  for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    console.log(`  ${human(entry.size).padStart(width)}  ${entry.name}${allowed.has(entry.name) ? `  (${allowed.get(entry.name)})` : ''}`);
  }
  const unpacked = entries.reduce((n, e) => n + e.size, 0);
  console.log(`  ${'-'.repeat(width)}\n  ${human(unpacked).padStart(width)}  unpacked`);
  if (problems.length > 0) {
    console.error(`\n[vsix] FAILED:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  console.log(`\n[vsix] OK: ${human(bytes)} (${entries.length} files): only what runs and what its page and walkthrough show`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`[vsix] FAILED: ${error.stack || error.message}`);
      process.exit(1);
    },
  );
}
