// Checks an analytics query before anything is sent, and builds the request's URL and JSON body. The checks catch
// what the service would refuse with a 422 (a window before 2020, an unknown operation) and what it would accept
// and answer with something the user did not mean (a window in seconds, minute buckets from a forgotten interval).

import { formatExact } from '../../shared/locale/numberFormats';
import * as l10n from '@vscode/l10n';
import { ElevenLabsError, type ValidationIssue } from '../errors';
import { withTrailingSlashRemoved } from '../query';
import { isValidTimeZone } from '../../shared/isValidTimeZone';
import { ANALYTICS_PATH, FILTER_OPERATIONS, MAX_FILTERS, MAX_FILTER_VALUES, MAX_GROUP_BY, type AnalyticsQuery, type ColumnFilter } from './analyticsTypes';

/** The service refuses windows that start or end before 2020-01-01 (the contract's minimum). */
export const EARLIEST_MS = Date.UTC(2020, 0, 1);
/** At most this many buckets in one request: a year of hours is 8,784. */
export const MAX_BUCKETS_PER_REQUEST = 200_000;
const MAX_NAME_LENGTH = 100;
const MAX_VALUE_LENGTH = 1_000;
const SINGLE_VALUE_OPERATIONS: ReadonlySet<string> = new Set(['le', 'ge', 'lt', 'gt', 'eq', 'neq']);

function checkTime(location: 'start_time' | 'end_time', value: unknown, problems: ValidationIssue[]): boolean {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    problems.push({ location, message: l10n.t('{0} must be a whole number of milliseconds since 1970 (UTC).', location) });
    return false;
  }
  if (value < EARLIEST_MS) {
    // Below 1e12 ms (2001) and 2020 or later when read as seconds: a window in seconds, the usual slip.
    const seconds = value > 0 && value < 1e12 && value * 1000 >= EARLIEST_MS;
    problems.push({
      location,
      message: seconds
        ? l10n.t('{0} is {1}, which looks like seconds: the API takes milliseconds. Multiply by 1000 ({2}).', location, value, value * 1000)
        : l10n.t('{0} is before 2020-01-01, where the analytics API\'s records begin: choose a later date.', location),
    });
    return false;
  }
  return true;
}


function checkName(location: string, value: unknown, problems: ValidationIssue[]): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_NAME_LENGTH) {
    problems.push({ location, message: l10n.t('{0} must be a column name (text of 1 to {1} characters).', location, MAX_NAME_LENGTH) });
  }
}

function checkFilter(filter: ColumnFilter, at: string, problems: ValidationIssue[]): void {
  checkName(`${at}.column`, filter.column, problems);
  if (!(FILTER_OPERATIONS as readonly string[]).includes(filter.operation)) {
    problems.push({ location: `${at}.operation`, message: l10n.t('{0}.operation must be one of {1}.', at, FILTER_OPERATIONS.join(', ')) });
    return;
  }
  if (!Array.isArray(filter.values) || filter.values.length === 0 || filter.values.length > MAX_FILTER_VALUES) {
    problems.push({ location: `${at}.values`, message: l10n.t('{0}.values must list 1 to {1} values.', at, MAX_FILTER_VALUES) });
    return;
  }
  if (SINGLE_VALUE_OPERATIONS.has(filter.operation) && filter.values.length !== 1) {
    problems.push({ location: `${at}.values`, message: l10n.t('"{0}" compares with one value; use "in" for several.', filter.operation) });
  }
  const bad = filter.values.findIndex(
    (value) => !(value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= MAX_VALUE_LENGTH)),
  );
  if (bad >= 0) {
    problems.push({ location: `${at}.values.${bad}`, message: l10n.t('{0}.values.{1} must be text (up to {2} characters), a number, true, false or null.', at, bad, MAX_VALUE_LENGTH) });
  }
}

/** Every problem with the query, in the order of the body's fields; empty when it can be sent. */
export function findAnalyticsQueryProblems(query: AnalyticsQuery): ValidationIssue[] {
  const problems: ValidationIssue[] = [];
  const startOk = checkTime('start_time', query.startMs, problems);
  const endOk = checkTime('end_time', query.endMs, problems);
  if (startOk && endOk && query.startMs >= query.endMs) {
    problems.push({ location: 'end_time', message: l10n.t('The window ends before it starts: end_time must be later than start_time.') });
  }
  const interval = query.intervalSeconds;
  if (!(typeof interval === 'number' && Number.isSafeInteger(interval) && interval >= 1)) {
    problems.push({ location: 'interval_seconds', message: l10n.t('interval_seconds must be a whole number of seconds, at least 1, not {0}.', String(interval)) });
  } else if (startOk && endOk && bucketCount(query) > MAX_BUCKETS_PER_REQUEST) {
    problems.push({
      location: 'interval_seconds',
      message: l10n.t('The window makes about {0} buckets of {1} s, more than {2}: choose larger buckets or a shorter window.', formatExact(bucketCount(query)), interval, formatExact(MAX_BUCKETS_PER_REQUEST)),
    });
  }
  const groupBy = query.groupBy ?? [];
  if (!Array.isArray(groupBy) || groupBy.length > MAX_GROUP_BY) {
    problems.push({ location: 'group_by', message: l10n.t('group_by must list at most {0} columns.', MAX_GROUP_BY) });
  } else {
    groupBy.forEach((column, i) => checkName(`group_by.${i}`, column, problems));
    if (new Set(groupBy).size !== groupBy.length) {
      problems.push({ location: 'group_by', message: l10n.t('group_by names a column twice.') });
    }
  }
  const filters = query.filters ?? [];
  if (!Array.isArray(filters) || filters.length > MAX_FILTERS) {
    problems.push({ location: 'filters', message: l10n.t('filters must list at most {0} filters.', MAX_FILTERS) });
  } else {
    filters.forEach((filter, i) => checkFilter(filter, `filters.${i}`, problems));
  }
  if (typeof query.timeZone !== 'string' || query.timeZone === '' || query.timeZone.length > MAX_NAME_LENGTH || !isValidTimeZone(query.timeZone)) {
    problems.push({ location: 'time_zone', message: l10n.t('time_zone must be an IANA time zone such as "Asia/Kathmandu", not {0}.', JSON.stringify(String(query.timeZone).slice(0, 40))) });
  }
  return problems;
}

/** How many buckets of the query's size the window meets (two more for cut buckets at either end). */
export function bucketCount(query: AnalyticsQuery): number {
  return Math.ceil(Math.max(0, query.endMs - query.startMs) / (query.intervalSeconds * 1000)) + 2;
}

export function assertValidAnalyticsQuery(query: AnalyticsQuery): void {
  const problems = findAnalyticsQueryProblems(query);
  if (problems.length > 0) {
    throw new ElevenLabsError('invalidQuery', l10n.t('The analytics query cannot be sent: {0}', problems.map((p) => p.message).join(' ')), { issues: problems });
  }
}

export function buildAnalyticsUrl(baseUrl: string): URL {
  return new URL(withTrailingSlashRemoved(baseUrl) + ANALYTICS_PATH);
}

/** The JSON body, every field named as the API names it. Empty groupings and filters are sent as null. */
export function buildAnalyticsBody(query: AnalyticsQuery): Record<string, unknown> {
  return {
    start_time: query.startMs,
    end_time: query.endMs,
    interval_seconds: query.intervalSeconds,
    group_by: query.groupBy && query.groupBy.length > 0 ? [...query.groupBy] : null,
    filters: query.filters && query.filters.length > 0 ? query.filters.map((f) => ({ column: f.column, operation: f.operation, values: [...f.values] })) : null,
    time_zone: query.timeZone,
  };
}
