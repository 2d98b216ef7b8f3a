// Parses and validates the query of GET /v1/usage/character-stats the way the real service (FastAPI + pydantic v2)
// does: every parameter is checked, all problems are reported at once in declaration order, each as
// {type, loc: ["query", name], msg, input[, ctx]}. Checks that involve two parameters run only when each
// parameter is valid on its own.

import {
  AGGREGATION_INTERVALS,
  BREAKDOWN_TYPES,
  KnownAggregationInterval,
  KnownBreakdownType,
  KnownMetric,
  METRICS,
  WORKSPACE_ONLY_BREAKDOWNS,
} from '../../src/api/types';
import type { AggregationRequest } from './aggregate';

export interface ValidationErrorItem {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export type ParsedQuery = { ok: true; request: AggregationRequest } | { ok: false; errors: ValidationErrorItem[] };

const INTEGER = /^[+-]?\d+$/;
// The strings pydantic accepts as booleans (case-insensitive).
const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

/** pydantic's wording for an enum: 'a', 'b' or 'c'. */
export function expectedList(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

class Collector {
  readonly errors: ValidationErrorItem[] = [];

  constructor(private readonly query: URLSearchParams) {}

  /** The last value sent for a parameter (FastAPI keeps the last of repeated scalar parameters). */
  raw(name: string): string | undefined {
    const all = this.query.getAll(name);
    return all.length ? all[all.length - 1] : undefined;
  }

  integer(name: string, required: boolean): number | undefined {
    const raw = this.raw(name);
    if (raw === undefined) {
      if (required) {
        this.errors.push({ type: 'missing', loc: ['query', name], msg: 'Field required', input: null });
      }
      return undefined;
    }
    const value = Number(raw.trim());
    if (!INTEGER.test(raw.trim()) || !Number.isSafeInteger(value)) {
      this.errors.push({
        type: 'int_parsing',
        loc: ['query', name],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: raw,
      });
      return undefined;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.raw(name);
    if (raw === undefined) {
      return fallback;
    }
    const word = raw.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) {
      return true;
    }
    if (FALSE_WORDS.has(word)) {
      return false;
    }
    this.errors.push({
      type: 'bool_parsing',
      loc: ['query', name],
      msg: 'Input should be a valid boolean, unable to interpret input',
      input: raw,
    });
    return fallback;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T | undefined {
    const raw = this.raw(name);
    if (raw === undefined) {
      return fallback;
    }
    if ((values as readonly string[]).includes(raw)) {
      return raw as T;
    }
    const expected = expectedList(values);
    this.errors.push({ type: 'enum', loc: ['query', name], msg: `Input should be ${expected}`, input: raw, ctx: { expected } });
    return undefined;
  }
}

export function parseCharacterStatsQuery(query: URLSearchParams): ParsedQuery {
  const c = new Collector(query);
  const startMs = c.integer('start_unix', true);
  const endMs = c.integer('end_unix', true);
  const includeWorkspace = c.boolean('include_workspace_metrics', false);
  const breakdown = c.oneOf<KnownBreakdownType>('breakdown_type', BREAKDOWN_TYPES, 'none');
  const interval = c.oneOf<KnownAggregationInterval>('aggregation_interval', AGGREGATION_INTERVALS, 'day');
  const bucketSize = c.integer('aggregation_bucket_size', false);
  const metric = c.oneOf<KnownMetric>('metric', METRICS, 'credits');

  // The contract puts no minimum on the bucket size, but a bucket of 0 or fewer seconds means nothing; the fake
  // answers it as pydantic answers a `ge=1` constraint.
  if (bucketSize !== undefined && bucketSize < 1) {
    c.errors.push({
      type: 'greater_than_equal',
      loc: ['query', 'aggregation_bucket_size'],
      msg: 'Input should be greater than or equal to 1',
      input: c.raw('aggregation_bucket_size'),
      ctx: { ge: 1 },
    });
  }
  if (startMs !== undefined && endMs !== undefined && startMs >= endMs) {
    c.errors.push({
      type: 'value_error',
      loc: ['query', 'end_unix'],
      msg: 'Value error, end_unix must be greater than start_unix',
      input: c.raw('end_unix'),
    });
  }
  if (breakdown !== undefined && WORKSPACE_ONLY_BREAKDOWNS.has(breakdown) && !includeWorkspace) {
    c.errors.push({
      type: 'value_error',
      loc: ['query', 'breakdown_type'],
      msg: `Value error, breakdown_type '${breakdown}' requires include_workspace_metrics=true`,
      input: breakdown,
    });
  }

  if (
    c.errors.length > 0 ||
    startMs === undefined ||
    endMs === undefined ||
    breakdown === undefined ||
    interval === undefined ||
    metric === undefined
  ) {
    return { ok: false, errors: c.errors };
  }
  return {
    ok: true,
    request: { startMs, endMs, includeWorkspace, breakdown, interval, bucketSizeSeconds: bucketSize ?? null, metric },
  };
}
