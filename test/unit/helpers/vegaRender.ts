// Compiles a Vega-Lite spec and renders it headlessly in Node, the CSP-safe way the webview does it: Vega parses
// expressions to an AST (`ast: true`) and vega-interpreter evaluates them, so no code is built with Function().
// vega, vega-lite and vega-interpreter are ESM-only; tsc (module node16) keeps `import()` as a real dynamic
// import in this CommonJS output, so they load fine from mocha.

import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };
import type { Scene, View } from 'vega' with { 'resolution-mode': 'import' };
import { compileChart } from '../../../src/chart/compile/compile';
import { chartRows, instantiateSpec } from '../../../src/chart/drawn/compiledChart';
import type { ChartTheme } from '../../../src/chart/drawn/theme';
import { themeSignalValues } from '../../../src/chart/drawn/themeSignals';
import type { ChartSpecOptions } from '../../../src/chart/spec/specOptions';
import type { ChartData } from '../../../src/usage/chartData';

export interface RenderedChart {
  readonly view: View;
  readonly vgSpec: unknown;
  readonly warnings: string[];
}

type Vega = typeof import('vega', { with: { 'resolution-mode': 'import' } });
type VegaLite = typeof import('vega-lite', { with: { 'resolution-mode': 'import' } });
type VegaInterpreter = typeof import('vega-interpreter', { with: { 'resolution-mode': 'import' } });

let modules: Promise<{ vega: Vega; vegaLite: VegaLite; interpreter: VegaInterpreter }> | undefined;

export function loadVega(): Promise<{ vega: Vega; vegaLite: VegaLite; interpreter: VegaInterpreter }> {
  modules ??= Promise.all([import('vega'), import('vega-lite'), import('vega-interpreter')]).then(([vega, vegaLite, interpreter]) => ({
    vega,
    vegaLite,
    interpreter,
  }));
  return modules;
}

/** Compiles with vega-lite, parses with `ast: true`, runs the dataflow with the expression interpreter. */
export async function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  const { vega, vegaLite, interpreter } = await loadVega();
  const warnings: string[] = [];
  // Collects the warnings of both the compiler and the view (tests expect none for good specs).
  const logger = {
    level(value?: number): unknown {
      return value === undefined ? 2 : logger;
    },
    error(...args: unknown[]) {
      throw new Error(args.map(String).join(' '));
    },
    warn(...args: unknown[]) {
      warnings.push(args.map(String).join(' '));
      return this;
    },
    info() {
      return this;
    },
    debug() {
      return this;
    },
  };
  const vgSpec = vegaLite.compile(spec, { logger: logger as never }).spec;
  const runtime = vega.parse(vgSpec, undefined, { ast: true });
  const view = new vega.View(runtime, {
    renderer: 'none',
    expr: interpreter.expressionInterpreter,
    logger,
  } as never);
  await view.runAsync();
  return { view, vgSpec, warnings };
}

/**
 * The chart as the webview draws it: compiled on the host (compile.ts, which also makes Vega-Lite's `datetime(<ms>)`
 * tick values epoch numbers: vega-interpreter's datetime() reads a lone number as a year), then run with the
 * interpreter and the theme's signals.
 */
export async function renderAsWebview(data: ChartData, theme: ChartTheme, options: ChartSpecOptions): Promise<View> {
  const chart = await compileChart(data, options, theme.fontSize);
  return runInterpreted(instantiateSpec(chart, themeSignalValues(theme), chartRows(chart)));
}

/** A Vega spec run as the webview runs it: parsed to an AST, evaluated by vega-interpreter (no Function()). */
export async function runInterpreted(spec: object): Promise<View> {
  const { vega, interpreter } = await loadVega();
  const view = new vega.View(vega.parse(spec as never, undefined, { ast: true }), { renderer: 'none', expr: interpreter.expressionInterpreter } as never);
  await view.runAsync();
  return view;
}

/** A scenegraph item, as far as the tests look at it. */
export interface SceneNode {
  readonly marktype?: string;
  readonly role?: string;
  readonly name?: string;
  readonly items?: readonly SceneNode[];
  readonly [key: string]: unknown;
}

/** Every mark (not item) in the scenegraph, depth first. */
export function marks(root: Scene | SceneNode): SceneNode[] {
  const found: SceneNode[] = [];
  const visit = (node: SceneNode): void => {
    if (node.marktype) {
      found.push(node);
    }
    for (const child of node.items ?? []) {
      visit(child);
    }
  };
  visit(root as unknown as SceneNode);
  return found;
}

/** The items of the marks with this mark type and role 'mark' (the data marks, not axes or legends). */
export function dataItems(view: View, marktype: string): SceneNode[] {
  return marks((view.scenegraph() as unknown as { root: SceneNode }).root)
    .filter((m) => m.marktype === marktype && m.role === 'mark')
    .flatMap((m) => [...(m.items ?? [])]);
}

/** The data marks of this type (a line mark is one path). */
export function dataMarks(view: View, marktype: string): SceneNode[] {
  return marks((view.scenegraph() as unknown as { root: SceneNode }).root).filter((m) => m.marktype === marktype && m.role === 'mark');
}

/** The label texts of each axis in an SVG rendering, axis by axis, as a reader sees them. */
export function axisLabelTexts(svg: string): string[][] {
  const groups = /<g class="mark-text role-axis-label"[^>]*>((?:<text[^>]*>[^<]*<\/text>)*)<\/g>/g;
  return [...svg.matchAll(groups)].map((m) => [...m[1]!.matchAll(/>([^<]*)<\/text>/g)].map((t) => t[1]!));
}

/** The time axis' labels: the one axis whose labels are not all figures. */
export function timeAxisLabels(svg: string): string[] {
  return axisLabelTexts(svg).find((labels) => labels.some((label) => /[^\d.,\s\u00a0\u202f]/.test(label))) ?? [];
}
