// The plain-JavaScript scripts (the e2e suites, the benchmarks, the build and CI scripts) load compiled modules
// from out/ by a path they join at run time, which no type check follows: a module moved in src/ leaves them
// pointing at nothing until the suite that loads it runs, minutes into CI. This reads each such path from the
// scripts as written and checks that the source it is compiled from exists.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SCRIPT_FOLDERS = ['test/e2e', 'bench', 'scripts', '.ci'];

/** Every .mjs/.js/.cjs file under `dir`, as absolute paths. */
function scripts(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' ? [] : scripts(full);
    }
    return /\.(mjs|cjs|js)$/.test(entry.name) ? [full] : [];
  });
}

/**
 * The compiled modules a script requires from out/, as paths inside out/ ("src/page/svgMarkup.js"). Reads
 * `require(path.join(ROOT, 'out', 'src', …))`, `require(path.join(root, 'out/src/….js'))` and
 * `require(path.join(out, 'src/….js'))`, whatever the root variable's name; paths built from anything but
 * string literals are left out.
 */
export function compiledRequires(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/require\(\s*path\.join\(\s*(\w+)\s*,([^)]*)\)\s*\)/g)) {
    const args = match[2]!;
    const segments = [...args.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]!);
    if (segments.length === 0 || /[`$]/.test(args) || args.replace(/'[^']*'|"[^"]*"|[\s,]/g, '') !== '') {
      continue;
    }
    const joined = path.posix.join(...segments);
    if (match[1] === 'out') {
      found.push(joined);
    } else if (joined.startsWith('out/')) {
      found.push(joined.slice('out/'.length));
    }
  }
  return found;
}

/**
 * The TypeScript sources a script names by a joined path to bundle or import them itself (the benchmarks' baseline
 * page imports `path.join(repoRoot, 'src/chart/spec/chartDrawings.ts')`): paths of string literals only.
 */
export function namedSources(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/path\.join\(\s*\w+\s*,((?:\s*(?:'[^']*'|"[^"]*")\s*,?)+)\)/g)) {
    const joined = path.posix.join(...[...match[1]!.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]!));
    if (/^(src|test)\/.*\.ts$/.test(joined)) {
      found.push(joined);
    }
  }
  return found;
}

/** The source file under the repository that tsc compiles to out/<compiled>, or undefined for a non-.js path. */
function sourceOf(compiled: string): string | undefined {
  return compiled.endsWith('.js') ? path.join(REPO, compiled.replace(/\.js$/, '.ts')) : undefined;
}

describe('the scripts’ requires of compiled modules', () => {
  it('reads the three ways the scripts write a path into out/, and nothing built at run time', () => {
    const text = [
      "const a = require(path.join(REPO_ROOT, 'out', 'src', 'page', 'svgMarkup.js'));",
      "const b = require(path.join(repoRoot, 'out/src/api/client.js'));",
      "const c = require(path.join(out, 'test/fake-api/server.js'));",
      "const d = require(path.join(REPO_ROOT, 'out', name));",
      "const e = require(path.join(REPO_ROOT, 'node_modules', 'x.js'));",
    ].join('\n');
    assert.deepEqual(compiledRequires(text), ['src/page/svgMarkup.js', 'src/api/client.js', 'test/fake-api/server.js']);
  });

  it('finds a source for every compiled module a script requires', () => {
    const files = SCRIPT_FOLDERS.flatMap((folder) => scripts(path.join(REPO, folder)));
    const requires = files.flatMap((file) =>
      compiledRequires(fs.readFileSync(file, 'utf8')).map((compiled) => ({ file: path.relative(REPO, file), compiled })),
    );
    // Guards the reader itself: the e2e harness and the benchmarks load a dozen modules this way today.
    assert.ok(requires.length >= 10, `read only ${requires.length} requires of out/: has the way scripts write them changed?`);
    const missing = requires.filter(({ compiled }) => {
      const source = sourceOf(compiled);
      return source !== undefined && !fs.existsSync(source);
    });
    assert.deepEqual(
      missing.map(({ file, compiled }) => `${file} requires out/${compiled}`),
      [],
      'these scripts load a compiled module whose source is not in src/ or test/: moved or renamed?',
    );
  });

  it('reads the TypeScript sources a script names by a joined path, and nothing else', () => {
    const text = [
      "import { a } from ${JSON.stringify(path.join(repoRoot, 'src/chart/spec/chartDrawings.ts'))};",
      "b.onResolve({}, () => ({ path: path.join(REPO_ROOT, 'src', 'chartFeature.ts') }));",
      "fs.symlinkSync(path.join(repoRoot, 'src'), dir);",
      "const c = path.join(REPO_ROOT, 'src', name + '.ts');",
    ].join('\n');
    assert.deepEqual(namedSources(text), ['src/chart/spec/chartDrawings.ts', 'src/chartFeature.ts']);
  });

  it('finds every TypeScript source a script names', () => {
    const files = SCRIPT_FOLDERS.flatMap((folder) => scripts(path.join(REPO, folder)));
    const named = files.flatMap((file) => namedSources(fs.readFileSync(file, 'utf8')).map((source) => ({ file: path.relative(REPO, file), source })));
    assert.ok(named.length >= 5, `read only ${named.length} named sources: has the way scripts write them changed?`);
    const missing = named.filter(({ source }) => !fs.existsSync(path.join(REPO, source)));
    assert.deepEqual(missing.map(({ file, source }) => `${file} names ${source}`), [], 'these scripts name a source that is not there: moved or renamed?');
  });
});
