// A chart as the extension host hands it to the webview: a Vega spec compiled from the Vega-Lite spec on the host
// (chart/compile/compile.ts), so that the webview runs Vega alone, with no Vega-Lite compiler in it. What changes from one
// chart to the next is kept apart from the spec, so that a chart whose spec is the same as the one on screen is
// drawn by setting signals and data in the Vega view there:
//   spec      the Vega spec without its inline data, its varying texts and arrays (titles, legend keys, tooltip
//             fields) replaced by `param_…` signals and the theme's colours and font by `theme_…` signals
//   params    the values of the `param_…` signals
//   datasets  the inline data, by data set name, in columns (chart/drawn/columnar.ts)
// Pure: the webview and the tests use it (the tests with Node's Vega); it imports no Vega code.

import { decodeRows, parseColumnarRows, type CellValue, type ColumnarRows } from './columnar';
import { EXPRESSION_KEYS, fillPlaceholders, hasPlaceholder, isThemeMarker, isThemeSignal } from './themeSignals';
import { isRecord } from '../../shared/isRecord';

/** A value JSON can carry. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type VegaSpecObject = { readonly [key: string]: JsonValue };

export interface CompiledChart {
  readonly spec: VegaSpecObject;
  readonly params: Readonly<Record<string, JsonValue>>;
  readonly datasets: Readonly<Record<string, ColumnarRows>>;
  /** The top-level height, set on the view rather than in the spec (a cumulative chart's grows with its series). */
  readonly height?: number;
  readonly renderer: 'svg' | 'canvas';
  /** The chart in a sentence, for screen readers (the chart element's label). */
  readonly description: string;
  /** Some text in the spec holds a theme placeholder that could not be a signal: a theme change draws anew. */
  readonly themeInTexts: boolean;
  /** The marker of this chart's theme placeholders (themeSignals.ts): a text with no such marker is data. */
  readonly themeMarker: string;
}

/** What a tooltip param holds: per line its title, the row field it shows, and how an array value is joined. */
export interface TooltipFields {
  readonly tooltipFields: ReadonlyArray<readonly [title: string, field: string, separator: string]>;
}

export const PARAM_PREFIX = 'param_';
/** The params that hold a legend's own domain (see compile.ts): emptied before a redraw. */
export const LEGEND_DOMAIN_PREFIX = `${PARAM_PREFIX}legend_`;
const SIGNAL_NAME = /^(param|theme)_[A-Za-z0-9_]{1,120}$/;

/** Limits on what the webview accepts (a larger chart could only come from a broken host). */
const MAX_SPEC_DEPTH = 64;
const MAX_SPEC_NODES = 200_000;


/** Whether `value` is plain JSON (no typed arrays, functions or cycles), within the size limits. */
function isJson(value: unknown): value is JsonValue {
  let nodes = 0;
  const visit = (node: unknown, depth: number): boolean => {
    if (++nodes > MAX_SPEC_NODES || depth > MAX_SPEC_DEPTH) {
      return false;
    }
    if (node === null || typeof node === 'string' || typeof node === 'boolean') {
      return true;
    }
    if (typeof node === 'number') {
      return Number.isFinite(node);
    }
    if (Array.isArray(node)) {
      return node.every((item) => visit(item, depth + 1));
    }
    if (isRecord(node) && Object.getPrototypeOf(node) === Object.prototype) {
      return Object.values(node).every((item) => visit(item, depth + 1));
    }
    return false;
  };
  return visit(value, 0);
}

function signalsOf(spec: VegaSpecObject): Array<{ name?: unknown }> {
  const signals = spec['signals'];
  return Array.isArray(signals) ? (signals.filter(isRecord) as Array<{ name?: unknown }>) : [];
}

function dataOf(spec: VegaSpecObject): Array<{ name?: unknown; values?: unknown }> {
  const data = spec['data'];
  return Array.isArray(data) ? (data.filter(isRecord) as Array<{ name?: unknown; values?: unknown }>) : [];
}

/**
 * A CompiledChart from a message, or undefined: a plain-JSON spec; params and data sets that the spec names
 * (and that carry no inline data of their own); rows within `maxRows` per data set.
 */
export function parseCompiledChart(value: unknown, maxRows: number): CompiledChart | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { spec, params, datasets, height, renderer, description, themeInTexts, themeMarker } = value;
  if (!isRecord(spec) || !isJson(spec) || !isRecord(params) || !isRecord(datasets)) {
    return undefined;
  }
  if (renderer !== 'svg' && renderer !== 'canvas') {
    return undefined;
  }
  if (typeof description !== 'string' || description.length > 2000 || typeof themeInTexts !== 'boolean' || !isThemeMarker(themeMarker)) {
    return undefined;
  }
  if (height !== undefined && !(typeof height === 'number' && Number.isFinite(height) && height > 0 && height < 100_000)) {
    return undefined;
  }
  const vegaSpec = spec as VegaSpecObject;
  const signalNames = new Set(signalsOf(vegaSpec).map((s) => s.name));
  for (const [name, param] of Object.entries(params)) {
    if (!SIGNAL_NAME.test(name) || !name.startsWith(PARAM_PREFIX) || !signalNames.has(name) || !isJson(param)) {
      return undefined;
    }
  }
  const inline = new Map(dataOf(vegaSpec).map((d) => [d.name, d]));
  const parsedSets: Record<string, ColumnarRows> = {};
  for (const [name, raw] of Object.entries(datasets)) {
    const entry = inline.get(name);
    if (!entry || entry.values !== undefined) {
      return undefined;
    }
    const rows = parseColumnarRows(raw, maxRows);
    if (!rows) {
      return undefined;
    }
    parsedSets[name] = rows;
  }
  return {
    spec: vegaSpec,
    params: params as Record<string, JsonValue>,
    datasets: parsedSets,
    ...(height !== undefined ? { height: height as number } : {}),
    renderer,
    description,
    themeInTexts,
    themeMarker,
  };
}

/** Each data set's rows, as Vega ingests them. */
export function chartRows(chart: CompiledChart): Record<string, Array<Record<string, CellValue>>> {
  const rows: Record<string, Array<Record<string, CellValue>>> = {};
  for (const [name, columns] of Object.entries(chart.datasets)) {
    rows[name] = decodeRows(columns);
  }
  return rows;
}

/** The spec as text, to tell whether two charts share it (then the view on screen can draw the second). */
export function specIdentity(chart: CompiledChart): string {
  return `${chart.renderer} ${chart.themeInTexts} ${JSON.stringify(chart.spec)}`;
}

/**
 * Whether the view that drew a chart of spec identity `drawn` can draw `chart` by setting its signals and data: not
 * a chart whose texts hold the theme, which are written into the spec when its view is made.
 */
export function canRedrawInView(chart: CompiledChart, drawn: string | undefined): boolean {
  return !chart.themeInTexts && drawn === specIdentity(chart);
}

/** The spec with the theme written into its texts (with this chart's marker), expressions left as they are. */
function fillTexts(node: unknown, theme: Readonly<Record<string, string>>, marker: string): unknown {
  if (typeof node === 'string') {
    return hasPlaceholder(node, marker) ? fillPlaceholders(node, theme, marker) : node;
  }
  if (Array.isArray(node)) {
    return node.map((item) => fillTexts(item, theme, marker));
  }
  if (isRecord(node)) {
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, typeof item === 'string' && EXPRESSION_KEYS.has(key) ? item : fillTexts(item, theme, marker)]));
  }
  return node;
}

/**
 * The Vega spec to parse: the chart's spec with its params, theme values and rows in place. `theme` maps each
 * theme signal to its value (themeSignalValues).
 */
export function instantiateSpec(
  chart: CompiledChart,
  theme: Readonly<Record<string, string>>,
  rows: Readonly<Record<string, ReadonlyArray<Record<string, CellValue>>>>,
): Record<string, unknown> {
  const spec = (chart.themeInTexts ? fillTexts(chart.spec, theme, chart.themeMarker) : structuredClone(chart.spec)) as Record<string, unknown>;
  for (const signal of signalsOf(spec as VegaSpecObject) as Array<Record<string, unknown>>) {
    const name = signal['name'];
    if (typeof name !== 'string') {
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(chart.params, name)) {
      signal['value'] = structuredClone(chart.params[name]);
    } else if (isThemeSignal(name) && theme[name] !== undefined) {
      signal['value'] = theme[name];
    }
  }
  for (const data of dataOf(spec as VegaSpecObject) as Array<Record<string, unknown>>) {
    const values = typeof data['name'] === 'string' ? rows[data['name']] : undefined;
    if (values) {
      data['values'] = values;
    }
  }
  if (chart.height !== undefined) {
    spec['height'] = chart.height;
  }
  return spec;
}

/** The part of Vega's View that a chart is redrawn through. */
export interface ReusableView {
  signal(name: string, value: unknown): unknown;
  data(name: string, values: unknown[]): unknown;
  width(value: number): unknown;
  height(value: number): unknown;
  runAsync(): Promise<unknown>;
}

/**
 * The width a new view of this chart starts from, before Vega fits the plot into it: the spec's, or for a chart as
 * wide as its container, Vega-Lite's `containerSize()[0]` (300 when the container has no width yet).
 */
export function initialWidth(chart: CompiledChart, containerWidth: number): number | undefined {
  if (typeof chart.spec['width'] === 'number') {
    return chart.spec['width'];
  }
  const width = signalsOf(chart.spec).find((s) => s.name === 'width') as { init?: unknown } | undefined;
  if (typeof width?.init === 'string' && width.init.includes('containerSize()[0]')) {
    return Number.isFinite(containerWidth) && containerWidth > 0 ? containerWidth : 300;
  }
  return undefined;
}

/**
 * Lays the view out again from the start, as a new view is laid out: Vega fits the plot into the width once,
 * from the width it starts with, so a view fitted before (for other labels, in another font) is set back first.
 */
function layOutAnew(view: ReusableView, chart: CompiledChart, containerWidth: number): void {
  const width = initialWidth(chart, containerWidth);
  if (width !== undefined) {
    view.width(width);
  }
  if (chart.height !== undefined) {
    view.height(chart.height);
  }
}

/**
 * Draws `chart` in a view made from a chart with the same spec (specIdentity): sets its params, the theme and
 * its rows, lays it out as a new view would be, then runs the dataflow once.
 */
export async function redrawInView(
  view: ReusableView,
  chart: CompiledChart,
  theme: Readonly<Record<string, string>>,
  rows: Readonly<Record<string, Array<Record<string, CellValue>>>>,
  containerWidth: number,
): Promise<void> {
  // Legends first emptied, so that their entries come anew: an entry whose label changes in place keeps the room
  // of its old label in Vega. Only the legends' own scales change: no data mark is drawn again for it.
  const legendDomains = Object.keys(chart.params).filter((name) => name.startsWith(LEGEND_DOMAIN_PREFIX));
  if (legendDomains.length > 0) {
    for (const name of legendDomains) {
      view.signal(name, []);
    }
    await view.runAsync();
  }
  for (const [name, value] of Object.entries(chart.params)) {
    view.signal(name, structuredClone(value));
  }
  setTheme(view, chart, theme);
  for (const [name, values] of Object.entries(rows)) {
    view.data(name, values);
  }
  layOutAnew(view, chart, containerWidth);
  await view.runAsync();
}

/** Dresses the chart in the view in a theme (its theme signals), laid out anew: a font sets labels in other widths. */
export async function retheme(view: ReusableView, chart: CompiledChart, theme: Readonly<Record<string, string>>, containerWidth: number): Promise<void> {
  setTheme(view, chart, theme);
  layOutAnew(view, chart, containerWidth);
  await view.runAsync();
}

function setTheme(view: Pick<ReusableView, 'signal'>, chart: CompiledChart, theme: Readonly<Record<string, string>>): void {
  for (const signal of signalsOf(chart.spec)) {
    if (typeof signal.name === 'string' && isThemeSignal(signal.name) && theme[signal.name] !== undefined) {
      view.signal(signal.name, theme[signal.name]);
    }
  }
}

export function isTooltipFields(value: unknown): value is TooltipFields {
  return isRecord(value) && Array.isArray(value['tooltipFields']);
}

/**
 * The tooltip of a row, title → text, as Vega-Lite's tooltip expression would have made it: a valid value
 * (not null, undefined or NaN) as it is, an array joined, anything else written as text ("null").
 */
export function tooltipText(fields: TooltipFields, datum: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [title, field, separator] of fields.tooltipFields) {
    const value = datum[field];
    const valid = value !== null && value !== undefined && value === value;
    result[title] = valid ? (Array.isArray(value) ? value.join(separator) : value) : `${value}`;
  }
  return result;
}
