// The vocabulary of the successor to character-stats, `POST /v1/workspace/analytics/query/usage-by-product-over-time`,
// as the OpenAPI contract in shared/spec names it. It reports credits (and cost) for the whole workspace, in buckets
// of `interval_seconds` that whole days and whole hours align to the wall clock of `time_zone`, grouped by columns
// and filtered on any column. Its enums are open, as character-stats' are: a value this version does not know
// passes through and never makes anything fail.

import type { Open } from '../types';

export const ANALYTICS_PATH = '/v1/workspace/analytics/query/usage-by-product-over-time';

/** The columns `group_by` takes, in the contract's order. */
export const GROUP_BY_COLUMNS = [
  'product_type',
  'model',
  'voice_id',
  'user_id',
  'fiat_currency',
  'fiat_charge_type',
  'region',
  'reporting_workspace_id',
  'request_source',
  'resource_id',
  'subresource_id',
  'request_queue_type',
  'voice_multiplier',
  'hashed_xi_api_key',
  'billing_group_id',
  'surface',
  'actor',
] as const;
export type GroupByColumn = Open<(typeof GROUP_BY_COLUMNS)[number]>;

export const FILTER_OPERATIONS = ['in', 'not_in', 'le', 'ge', 'lt', 'gt', 'eq', 'neq'] as const;
export type FilterOperation = (typeof FILTER_OPERATIONS)[number];

/** No more filters, grouped columns, or values in one filter than these: a picker offers far fewer. */
export const MAX_FILTERS = 20;
export const MAX_GROUP_BY = 17;
export const MAX_FILTER_VALUES = 1_000;

/** A value a filter compares with: the contract allows text, numbers, booleans and null. */
export type FilterValue = string | number | boolean | null;

/** One of `filters`, in the API's own shape: `{ column, operation, values }`. */
export interface ColumnFilter {
  readonly column: string;
  readonly operation: FilterOperation;
  readonly values: readonly FilterValue[];
}

/** The request body's fields, in the API's units (milliseconds, seconds, an IANA zone). */
export interface AnalyticsQuery {
  /** Window start, UTC ms; the service refuses anything before 2020-01-01. */
  readonly startMs: number;
  /** Window end, UTC ms. */
  readonly endMs: number;
  /** Bucket size in seconds. Always sent: the service's default is one minute. */
  readonly intervalSeconds: number;
  /** The zone whole-day and whole-hour buckets align to (IANA). */
  readonly timeZone: string;
  readonly groupBy?: readonly GroupByColumn[];
  readonly filters?: readonly ColumnFilter[];
}

/** The column types and units the contract lists (answers may carry others). */
export const COLUMN_TYPES = ['String', 'Float', 'DateTime', 'Int', 'Bool', 'JSON', 'Map', 'Array'] as const;
export const COLUMN_UNITS = ['ms', 's', 'min', 'duration', 'credits', 'usd', 'eur', 'inr', 'pln', 'ratio', 'rating'] as const;

/**
 * A validated answer as series, the shape character-stats' answers take (UsageSeries): bucket starts (UTC ms,
 * ascending, each once) and one series per combination of the grouped columns' values, each with a value per
 * bucket. A bucket the service left out for a series is 0 (it sends only non-empty buckets); a cell it sent
 * without a number is null, a gap, counted in `missingValues`.
 */
export interface AnalyticsSeries {
  readonly time: readonly number[];
  readonly series: ReadonlyArray<{ readonly name: string; readonly values: ReadonlyArray<number | null> }>;
  /** The grouped columns the series are named by, in the answer's order. */
  readonly groupColumns: readonly string[];
  readonly missingValues: number;
}
