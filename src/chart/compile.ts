// Compiles the chart on the extension host, in the chart's own bundle (dist/chart.js): the spec builders'
// Vega-Lite spec goes through the Vega-Lite compiler here, and the webview gets a Vega spec that its Vega runtime
// draws without any compiling (and without the compiler in its bundle). On the way the compiled spec is made
// cheaper to draw and ready to be redrawn in place (see chart/compiledChart.ts):
//
// - Its inline data leaves the spec and travels in columns (chart/columnar.ts).
// - The theme's colours and font family become signals (chart/themeSignals.ts): the webview sets them.
// - Texts and arrays that differ between charts of the same kind become `param_…` signals: the title and
//   subtitle, axis and legend titles, legend columns, literal scale domains (the legend keys with their totals),
//   axis values (literal, or `datetime(<ms>)` signals: then as numbers), and the texts that mark encodings join with `+` (the per-row ARIA descriptions name the axes
//   and the metric). Two charts whose specs are then equal differ only in params and data.
// - Tooltips: Vega-Lite's tooltip expression (built per row and per frame, mostly for rows nobody points at) is
//   replaced by a param that lists each line's title and field; the webview's tooltip handler makes the text of
//   the one row under the pointer, with the same rules (compiledChart.tooltipText).
// - A legend whose scale's domain is a param gets a scale of its own, with the same domain in a param of its
//   own (`param_legend_…`): the webview empties that domain before it redraws, because Vega keeps a legend
//   entry's old size when its label changes in place (a shorter label would keep the longer one's room).
// - On a canvas, the per-row ARIA descriptions go: a canvas has no elements to put them on (the data table
//   below the chart is the accessible form of the data).
// - `toDate(datum.x)` formulas over a column that holds only numbers go: Vega's time scales take epoch
//   milliseconds as they are.
// Each rewrite matches the exact forms Vega-Lite writes and leaves anything else alone; test/unit/compile.test.ts
// draws every kind of chart both ways and compares the SVG, the tooltips and a view redrawn in place.

import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };
import type { ChartData } from '../usage/chartData';
import { chooseRenderer } from './chartKind';
import { encodeRows, type ColumnarRows } from './columnar';
import { LEGEND_DOMAIN_PREFIX, PARAM_PREFIX, type CompiledChart, type JsonValue, type TooltipFields } from './compiledChart';
import type { ChartSpecOptions } from './options';
import { buildChartSpec } from './spec';
import { createNonce } from './nonce';
import { EXPRESSION_KEYS, hasPlaceholder, placeholderSignal, placeholderTheme } from './themeSignals';

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

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function recordsOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** Every mark of the spec, nested group marks' marks included. */
function allMarks(scope: Json): Json[] {
  return recordsOf(scope['marks']).flatMap((mark) => [mark, ...allMarks(mark)]);
}

/** The spec and its group marks: each may have its own axes, legends, scales and title. */
function scopes(spec: Json): Array<{ scope: Json; path: string }> {
  const found = [{ scope: spec, path: '' }];
  const visit = (scope: Json, path: string): void => {
    recordsOf(scope['marks']).forEach((mark, i) => {
      if (mark['type'] === 'group') {
        const markPath = `${path}marks_${i}_`;
        found.push({ scope: mark, path: markPath });
        visit(mark, markPath);
      }
    });
  };
  visit(spec, '');
  return found;
}

/**
 * Turns a compiled Vega spec into the CompiledChart the webview draws (see the top of this file). Takes the spec
 * apart: the caller gives it up. `themeMarker` is the one of the placeholders the spec was built with.
 */
export function prepareForWebview(compiled: Json, renderer: 'svg' | 'canvas', parseExpression: (expression: string) => unknown, themeMarker: string): CompiledChart {
  const datasets = takeInlineData(compiled);
  // The rest as plain JSON: Vega-Lite's output holds objects whose fields are getters (SignalRefWrapper).
  const spec = JSON.parse(JSON.stringify(compiled)) as Json;
  const description = typeof spec['description'] === 'string' ? spec['description'] : 'Usage chart';
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
  legendsOwnScales(spec, params, declare);
  if (signals.length > 0) {
    spec['signals'] = signals;
  }
  return { spec: spec as CompiledChart['spec'], params, datasets, ...(height !== undefined ? { height } : {}), renderer, description, themeInTexts, themeMarker };
}

/** Removes the inline `values` of each data set and returns them in columns, by data set name. */
function takeInlineData(spec: Json): Record<string, ColumnarRows> {
  const datasets: Record<string, ColumnarRows> = {};
  for (const data of recordsOf(spec['data'])) {
    if (Array.isArray(data['values']) && typeof data['name'] === 'string' && data['format'] === undefined) {
      datasets[data['name']] = encodeRows(data['values'] as Json[]);
      delete data['values'];
    }
  }
  return datasets;
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

const TO_DATE = /^toDate\(datum\["([^"\\]+)"\]\)$/;

/** Drops Vega-Lite's leading `toDate(datum["f"])` formulas where the source's column f holds only numbers. */
function dropNumericDateParsing(spec: Json, datasets: Readonly<Record<string, ColumnarRows>>): void {
  for (const data of recordsOf(spec['data'])) {
    const source = typeof data['source'] === 'string' ? datasets[data['source']] : undefined;
    if (!source || !Array.isArray(data['transform'])) {
      continue;
    }
    const transforms = data['transform'] as unknown[];
    let leading = 0;
    while (leading < transforms.length) {
      const transform = transforms[leading];
      const field = isRecord(transform) && transform['type'] === 'formula' && typeof transform['expr'] === 'string' ? TO_DATE.exec(transform['expr'])?.[1] : undefined;
      if (field === undefined || !isRecord(transform) || transform['as'] !== field) {
        break;
      }
      leading++;
    }
    const kept = transforms.filter((transform, i) => {
      if (i >= leading || !isRecord(transform)) {
        return true;
      }
      const column = source.columns.find((c) => c.name === transform['as']);
      return !(column?.kind === 'numbers' && !column.values.some(Number.isNaN));
    });
    if (kept.length === 0) {
      delete data['transform'];
    } else {
      data['transform'] = kept;
    }
  }
}

// ---- Tooltips ----

type Node = Json & { type?: unknown };

function nodeOf(value: unknown): Node | undefined {
  return isRecord(value) ? value : undefined;
}

/** `datum["f"]` or `datum.f` → "f". */
function datumField(value: unknown): string | undefined {
  const node = nodeOf(value);
  if (node?.type !== 'MemberExpression' || nodeOf(node['object'])?.type !== 'Identifier' || nodeOf(node['object'])?.['name'] !== 'datum') {
    return undefined;
  }
  const property = nodeOf(node['property']);
  if (node['computed'] === true) {
    return property?.type === 'Literal' && typeof property['value'] === 'string' ? property['value'] : undefined;
  }
  return property?.type === 'Identifier' && typeof property['name'] === 'string' ? property['name'] : undefined;
}

/** `name(datum["f"], …)` → its arguments, when the call is to `name` and its first argument reads field f. */
function callOn(value: unknown, name: string, field: string): unknown[] | undefined {
  const node = nodeOf(value);
  if (node?.type !== 'CallExpression' || nodeOf(node['callee'])?.type !== 'Identifier' || nodeOf(node['callee'])?.['name'] !== name) {
    return undefined;
  }
  const args = Array.isArray(node['arguments']) ? (node['arguments'] as unknown[]) : [];
  return datumField(args[0]) === field ? args : undefined;
}

/**
 * One tooltip line as Vega-Lite writes it, `isValid(datum["f"]) ? isArray(datum["f"]) ? join(datum["f"], "sep")
 * : datum["f"] : "" + datum["f"]`, read as field and separator; undefined for any other expression.
 */
function tooltipLine(value: unknown): { field: string; separator: string } | undefined {
  const node = nodeOf(value);
  if (node?.type !== 'ConditionalExpression') {
    return undefined;
  }
  const test = nodeOf(node['test']);
  const field = test?.type === 'CallExpression' && Array.isArray(test['arguments']) ? datumField((test['arguments'] as unknown[])[0]) : undefined;
  if (field === undefined || !callOn(test, 'isValid', field)) {
    return undefined;
  }
  const valid = nodeOf(node['consequent']);
  if (valid?.type !== 'ConditionalExpression' || !callOn(valid['test'], 'isArray', field) || datumField(valid['alternate']) !== field) {
    return undefined;
  }
  const join = callOn(valid['consequent'], 'join', field);
  const separator = nodeOf(join?.[1]);
  if (!join || join.length !== 2 || separator?.type !== 'Literal' || typeof separator['value'] !== 'string') {
    return undefined;
  }
  const invalid = nodeOf(node['alternate']);
  const empty = nodeOf(invalid?.['left']);
  if (invalid?.type !== 'BinaryExpression' || invalid['operator'] !== '+' || empty?.type !== 'Literal' || empty['value'] !== '' || datumField(invalid['right']) !== field) {
    return undefined;
  }
  return { field, separator: separator['value'] };
}

/** The title and field of each line of a tooltip object expression, or undefined if any line is another form. */
function tooltipFields(expression: string, parseExpression: (expression: string) => unknown): TooltipFields | undefined {
  let ast: Node | undefined;
  try {
    ast = nodeOf(parseExpression(expression));
  } catch {
    return undefined;
  }
  if (ast?.type !== 'ObjectExpression' || !Array.isArray(ast['properties'])) {
    return undefined;
  }
  const fields: Array<readonly [string, string, string]> = [];
  for (const property of ast['properties'] as unknown[]) {
    const node = nodeOf(property);
    const key = nodeOf(node?.['key']);
    const title = key?.type === 'Literal' ? key['value'] : key?.type === 'Identifier' ? key['name'] : undefined;
    const line = tooltipLine(node?.['value']);
    if (node?.type !== 'Property' || node['computed'] === true || typeof title !== 'string' || !line) {
      return undefined;
    }
    fields.push([title, line.field, line.separator]);
  }
  return { tooltipFields: fields };
}

function tooltipsToParams(spec: Json, parseExpression: (expression: string) => unknown, declare: (name: string, value: JsonValue) => { signal: string }): void {
  allMarks(spec).forEach((mark, i) => {
    const update = isRecord(mark['encode']) && isRecord(mark['encode']['update']) ? mark['encode']['update'] : undefined;
    const tooltip = update?.['tooltip'];
    if (!update || !isRecord(tooltip) || typeof tooltip['signal'] !== 'string' || Object.keys(tooltip).length !== 1) {
      return;
    }
    const fields = tooltipFields(tooltip['signal'], parseExpression);
    if (fields) {
      const name = typeof mark['name'] === 'string' && /^[A-Za-z0-9_]+$/.test(mark['name']) ? mark['name'] : `mark_${i}`;
      update['tooltip'] = declare(`${PARAM_PREFIX}tooltip_${name}`, fields as unknown as JsonValue);
    }
  });
}

// ---- Texts joined in encoding expressions ----

/**
 * A Vega expression as text, for the forms Vega-Lite writes in mark encodings (undefined for any other node):
 * every compound part in parentheses, so no precedence can change.
 */
function printExpression(value: unknown): string | undefined {
  const node = nodeOf(value);
  const print = (child: unknown): string | undefined => printExpression(child);
  switch (node?.type) {
    case 'Literal': {
      const literal = node['value'];
      return typeof literal === 'string' ? JSON.stringify(literal) : typeof literal === 'number' && Number.isFinite(literal) ? String(literal) : typeof literal === 'boolean' || literal === null ? String(literal) : undefined;
    }
    case 'Identifier':
      return typeof node['name'] === 'string' ? node['name'] : undefined;
    case 'MemberExpression': {
      const object = print(node['object']);
      const property = node['computed'] === true ? print(node['property']) : nodeOf(node['property'])?.['name'];
      return object === undefined || typeof property !== 'string' ? undefined : node['computed'] === true ? `${object}[${property}]` : `${object}.${property}`;
    }
    case 'CallExpression': {
      const callee = nodeOf(node['callee']);
      const args = Array.isArray(node['arguments']) ? (node['arguments'] as unknown[]).map(print) : [undefined];
      return callee?.type === 'Identifier' && typeof callee['name'] === 'string' && args.every((a) => a !== undefined) ? `${callee['name']}(${args.join(', ')})` : undefined;
    }
    case 'BinaryExpression':
    case 'LogicalExpression': {
      const left = print(node['left']);
      const right = print(node['right']);
      return left === undefined || right === undefined || typeof node['operator'] !== 'string' ? undefined : `(${left} ${node['operator']} ${right})`;
    }
    case 'UnaryExpression': {
      const argument = print(node['argument']);
      return argument === undefined || typeof node['operator'] !== 'string' || node['prefix'] === false ? undefined : `(${node['operator']}${argument})`;
    }
    case 'ConditionalExpression': {
      const [test, consequent, alternate] = [print(node['test']), print(node['consequent']), print(node['alternate'])];
      return test === undefined || consequent === undefined || alternate === undefined ? undefined : `(${test} ? ${consequent} : ${alternate})`;
    }
    case 'ArrayExpression': {
      const elements = Array.isArray(node['elements']) ? (node['elements'] as unknown[]).map(print) : [undefined];
      return elements.every((e) => e !== undefined) ? `[${elements.join(', ')}]` : undefined;
    }
    default:
      return undefined;
  }
}

/** The AST without what parsing the same text twice may number differently: for comparing two parses. */
function astShape(value: unknown): string {
  return JSON.stringify(value, (key, item: unknown) => (key === 'raw' || key === 'range' || key === 'loc' ? undefined : item));
}

/**
 * In each mark encoding given as an expression, the text literals joined with `+` become params (the per-row
 * ARIA descriptions of an SVG chart say "Time (Europe/Berlin): …; Credits: …"). Only `+` operands: a literal
 * elsewhere (a scale's or data set's name, a format) may be one Vega reads when it parses the spec. The
 * rewritten expression is printed and parsed again, and kept only if it parses to the same tree.
 */
function joinedTextsToParams(spec: Json, parseExpression: (expression: string) => unknown, declare: (name: string, value: JsonValue) => { signal: string }): void {
  allMarks(spec).forEach((mark, i) => {
    const markName = typeof mark['name'] === 'string' && /^[A-Za-z0-9_]+$/.test(mark['name']) ? mark['name'] : `mark_${i}`;
    const encode = isRecord(mark['encode']) ? mark['encode'] : {};
    for (const [setName, set] of Object.entries(encode)) {
      if (!isRecord(set)) {
        continue;
      }
      for (const [channel, encoder] of Object.entries(set)) {
        if (!isRecord(encoder) || typeof encoder['signal'] !== 'string' || Object.keys(encoder).length !== 1) {
          continue;
        }
        let ast: unknown;
        try {
          ast = parseExpression(encoder['signal']);
        } catch {
          continue;
        }
        const texts: string[] = [];
        const prefix = `${PARAM_PREFIX}text_${markName}_${setName}_${channel}_`;
        const visit = (node: unknown): void => {
          const current = nodeOf(node);
          if (!current) {
            return;
          }
          if (current.type === 'BinaryExpression' && current['operator'] === '+') {
            for (const side of ['left', 'right'] as const) {
              const operand = nodeOf(current[side]);
              if (operand?.type === 'Literal' && typeof operand['value'] === 'string') {
                current[side] = { type: 'Identifier', name: `${prefix}${texts.length}` };
                texts.push(operand['value']);
              }
            }
          }
          for (const child of Object.values(current)) {
            if (Array.isArray(child)) {
              child.forEach(visit);
            } else {
              visit(child);
            }
          }
        };
        visit(ast);
        const printed = texts.length > 0 ? printExpression(ast) : undefined;
        let reparsed: unknown;
        try {
          reparsed = printed === undefined ? undefined : parseExpression(printed);
        } catch {
          reparsed = undefined;
        }
        if (printed === undefined || reparsed === undefined || astShape(reparsed) !== astShape(ast)) {
          continue;
        }
        texts.forEach((text, n) => declare(`${prefix}${n}`, text));
        set[channel] = { signal: printed };
      }
    }
  });
}

// ---- Legends ----

/** The legend channels that name a scale. */
const LEGEND_SCALE_CHANNELS = ['fill', 'stroke', 'shape', 'size', 'opacity', 'strokeDash', 'strokeWidth'];

function legendsOwnScales(spec: Json, params: Record<string, JsonValue>, declare: (name: string, value: JsonValue) => { signal: string }): void {
  for (const { scope, path } of scopes(spec)) {
    const scales = recordsOf(scope['scales']);
    recordsOf(scope['legends']).forEach((legend, i) => {
      // One own scale per scale the legend names (a legend often names one for both fill and stroke).
      const own = new Map<string, string>();
      for (const channel of LEGEND_SCALE_CHANNELS) {
        const scale = scales.find((s) => s['name'] === legend[channel]);
        const domain = scale && isRecord(scale['domain']) ? scale['domain']['signal'] : undefined;
        if (!scale || typeof domain !== 'string' || !Object.prototype.hasOwnProperty.call(params, domain)) {
          continue;
        }
        const scaleName = String(scale['name']);
        let name = own.get(scaleName);
        if (name === undefined) {
          name = `${scaleName}_legend_${i}`;
          if (scales.some((s) => s['name'] === name)) {
            continue;
          }
          own.set(scaleName, name);
          (scope['scales'] as Json[]).push({ ...scale, name, domain: declare(`${LEGEND_DOMAIN_PREFIX}${path}${i}_${scaleName}`, params[domain]!) });
        }
        legend[channel] = name;
      }
    });
  }
}

// ---- Theme ----

/**
 * Replaces each `{value: placeholder}` and each text that is exactly a placeholder by a signal reference, and
 * declares the theme signals used. Returns whether a placeholder is left inside a longer text. Throws for one in an
 * expression: the webview writes the theme into no expression (the builders put none there).
 */
function themeToSignals(spec: Json, signals: Json[], marker: string): boolean {
  const used = new Set<string>();
  let inTexts = false;
  const visit = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') {
      if (key !== undefined && EXPRESSION_KEYS.has(key)) {
        if (hasPlaceholder(node, marker)) {
          throw new Error(`A theme placeholder in the chart's ${key} expression: the chart cannot follow the theme.`);
        }
        return node;
      }
      const signal = placeholderSignal(node, marker);
      if (signal) {
        used.add(signal);
        return { signal };
      }
      if (hasPlaceholder(node, marker)) {
        inTexts = true;
      }
      return node;
    }
    if (Array.isArray(node)) {
      return node.map((item) => visit(item));
    }
    if (isRecord(node)) {
      const keys = Object.keys(node);
      const signal = keys.length === 1 && keys[0] === 'value' && typeof node['value'] === 'string' ? placeholderSignal(node['value'], marker) : undefined;
      if (signal) {
        used.add(signal);
        return { signal };
      }
      for (const key of keys) {
        node[key] = visit(node[key], key);
      }
    }
    return node;
  };
  visit(spec);
  for (const name of [...used].sort()) {
    signals.push({ name, value: null });
  }
  return inTexts;
}

// ---- Varying texts and arrays ----

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';
}

/** A text, a number, or an array of texts and numbers: what a param may replace. */
function isLiteral(value: unknown): value is JsonValue {
  return isPrimitive(value) || (Array.isArray(value) && value.every(isPrimitive));
}

/**
 * Tick values that Vega-Lite wrote as `datetime(<epoch ms>)` signals (the local calendar's ticks at bucket starts),
 * as the numbers themselves: a time scale and its labels take epoch milliseconds as they take dates. Undefined when
 * any value is something else.
 */
function datetimeValues(values: unknown[]): number[] | undefined {
  const times: number[] = [];
  for (const value of values) {
    const match = isRecord(value) && typeof value['signal'] === 'string' && Object.keys(value).length === 1 ? /^datetime\((-?\d+)\)$/.exec(value['signal']) : null;
    const time = match ? Number(match[1]) : NaN;
    if (!Number.isSafeInteger(time)) {
      return undefined;
    }
    times.push(time);
  }
  return times;
}

function literalsToParams(spec: Json, declare: (name: string, value: JsonValue) => { signal: string }, marker: string): void {
  const lift = (owner: Json, key: string, name: string): void => {
    const value = owner[key];
    // A text with a theme placeholder in it stays in the spec, where the webview fills it in.
    if (value !== undefined && isLiteral(value) && !hasPlaceholder(JSON.stringify(value), marker)) {
      owner[key] = declare(`${PARAM_PREFIX}${name}`, value);
    }
  };
  for (const { scope, path } of scopes(spec)) {
    const title = scope['title'];
    if (isRecord(title)) {
      lift(title, 'text', `${path}title_text`);
      lift(title, 'subtitle', `${path}title_subtitle`);
    } else if (title !== undefined && isLiteral(title)) {
      scope['title'] = { text: declare(`${PARAM_PREFIX}${path}title_text`, title) };
    }
    recordsOf(scope['axes']).forEach((axis, i) => {
      lift(axis, 'title', `${path}axes_${i}_title`);
      if (Array.isArray(axis['values'])) {
        const times = datetimeValues(axis['values']);
        if (times) {
          axis['values'] = declare(`${PARAM_PREFIX}${path}axes_${i}_values`, times);
        } else {
          lift(axis, 'values', `${path}axes_${i}_values`);
        }
      }
    });
    recordsOf(scope['legends']).forEach((legend, i) => {
      lift(legend, 'title', `${path}legends_${i}_title`);
      lift(legend, 'columns', `${path}legends_${i}_columns`);
    });
    recordsOf(scope['scales']).forEach((scale, i) => {
      if (Array.isArray(scale['domain'])) {
        lift(scale, 'domain', `${path}scales_${i}_domain`);
      }
    });
  }
}
