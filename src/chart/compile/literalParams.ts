// Texts and arrays that differ between charts of the same kind (titles, axis and legend titles, legend columns,
// axis values, literal scale domains) become `param_…` signals.

import { PARAM_PREFIX, type JsonValue } from '../drawn/compiledChart';
import { hasPlaceholder } from '../drawn/themeSignals';
import { isRecord, recordsOf, scopes, type Json } from './vegaSpecWalk';

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

export function literalsToParams(spec: Json, declare: (name: string, value: JsonValue) => { signal: string }, marker: string): void {
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
