// The successor to character-stats, POST /v1/workspace/analytics/query/usage-by-product-over-time, served from the
// same event log: the body validated the way FastAPI and pydantic v2 validate it (every problem at once, each as
// {type, loc: ["body", …], msg, input[, ctx]}), buckets of interval_seconds aligned as the contract says (whole
// days to local midnight of time_zone, whole hours up to a day to local hours from midnight, anything else to UTC),
// grouped and filtered on the log's columns, for the whole workspace. The answer has the awkward parts clients
// must bear: credits as numeric text ("125.0"), only non-empty buckets, and a column before the credits
// (usage_count) that is not them.

import { GROUP_BY_COLUMNS, FILTER_OPERATIONS, type ColumnFilter, type FilterOperation } from '../../src/api/analytics/analyticsTypes';
import type { UsageEvent } from './events';
import { isValidTimeZone } from '../../src/shared/isValidTimeZone';
import { expectedList, type ValidationErrorItem } from './queryParams';
import { instantOfWallClock, wallClockOf } from './wallClock';

const DAY_S = 86_400;
const HOUR_S = 3_600;
const EARLIEST_MS = 1_577_836_800_000;

export interface AnalyticsRequest {
  readonly startMs: number;
  readonly endMs: number;
  readonly intervalSeconds: number;
  readonly groupBy: readonly string[];
  readonly filters: readonly ColumnFilter[];
  readonly timeZone: string;
}

export type ParsedAnalyticsBody = { ok: true; request: AnalyticsRequest } | { ok: false; errors: ValidationErrorItem[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An integer field as pydantic's lax mode reads JSON: an integer, a float without a fraction, or integer text. */
function integerField(body: Record<string, unknown>, name: string, errors: ValidationErrorItem[], minimum: number, fallback?: number): number | undefined {
  const raw = body[name];
  const loc = ['body', name];
  if (raw === undefined) {
    if (fallback === undefined) {
      errors.push({ type: 'missing', loc, msg: 'Field required', input: body });
    }
    return fallback;
  }
  let value: number | undefined;
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    if (!Number.isInteger(raw)) {
      errors.push({ type: 'int_from_float', loc, msg: 'Input should be a valid integer, got a number with a fractional part', input: raw });
      return undefined;
    }
    value = raw;
  } else if (typeof raw === 'string' && /^\s*[+-]?\d+\s*$/.test(raw)) {
    value = Number(raw);
  } else {
    errors.push(
      typeof raw === 'string'
        ? { type: 'int_parsing', loc, msg: 'Input should be a valid integer, unable to parse string as an integer', input: raw }
        : { type: 'int_type', loc, msg: 'Input should be a valid integer', input: raw },
    );
    return undefined;
  }
  if (value < minimum) {
    errors.push({ type: 'greater_than_equal', loc, msg: `Input should be greater than or equal to ${minimum}`, input: raw, ctx: { ge: minimum } });
    return undefined;
  }
  return value;
}

function groupByField(body: Record<string, unknown>, errors: ValidationErrorItem[]): string[] {
  const raw = body['group_by'];
  if (raw === undefined || raw === null) {
    return [];
  }
  if (!Array.isArray(raw)) {
    errors.push({ type: 'list_type', loc: ['body', 'group_by', 'list[enum]'], msg: 'Input should be a valid list', input: raw });
    return [];
  }
  const expected = expectedList(GROUP_BY_COLUMNS);
  raw.forEach((column: unknown, i) => {
    if (typeof column !== 'string' || !(GROUP_BY_COLUMNS as readonly string[]).includes(column)) {
      errors.push({ type: 'enum', loc: ['body', 'group_by', 'list[enum]', i], msg: `Input should be ${expected}`, input: column, ctx: { expected } });
    }
  });
  return raw.filter((column): column is string => typeof column === 'string');
}

function filtersField(body: Record<string, unknown>, errors: ValidationErrorItem[]): ColumnFilter[] {
  const raw = body['filters'];
  if (raw === undefined || raw === null) {
    return [];
  }
  if (!Array.isArray(raw)) {
    errors.push({ type: 'list_type', loc: ['body', 'filters', 'list[ColumnFilter]'], msg: 'Input should be a valid list', input: raw });
    return [];
  }
  const filters: ColumnFilter[] = [];
  raw.forEach((filter: unknown, i) => {
    const at = ['body', 'filters', 'list[ColumnFilter]', i];
    if (!isObject(filter)) {
      errors.push({ type: 'model_type', loc: at, msg: 'Input should be a valid dictionary or instance of ColumnFilter', input: filter, ctx: { class_name: 'ColumnFilter' } });
      return;
    }
    const before = errors.length;
    for (const field of ['column', 'operation', 'values']) {
      if (filter[field] === undefined) {
        errors.push({ type: 'missing', loc: [...at, field], msg: 'Field required', input: filter });
      }
    }
    const { column, operation, values } = filter;
    if (column !== undefined && typeof column !== 'string') {
      errors.push({ type: 'string_type', loc: [...at, 'column'], msg: 'Input should be a valid string', input: column });
    }
    if (operation !== undefined && !(typeof operation === 'string' && (FILTER_OPERATIONS as readonly string[]).includes(operation))) {
      const expected = expectedList(FILTER_OPERATIONS);
      errors.push({ type: 'enum', loc: [...at, 'operation'], msg: `Input should be ${expected}`, input: operation, ctx: { expected } });
    }
    if (values !== undefined && !Array.isArray(values)) {
      errors.push({ type: 'list_type', loc: [...at, 'values'], msg: 'Input should be a valid list', input: values });
    }
    // A column the log does not have: the service's answer to it is not documented; this fake refuses it as a
    // validator would, naming the filter.
    if (typeof column === 'string' && !(GROUP_BY_COLUMNS as readonly string[]).includes(column)) {
      errors.push({ type: 'value_error', loc: [...at, 'column'], msg: `Value error, unknown column '${column}'`, input: column });
    }
    if (errors.length === before) {
      filters.push({ column: column as string, operation: operation as FilterOperation, values: values as ColumnFilter['values'] });
    }
  });
  return filters;
}

/** Validates a body as the service does; `text` is the body as sent (JSON, or not). */
export function parseAnalyticsBody(text: string): ParsedAnalyticsBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {}, ctx: { error: error instanceof Error ? error.message : String(error) } }] };
  }
  if (!isObject(body)) {
    return { ok: false, errors: [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: body }] };
  }
  const errors: ValidationErrorItem[] = [];
  const startMs = integerField(body, 'start_time', errors, EARLIEST_MS);
  const endMs = integerField(body, 'end_time', errors, EARLIEST_MS);
  const intervalSeconds = integerField(body, 'interval_seconds', errors, 1, 60);
  const groupBy = groupByField(body, errors);
  const filters = filtersField(body, errors);
  const zone = body['time_zone'] ?? 'UTC';
  if (typeof zone !== 'string') {
    errors.push({ type: 'string_type', loc: ['body', 'time_zone'], msg: 'Input should be a valid string', input: zone });
  } else if (!isValidTimeZone(zone)) {
    // Not documented either; a validator's refusal, as for an unknown filter column.
    errors.push({ type: 'value_error', loc: ['body', 'time_zone'], msg: `Value error, unknown time zone '${zone}'`, input: zone });
  }
  if (errors.length > 0 || startMs === undefined || endMs === undefined || intervalSeconds === undefined || typeof zone !== 'string') {
    return { ok: false, errors };
  }
  return { ok: true, request: { startMs, endMs, intervalSeconds, groupBy, filters, timeZone: zone } };
}

/** The start of the bucket that holds `timeMs`, as the contract says buckets align. */
export function analyticsBucketStart(timeMs: number, intervalSeconds: number, zone: string): number {
  if (intervalSeconds % DAY_S === 0) {
    const days = intervalSeconds / DAY_S;
    const wall = wallClockOf(timeMs, zone);
    const dayNumber = Math.floor(wall / (DAY_S * 1000));
    return instantOfWallClock(Math.floor(dayNumber / days) * days * DAY_S * 1000, zone);
  }
  if (intervalSeconds % HOUR_S === 0 && intervalSeconds < DAY_S) {
    const hours = intervalSeconds / HOUR_S;
    const wall = wallClockOf(timeMs, zone);
    const midnight = Math.floor(wall / (DAY_S * 1000)) * DAY_S * 1000;
    const hour = Math.floor((wall - midnight) / (HOUR_S * 1000));
    return instantOfWallClock(midnight + Math.floor(hour / hours) * hours * HOUR_S * 1000, zone);
  }
  const size = intervalSeconds * 1000;
  return Math.floor(timeMs / size) * size;
}

/** How many buckets the window meets (an upper bound, for the fake's refusal of huge answers). */
export function analyticsBucketCount(request: AnalyticsRequest): number {
  return Math.ceil((request.endMs - request.startMs) / (request.intervalSeconds * 1000)) + 2;
}

const PRODUCT_NAMES: Readonly<Record<string, string>> = { tts: 'text_to_speech', sts: 'speech_to_speech' };

/** A short stable digest of a key's name, as the service hashes keys (the fake's keys have names, not secrets). */
function hashedKey(name: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const char of name) {
    a = Math.imul(a ^ char.charCodeAt(0), 0x01000193) >>> 0;
    b = Math.imul(b ^ char.charCodeAt(0), 0x811c9dc5) >>> 0;
  }
  return `hk_${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}

/** An event's value in one of the analytics columns, from the log's dimensions. */
export function analyticsColumn(event: UsageEvent, column: string): string {
  const d = event.dimensions;
  switch (column) {
    case 'product_type':
      return PRODUCT_NAMES[d.product_type] ?? d.product_type;
    case 'voice_id':
      return d.voice;
    case 'user_id':
      return d.user;
    case 'fiat_currency':
      return 'usd';
    case 'fiat_charge_type':
      return 'subscription';
    case 'resource_id':
      return d.resource;
    case 'request_queue_type':
      return d.request_queue;
    case 'hashed_xi_api_key':
      return d.has_api_key === 'true' ? hashedKey(d.api_keys) : '';
    case 'billing_group_id':
      return d.groups;
    case 'surface':
      return d.request_source === 'web' ? 'dashboard' : 'api';
    case 'actor':
      return d.has_api_key === 'true' ? 'api_key' : 'user';
    default:
      return (d as Readonly<Record<string, string>>)[column] ?? '';
  }
}

function compare(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  return a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) ? x - y : a < b ? -1 : a > b ? 1 : 0;
}

function passes(event: UsageEvent, filter: ColumnFilter): boolean {
  const value = analyticsColumn(event, filter.column);
  const values = filter.values.map((v) => (v === null ? '' : String(v)));
  const first = values[0] ?? '';
  switch (filter.operation) {
    case 'in':
      return values.includes(value);
    case 'not_in':
      return !values.includes(value);
    case 'eq':
      return value === first;
    case 'neq':
      return value !== first;
    case 'lt':
      return compare(value, first) < 0;
    case 'le':
      return compare(value, first) <= 0;
    case 'gt':
      return compare(value, first) > 0;
    case 'ge':
      return compare(value, first) >= 0;
  }
}

export interface AnalyticsAnswer {
  columns: string[];
  column_types: string[];
  rows: Array<Array<string | number | null>>;
  column_units: Array<string | null>;
}

/** The answer for `events` (the whole workspace's, in the window): one row per non-empty bucket and group. */
export function aggregateAnalytics(events: readonly UsageEvent[], request: AnalyticsRequest): AnalyticsAnswer {
  const cells = new Map<string, { time: number; groups: string[]; count: number; credits: number }>();
  for (const event of events) {
    if (event.timeMs < request.startMs || event.timeMs >= request.endMs || !request.filters.every((f) => passes(event, f))) {
      continue;
    }
    const time = analyticsBucketStart(event.timeMs, request.intervalSeconds, request.timeZone);
    const groups = request.groupBy.map((column) => analyticsColumn(event, column));
    const key = JSON.stringify([time, groups]);
    const cell = cells.get(key) ?? { time, groups, count: 0, credits: 0 };
    cell.count++;
    cell.credits += event.metrics.credits;
    cells.set(key, cell);
  }
  const ordered = [...cells.values()].sort((a, b) => a.time - b.time || (a.groups.join('\u0000') < b.groups.join('\u0000') ? -1 : 1));
  return {
    columns: ['timestamp', ...request.groupBy, 'usage_count', 'credits_used'],
    column_types: ['DateTime', ...request.groupBy.map(() => 'String'), 'Int', 'Float'],
    rows: ordered.map((cell) => [new Date(cell.time).toISOString().replace('.000Z', 'Z'), ...cell.groups, cell.count, cell.credits.toFixed(1)]),
    // The official example writes "" for a text column's unit, which its own schema does not allow: null here.
    column_units: ['s', ...request.groupBy.map(() => null), null, 'credits'],
  };
}
