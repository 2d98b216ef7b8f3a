// The modules of src/ import one another without a loop (type-only imports included: a loop of types still means
// two modules that cannot be read, moved or tested one without the other). Read from the sources as written.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '..', '..', '..', 'src');

/** Every .ts file under `dir`, as absolute paths. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The src/ files a source imports or re-exports by a relative specifier. */
export function relativeImports(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s+'(\.[^']+)'/gm)].map((m) => m[1]!);
  return specifiers.map((spec) => {
    const base = path.resolve(path.dirname(file), spec);
    const candidates = [`${base}.ts`, path.join(base, 'index.ts')];
    const found = candidates.find((c) => fs.existsSync(c));
    assert.ok(found, `${path.relative(SRC, file)} imports ${spec}, which is not a file of src/`);
    return found;
  });
}

/** One import loop of the graph, as the files on it (first file repeated at the end), or undefined. */
export function findLoop(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        return [...stack.slice(stack.indexOf(next)), next];
      }
      if (!state.has(next)) {
        const loop = visit(next);
        if (loop) {
          return loop;
        }
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const loop = visit(node);
      if (loop) {
        return loop;
      }
    }
  }
  return undefined;
}

describe('the import graph of src/', () => {
  it('finds a loop where there is one (the check itself)', () => {
    assert.deepEqual(findLoop(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]])), ['a', 'b', 'c', 'a']);
    assert.equal(findLoop(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]])), undefined);
  });

  it('reads type-only imports and re-exports as edges', () => {
    const file = path.join(SRC, 'chart', 'probe.ts');
    const edges = relativeImports(file, "import type { TableModel } from './table/tableShape';\nexport { chartTitle } from './spec/chartWords';\n");
    assert.deepEqual(edges.map((e) => path.relative(SRC, e)), [path.join('chart', 'table', 'tableShape.ts'), path.join('chart', 'spec', 'chartWords.ts')]);
  });

  it('has no import loop', () => {
    const graph = new Map(sources(SRC).map((file) => [file, relativeImports(file, fs.readFileSync(file, 'utf8'))] as const));
    assert.ok(graph.size > 50, `read ${graph.size} sources`);
    const loop = findLoop(graph);
    assert.equal(loop, undefined, `import loop: ${loop?.map((f) => path.relative(SRC, f)).join(' -> ')}`);
  });
});
