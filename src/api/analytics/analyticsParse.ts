// Reads an analytics answer: a table of `columns`, `column_types`, `column_units` and `rows`. Columns are found by
// their type and unit, never by name or position (the official example names them "timestamp" and "credits_used";
// other clients have seen "total_cost (usd)" and "usage_count" beside them): the time is the DateTime column, the
// figure the column in credits, and the series are named by the columns that were grouped by (or, failing that,
// by the text columns without a unit). Numbers come as numbers or as numeric text ("125.5"); a cell without one is
// a gap. Unknown columns, types and units are left alone. The sizes are checked before any row is read.

import { formatExact } from '../../shared/locale/numberFormats';
import * as l10n from '@vscode/l10n';
import { badShape, describe, describeOrMissing, quoteName, tooMany, MAX_SERIES_NAME_LENGTH, MAX_SERIES_PER_ANSWER } from '../parse';
import { isRecord } from '../../shared/isRecord';
import type { AnalyticsSeries } from './analyticsTypes';
import { UNGROUPED_SERIES } from '../types';

/**
 * No answer is read with more columns or rows than these: 17 groupings, a time and a few figures; a year of hours
 * by 50 voices.
 */
export const MAX_COLUMNS = 64;
export const MAX_ROWS_PER_ANSWER = 500_000;

/** What the caller knows of the answer it asked for. */
export interface AnalyticsAnswerContext {
  /** The columns the query grouped by, as sent. */
  readonly groupBy: readonly string[];
  /** The most rows the query can bring: buckets × series, at most MAX_ROWS_PER_ANSWER. */
  readonly maxRows: number;
  /**
   * A timestamp written without an offset ("2026-03-01 00:00:00", as some databases write DateTime) is a time on
   * the wall clock of the query's zone: this turns such a time, written as if it were UTC, into the instant.
   */
  readonly wallClockToUtc: (wallClockMs: number) => number;
}

const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
/** An ISO date-time with an offset or Z, or without (then on the query's wall clock). */
const DATE_TIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** A cell as a number: a finite number, or numeric text; anything else (null, "", "n/a", true) is no number. */
export function cellNumber(cell: unknown): number | null {
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? cell : null;
  }
  if (typeof cell === 'string' && cell.length <= 64 && NUMERIC_TEXT.test(cell)) {
    const value = Number(cell);
    return Number.isFinite(value) ? value : null;
  }
  return null;
}

/** A DateTime cell as UTC ms: ISO text (with an offset, or on the query's wall clock), or a number in `unit`. */
function cellInstant(cell: unknown, unit: string | null, context: AnalyticsAnswerContext): number | undefined {
  if (typeof cell === 'number' && Number.isFinite(cell)) {
    // Seconds unless the unit says milliseconds; with no unit, a number below 1e11 (the year 5138 in seconds) is
    // seconds.
    return unit === 'ms' || (unit !== 's' && Math.abs(cell) >= 1e11) ? cell : cell * 1000;
  }
  if (typeof cell !== 'string' || cell.length > 40) {
    return undefined;
  }
  if (NUMERIC_TEXT.test(cell)) {
    return cellInstant(Number(cell), unit, context);
  }
  const match = DATE_TIME_TEXT.exec(cell.trim());
  if (!match) {
    return undefined;
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(fraction.padEnd(3, '0').slice(0, 3)));
  if (!Number.isFinite(wall) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 24 || Number(mi) > 59 || Number(s) > 60) {
    return undefined;
  }
  if (offset === undefined) {
    return context.wallClockToUtc(wall);
  }
  if (offset.toUpperCase() === 'Z') {
    return wall;
  }
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return wall - (digits[0] === '-' ? -1 : 1) * minutes * 60_000;
}

interface Columns {
  readonly names: readonly string[];
  readonly types: readonly string[];
  readonly units: ReadonlyArray<string | null>;
}

function readColumns(body: Record<string, unknown>): Columns {
  const { columns, column_types: types, column_units: units } = body;
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string' && c.length <= MAX_SERIES_NAME_LENGTH)) {
    throw badShape(l10n.t('"columns" is {0}, expected a list of column names', describeOrMissing(columns)));
  }
  if (columns.length > MAX_COLUMNS) {
    throw tooMany(l10n.t('{0} columns in one answer; it reads at most {1}', formatExact(columns.length), MAX_COLUMNS), l10n.t('Group by fewer columns.'));
  }
  if (!Array.isArray(types) || types.length !== columns.length) {
    throw badShape(
      Array.isArray(types)
        ? l10n.t('"column_types" is {0} of {1}, expected one type for each of {2} columns', describe(types), types.length, columns.length)
        : l10n.t('"column_types" is {0}, expected one type for each of {1} columns', describeOrMissing(types), columns.length),
    );
  }
  // Units are required by the contract; an answer without them still has its types (and no column in credits).
  const unitList = units === undefined || units === null ? columns.map(() => null) : units;
  if (!Array.isArray(unitList) || unitList.length !== columns.length) {
    throw badShape(l10n.t('"column_units" is {0}, expected one unit (or null) for each of {1} columns', describe(units), columns.length));
  }
  return {
    names: columns as string[],
    types: types.map((t: unknown) => (typeof t === 'string' ? t : '')),
    units: unitList.map((u: unknown) => (typeof u === 'string' && u !== '' ? u : null)),
  };
}

/** The columns the series are named by: those grouped by, else the text columns without a unit. */
function groupColumnIndexes(columns: Columns, exclude: ReadonlySet<number>, groupBy: readonly string[]): number[] {
  const all = columns.names.map((_, i) => i).filter((i) => !exclude.has(i));
  const asked = all.filter((i) => groupBy.includes(columns.names[i]!));
  return asked.length > 0 ? asked : all.filter((i) => (columns.types[i] === 'String' || columns.types[i] === 'Bool') && columns.units[i] === null);
}

/** A series name's part for a grouped cell that holds nothing. */
export function noGroupValue(): string {
  return l10n.t('(none)');
}

/** A grouped cell as part of a series' name: text as sent, other values written out, nothing as "(none)". */
function groupText(cell: unknown): string {
  return cell === null || cell === undefined || cell === '' ? noGroupValue() : typeof cell === 'string' ? cell : JSON.stringify(cell);
}

/**
 * Validates an answer and turns it into series of credits by bucket. Refuses (badShape) an answer with no DateTime
 * column or no column in credits, a row whose length is not the columns', or a time it cannot read.
 */
export function parseAnalyticsResponse(body: unknown, context: AnalyticsAnswerContext): AnalyticsSeries {
  if (!isRecord(body)) {
    throw badShape(l10n.t('expected an object with "columns" and "rows", got {0}', describe(body)));
  }
  const columns = readColumns(body);
  const rows = body['rows'];
  if (!Array.isArray(rows)) {
    throw badShape(l10n.t('"rows" is {0}, expected a list of rows', describeOrMissing(rows)));
  }
  if (rows.length > context.maxRows) {
    throw tooMany(
      l10n.t('{0} rows for a query that makes at most {1}', formatExact(rows.length), formatExact(context.maxRows)),
      l10n.t('Group by fewer columns, or choose larger buckets or a shorter window.'),
    );
  }
  const timeColumn = columns.types.indexOf('DateTime');
  if (timeColumn < 0) {
    throw badShape(l10n.t('no DateTime column among {0} columns ({1})', columns.names.length, columns.names.slice(0, 5).map(quoteName).join(', ')));
  }
  const creditsColumn = columns.units.indexOf('credits');
  if (creditsColumn < 0) {
    throw badShape(l10n.t('no column in credits among {0} columns ({1})', columns.names.length, columns.names.slice(0, 5).map(quoteName).join(', ')));
  }
  const groups = groupColumnIndexes(columns, new Set([timeColumn, creditsColumn]), context.groupBy);
  const bySeries = new Map<string, Map<number, number | null>>();
  const times = new Set<number>();
  let missingValues = 0;
  for (let r = 0; r < rows.length; r++) {
    const row: unknown = rows[r];
    if (!Array.isArray(row) || row.length !== columns.names.length) {
      throw badShape(
        Array.isArray(row)
          ? l10n.t('row {0} is {1} of {2} cells, expected {3} cells', r, describe(row), row.length, columns.names.length)
          : l10n.t('row {0} is {1}, expected {2} cells', r, describe(row), columns.names.length),
      );
    }
    const time = cellInstant(row[timeColumn], columns.units[timeColumn]!, context);
    if (time === undefined || !Number.isFinite(time)) {
      throw badShape(l10n.t('the time in row {0} is {1}, expected a date and time', r, describe(row[timeColumn])));
    }
    const name = groups.length === 0 ? UNGROUPED_SERIES : groups.map((g) => groupText(row[g])).join(' \u00b7 ');
    if (name.length > MAX_SERIES_NAME_LENGTH) {
      throw badShape(l10n.t('a series name of {0} characters', formatExact(name.length)));
    }
    let values = bySeries.get(name);
    if (!values) {
      if (bySeries.size >= MAX_SERIES_PER_ANSWER) {
        throw tooMany(l10n.t('more than {0} series in one answer', formatExact(MAX_SERIES_PER_ANSWER)), l10n.t('Group by fewer columns, or filter.'));
      }
      values = new Map();
      bySeries.set(name, values);
    }
    const value = cellNumber(row[creditsColumn]);
    if (value === null) {
      missingValues++;
    }
    // Rows of one bucket and series are added up (the service sends one; a second must not overwrite the first).
    const before = values.get(time);
    values.set(time, before === undefined ? value : before === null ? value : value === null ? before : before + value);
    times.add(time);
  }
  const time = [...times].sort((a, b) => a - b);
  const series = [...bySeries].map(([name, values]) => ({ name, values: time.map((t) => (values.has(t) ? values.get(t)! : 0)) }));
  return { time, series, groupColumns: groups.map((g) => columns.names[g]!), missingValues };
}
