// The layers of src/, held by a lint rule that reads each import as the file it resolves to (relative to src/),
// not as the text written: `../ui/x`, `../../ui/x` and `./../ui/x` are the same edge, at whatever depth the
// importing file sits. Dependencies point one way:
//
//   shared  <-  api  <-  usage  <-  status, chart  <-  page  <-  ui, webview  <-  extension.ts, chartFeature.ts
//
// Only src/ui and the two entry points may import `vscode`: everything below is plain TypeScript, tested in plain
// mocha. The webview is a browser page: it may use the page's contract (src/page: both sides' messages, the page
// HTML and the SVG check), the drawn form of a chart (chart/drawn: what the host compiled, the theme it is dressed
// in), the table (chart/table), the buckets' labels and the pure usage helpers; never api/, the host's status or
// ui code, the spec builders (chart/spec), the compile passes (chart/compile) or the Vega-Lite compiler; and the
// drawn form and the table never import the spec or the compile either. test/unit/lintLayers.test.ts proves each
// forbidden edge is refused, at every depth.
import * as path from 'node:path';

/**
 * What each part of src/ may import, as globs over paths relative to src/ without the extension (`*` is one
 * path segment or part of one, `**` any number of segments). The first entry whose `files` matches the
 * importing file decides.
 */
export const LAYERS = [
  // Helpers below every layer (one isRecord for all): they import nothing of src/ but each other.
  { files: 'shared/**', may: ['shared/**'], vscode: false },
  { files: 'api/**', may: ['api/**'], vscode: false },
  { files: 'usage/**', may: ['api/**', 'usage/**'], vscode: false },
  { files: 'status/**', may: ['api/**', 'usage/**', 'status/**'], vscode: false },
  // The drawn form and the table are what the webview reads: they never reach the spec builders or the compile.
  { files: 'chart/{drawn,table}/**', may: ['api/**', 'usage/**', 'chart/drawn/**', 'chart/table/**', 'chart/bucketLabels'], vscode: false },
  { files: 'chart/bucketLabels', may: ['usage/**'], vscode: false },
  { files: 'chart/**', may: ['api/**', 'usage/**', 'chart/**'], vscode: false },
  // The page's contract, read by both sides: what each side sends, the page's HTML, the SVG check.
  { files: 'page/**', may: ['api/**', 'usage/**', 'chart/drawn/**', 'page/**'], vscode: false },
  {
    files: 'webview/**',
    may: ['webview/**', 'page/**', 'usage/**', 'chart/drawn/**', 'chart/table/**', 'chart/bucketLabels'],
    vscode: false,
    packages: ['vega-lite', 'vega-lite/**'],
  },
  { files: 'ui/**', may: ['api/**', 'usage/**', 'status/**', 'chart/**', 'page/**', 'ui/**'], vscode: true },
  {
    files: '{extension,chartFeature}',
    // extension.ts loads the chart's bundle (dist/chart.js, built from chartFeature.ts) when a chart first opens.
    may: ['api/**', 'usage/**', 'status/**', 'chart/**', 'page/**', 'ui/**', 'chartFeature', 'chart.js'],
    vscode: true,
  },
];

/** A glob as a regular expression over a whole path ('/'-separated). */
export function globToRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // "a/**" matches "a" and everything under it.
      source = source.endsWith('/') ? `${source.slice(0, -1)}(?:/.*)?` : `${source}.*`;
      i++;
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '{') {
      const end = glob.indexOf('}', i);
      source += `(?:${glob.slice(i + 1, end).split(',').map(escape).join('|')})`;
      i = end;
    } else {
      source += escape(c);
    }
  }
  return new RegExp(`^${source}$`);
}

function escape(text) {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

const compiled = LAYERS.map((layer) => ({
  ...layer,
  filesRe: globToRegExp(layer.files),
  // Every layer may use src/shared.
  mayRe: [...layer.may, 'shared/**'].map(globToRegExp),
  packagesRe: (layer.packages ?? []).map(globToRegExp),
}));

/** The part of src/ a path is (relative, '/'-separated, without .ts), or undefined outside src/. */
function inSrc(srcRoot, file) {
  const relative = path.relative(srcRoot, file).split(path.sep).join('/');
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.replace(/\.(?:d\.)?ts$/, '').replace(/\/index$/, '');
}

/** Why `specifier`, imported by `file`, breaks the layers; undefined when it does not. */
export function layerViolation(srcRoot, file, specifier) {
  const from = inSrc(srcRoot, file);
  if (from === undefined) {
    return undefined;
  }
  const layer = compiled.find((l) => l.filesRe.test(from));
  if (!layer) {
    return `src/${from} is in no layer of scripts/eslint/layers.mjs: add it there.`;
  }
  if (!specifier.startsWith('.')) {
    if (specifier === 'vscode' || specifier.startsWith('vscode/')) {
      return layer.vscode ? undefined : `src/${from} may not use the vscode module: only src/ui and the entry points may (keep this layer pure).`;
    }
    return layer.packagesRe.some((re) => re.test(specifier)) ? `src/${from} may not import ${specifier}.` : undefined;
  }
  const target = inSrc(srcRoot, path.resolve(path.dirname(file), specifier));
  if (target === undefined) {
    return `src/${from} imports ${specifier}, outside src/.`;
  }
  return layer.mayRe.some((re) => re.test(target))
    ? undefined
    : `src/${from} may not import src/${target} (${layer.files} may import ${layer.may.join(', ')}): see scripts/eslint/layers.mjs.`;
}

/** The ESLint plugin: one rule, `layers/imports`, on every import, export … from, import() and require(). */
export function layersPlugin(srcRoot) {
  return {
    rules: {
      imports: {
        meta: { type: 'problem', schema: [], docs: { description: 'Imports point down the layers of src/.' } },
        create(context) {
          const check = (node, source) => {
            if (source && typeof source.value === 'string') {
              const why = layerViolation(srcRoot, context.filename, source.value);
              if (why) {
                context.report({ node, message: why });
              }
            }
          };
          return {
            ImportDeclaration: (node) => check(node, node.source),
            ExportNamedDeclaration: (node) => check(node, node.source),
            ExportAllDeclaration: (node) => check(node, node.source),
            ImportExpression: (node) => check(node, node.source),
            TSImportType: (node) => check(node, node.argument?.literal ?? node.argument),
            TSExternalModuleReference: (node) => check(node, node.expression),
            CallExpression: (node) => {
              if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
                check(node, node.arguments[0]);
              }
            },
          };
        },
      },
    },
  };
}
