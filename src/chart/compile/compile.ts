// Compiles the chart on the extension host, in the chart's own bundle (dist/chart.js): the spec builders'
// Vega-Lite spec goes through the Vega-Lite compiler here, and the webview gets a Vega spec that its Vega runtime
// draws without any compiling (and without the compiler in its bundle). On the way the compiled spec is made
// cheaper to draw and ready to be redrawn in place (see chart/drawn/compiledChart.ts):
//
// - Its inline data leaves the spec and travels in columns (chart/compile/inlineData.ts, chart/drawn/columnar.ts).
// - The theme's colours and font family become signals (chart/compile/themeToSignals.ts, chart/drawn/themeSignals.ts): the
//   webview sets them.
// - Texts and arrays that differ between charts of the same kind become `param_…` signals: the title and
//   subtitle, axis and legend titles, legend columns, literal scale domains (the legend keys with their totals),
//   axis values (literal, or `datetime(<ms>)` signals: then as numbers) (chart/compile/literalParams.ts), and the texts
//   that mark encodings join with `+` (the per-row ARIA descriptions name the axes and the metric;
//   chart/compile/joinedTextParams.ts), and the tables an axis' label expression looks its labels up in (the host
//   writes the time axes' labels; chart/compile/axisLabelParams.ts). Two charts whose specs are then equal differ only in params and data.
// - Tooltips: Vega-Lite's tooltip expression (built per row and per frame, mostly for rows nobody points at) is
//   replaced by a param that lists each line's title and field; the webview's tooltip handler makes the text of
//   the one row under the pointer, with the same rules (compiledChart.tooltipText; chart/compile/tooltipParams.ts).
// - A legend whose scale's domain is a param gets a scale of its own, with the same domain in a param of its
//   own (`param_legend_…`): the webview empties that domain before it redraws, because Vega keeps a legend
//   entry's old size when its label changes in place (a shorter label would keep the longer one's room;
//   chart/compile/legendScales.ts).
// - On a canvas, the per-row ARIA descriptions go: a canvas has no elements to put them on (the data table
//   below the chart is the accessible form of the data).
// - `toDate(datum.x)` formulas over a column that holds only numbers go: Vega's time scales take epoch
//   milliseconds as they are (chart/compile/inlineData.ts).
// Each rewrite matches the exact forms Vega-Lite writes and leaves anything else alone; test/unit/chart/compile.test.ts
// draws every kind of chart both ways and compares the SVG, the tooltips and a view redrawn in place.

import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };
import * as l10n from '@vscode/l10n';
import type { ChartData } from '../../usage/chartData';
import { chooseRenderer } from '../spec/markKind';
import type { CompiledChart, JsonValue } from '../drawn/compiledChart';
import { dropNumericDateParsing, takeInlineData } from './inlineData';
import { joinedTextsToParams } from './joinedTextParams';
import { legendsOwnScales } from './legendScales';
import { literalsToParams } from './literalParams';
import { axisLabelTablesToParams } from './axisLabelParams';
import type { ChartSpecOptions } from '../spec/specOptions';
import { buildChartSpec } from '../spec/chartDrawings';
import { createNonce } from '../../shared/nonce';
import { themeToSignals } from './themeToSignals';
import { placeholderTheme } from '../drawn/themeSignals';
import { tooltipsToParams } from './tooltipParams';
import { allMarks, isRecord, type Json } from './vegaSpecWalk';

type VegaLiteModule = typeof import('vega-lite', { with: { 'resolution-mode': 'import' } });
type VegaExpressionModule = typeof import('vega-expression', { with: { 'resolution-mode': 'import' } });

interface Compiler {
  readonly compile: VegaLiteModule['compile'];
  readonly parseExpression: (expression: string) => unknown;
}

let compiler: Promise<Compiler> | undefined;

/**
 * Vega-Lite and Vega's expression parser, loaded on first use: esbuild puts them in dist/chart.js and runs their
 * module code only now; the tests load the packages themselves.
 */
function loadCompiler(): Promise<Compiler> {
  compiler ??= Promise.all([import('vega-lite'), import('vega-expression')]).then(([vegaLite, expression]: [VegaLiteModule, VegaExpressionModule]) => ({
    compile: vegaLite.compile,
    parseExpression: expression.parseExpression as (expression: string) => unknown,
  }));
  return compiler;
}

/** The compiler's warnings are about specs the builders do not make; its errors throw. */
const QUIET_LOGGER = {
  level(value?: number): unknown {
    return value === undefined ? 0 : QUIET_LOGGER;
  },
  error(...args: unknown[]): never {
    throw new Error(args.map(String).join(' '));
  },
  warn: () => QUIET_LOGGER,
  info: () => QUIET_LOGGER,
  debug: () => QUIET_LOGGER,
};

/** The chart of `data`, compiled for the webview, laid out for a chart of `fontSize` in `options.availableWidth`. */
export async function compileChart(data: ChartData, options: ChartSpecOptions, fontSize: number): Promise<CompiledChart> {
  const { compile, parseExpression } = await loadCompiler();
  // This compile's own placeholders: no text from the API can hold them (see themeSignals.ts).
  const themeMarker = createNonce();
  const spec: TopLevelSpec = buildChartSpec(data, placeholderTheme(fontSize, themeMarker), options);
  const vega = compile(spec, { logger: QUIET_LOGGER as never }).spec as unknown as Record<string, unknown>;
  return prepareForWebview(vega, chooseRenderer(data), parseExpression, themeMarker);
}

/**
 * Turns a compiled Vega spec into the CompiledChart the webview draws (see the top of this file). Takes the spec
 * apart: the caller gives it up. `themeMarker` is the one of the placeholders the spec was built with.
 */
export function prepareForWebview(compiled: Json, renderer: 'svg' | 'canvas', parseExpression: (expression: string) => unknown, themeMarker: string): CompiledChart {
  const datasets = takeInlineData(compiled);
  // The rest as plain JSON: Vega-Lite's output holds objects whose fields are getters (SignalRefWrapper).
  const spec = JSON.parse(JSON.stringify(compiled)) as Json;
  const description = typeof spec['description'] === 'string' ? spec['description'] : l10n.t('Usage chart');
  delete spec['description'];
  let height: number | undefined;
  if (typeof spec['height'] === 'number') {
    height = spec['height'];
    delete spec['height'];
  }
  if (renderer === 'canvas') {
    dropItemDescriptions(spec);
  }
  dropNumericDateParsing(spec, datasets);
  const params: Record<string, JsonValue> = {};
  const signals: Json[] = Array.isArray(spec['signals']) ? (spec['signals'] as Json[]) : [];
  const declare = (name: string, value: JsonValue): { signal: string } => {
    params[name] = value;
    signals.push({ name, value: null });
    return { signal: name };
  };
  tooltipsToParams(spec, parseExpression, declare);
  joinedTextsToParams(spec, parseExpression, declare);
  const themeInTexts = themeToSignals(spec, signals, themeMarker);
  literalsToParams(spec, declare, themeMarker);
  axisLabelTablesToParams(spec, parseExpression, declare);
  legendsOwnScales(spec, params, declare);
  if (signals.length > 0) {
    spec['signals'] = signals;
  }
  return { spec: spec as CompiledChart['spec'], params, datasets, ...(height !== undefined ? { height } : {}), renderer, description, themeInTexts, themeMarker };
}

function dropItemDescriptions(spec: Json): void {
  for (const mark of allMarks(spec)) {
    if (mark['type'] === 'group' || !isRecord(mark['encode'])) {
      continue;
    }
    for (const set of Object.values(mark['encode'])) {
      if (isRecord(set)) {
        delete set['description'];
      }
    }
  }
}
