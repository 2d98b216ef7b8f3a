// Buckets in the user's own calendar. The API buckets in UTC and has no time-zone parameter, so a "day" there
// runs from 13:00 to 13:00 in Auckland. For counts (credits, characters, minutes, requests, money) the chart asks
// for fine UTC buckets whose size divides every offset of the user's zone in the window (an hour, or half an
// hour in Kolkata and on Lord Howe Island, or a quarter in Kathmandu and the Chathams), so that no fine bucket
// straddles a local boundary, and adds them up into local hours, days, ISO weeks (from Monday 00:00) and
// calendar months. Exact in every zone and across DST: a local day may hold 23 or 25 hours.

import type { PartialBucket } from './buckets';
import type { ZonedCalendar } from './timeZone';

export type { PartialBucket } from './buckets';

export type LocalUnit = 'hour' | 'day' | 'week' | 'month';

export const LOCAL_UNITS: readonly LocalUnit[] = ['hour', 'day', 'week', 'month'];

export function isLocalUnit(value: unknown): value is LocalUnit {
  return typeof value === 'string' && (LOCAL_UNITS as readonly string[]).includes(value);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The largest fine bucket: no query for local periods asks for fewer buckets than its window holds of these. */
export const LARGEST_FINE_BUCKET_MS = HOUR;

/** Fine bucket sizes to try, largest first: fewer buckets mean smaller answers. */
const FINE_SIZES_MS = [HOUR, 30 * MINUTE, 15 * MINUTE, 5 * MINUTE, MINUTE];

/**
 * The largest fine bucket size (ms) that divides every offset the zone has in the window, and so every distance
 * between two local boundaries: buckets of this size cut from a multiple of it never straddle a local hour.
 */
export function fineBucketMs(calendar: ZonedCalendar, startUnix: number, endExclusive: number): number {
  const offsets = new Set<number>([calendar.offsetMs(startUnix), calendar.offsetMs(endExclusive - 1)]);
  for (const change of calendar.offsetChanges(startUnix, endExclusive)) {
    offsets.add(calendar.offsetMs(change));
  }
  return FINE_SIZES_MS.find((size) => [...offsets].every((offset) => offset % size === 0)) ?? MINUTE;
}

/** The start of the local period of `unit` that holds `ms`. */
function periodStart(calendar: ZonedCalendar, ms: number, unit: Exclude<LocalUnit, 'hour'>): number {
  switch (unit) {
    case 'day':
      return calendar.startOfDay(ms);
    case 'week':
      return calendar.addDays(ms, 1 - calendar.weekday(ms));
    case 'month':
      return calendar.startOfMonth(ms);
  }
}

function nextPeriod(calendar: ZonedCalendar, start: number, unit: Exclude<LocalUnit, 'hour'>): number {
  switch (unit) {
    case 'day':
      return calendar.addDays(start, 1);
    case 'week':
      return calendar.addDays(start, 7);
    case 'month':
      return calendar.startOfMonth(start, 1);
  }
}

/**
 * Local hour boundaries from the day before `fromMs` to the day after `toMs`: each instant a local clock shows a
 * whole hour (a skipped one moved to where the clock resumes; one shown twice, both times), and each offset
 * change, so that no bucket is longer than an hour of real time.
 */
function hourBoundaries(calendar: ZonedCalendar, fromMs: number, toMs: number): number[] {
  const boundaries = new Set<number>();
  for (let day = calendar.addDays(fromMs, -1); day < toMs + DAY; day = calendar.addDays(day, 1)) {
    const { year, month, day: date } = calendar.wallClock(day);
    for (let hour = 0; hour < 24; hour++) {
      boundaries.add(calendar.instant({ year, month, day: date, hour }).ms);
    }
  }
  for (const change of calendar.offsetChanges(fromMs - DAY, toMs + DAY)) {
    boundaries.add(change);
    // When clocks go back, the whole hours they show a second time begin hours too: instant() gave only the first
    // time. (Where the change is on the hour and goes back one hour, that second time is the change itself; where
    // it is not, as Pacific/Chatham's at 03:45, or goes back two, as Antarctica/Troll's, there are more.)
    const after = calendar.offsetMs(change);
    const shownAgainMs = calendar.offsetMs(change - 1) - after;
    for (let wall = Math.ceil((change + after) / HOUR) * HOUR; wall - after < change + shownAgainMs; wall += HOUR) {
      boundaries.add(wall - after);
    }
  }
  return [...boundaries].sort((a, b) => a - b);
}

/**
 * The boundaries of the local periods that meet the window [startUnix, endExclusive): the first at or before
 * its start, the last at or after its end; consecutive pairs are the periods.
 */
export function periodBoundaries(calendar: ZonedCalendar, startUnix: number, endExclusive: number, unit: LocalUnit): number[] {
  if (unit === 'hour') {
    const all = hourBoundaries(calendar, startUnix, endExclusive);
    const first = periodIndex(all, startUnix);
    const last = all.findIndex((b) => b >= endExclusive);
    return all.slice(first, last + 1);
  }
  const boundaries = [periodStart(calendar, startUnix, unit)];
  while (boundaries[boundaries.length - 1]! < endExclusive) {
    boundaries.push(nextPeriod(calendar, boundaries[boundaries.length - 1]!, unit));
  }
  return boundaries;
}

export interface LocalSeries {
  /** Each local period the window meets, as far as the window covers it: start and end (exclusive), UTC ms. */
  readonly time: number[];
  readonly ends: number[];
  readonly partial: PartialBucket[];
  /**
   * One sum per period and series: zero where no fine bucket had data, null where the service sent only gaps
   * (null) for the period's fine buckets. A gap among numbers adds nothing; `missingValues` counts them all.
   */
  readonly series: Array<{ readonly name: string; readonly values: Array<number | null> }>;
  /** Fine values the service sent without a number. */
  readonly missingValues: number;
}

/**
 * Adds fine buckets up into local periods. `fine` holds the answers' labels and values (labels may come in any
 * order and from several answers; a label before the window's start is not expected and is counted in the first
 * period). The window's end is exclusive here.
 */
export function sumIntoLocalPeriods(
  fine: ReadonlyArray<{ readonly time: readonly number[]; readonly series: ReadonlyArray<{ readonly name: string; readonly values: ReadonlyArray<number | null> }> }>,
  window: { readonly startUnix: number; readonly endExclusive: number },
  unit: LocalUnit,
  calendar: ZonedCalendar,
): LocalSeries {
  const boundaries = periodBoundaries(calendar, window.startUnix, window.endExclusive, unit);
  const periods = boundaries.length - 1;
  // Per series: the sums, and per period whether only gaps came (1), a number (2), or nothing at all (0).
  const sums = new Map<string, { sums: number[]; seen: Uint8Array }>();
  let missing = 0;
  for (const answer of fine) {
    // The period of each label, found once per answer and shared by its series.
    const index = answer.time.map((t) => periodIndex(boundaries, t));
    for (const { name, values } of answer.series) {
      let row = sums.get(name);
      if (!row) {
        row = { sums: new Array<number>(periods).fill(0), seen: new Uint8Array(periods) };
        sums.set(name, row);
      }
      for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        const period = index[i]!;
        if (value === null) {
          missing++;
          row.seen[period] = Math.max(row.seen[period]!, 1);
        } else {
          row.sums[period]! += value;
          row.seen[period] = 2;
        }
      }
    }
  }
  const time: number[] = [];
  const ends: number[] = [];
  const partial: PartialBucket[] = [];
  for (let i = 0; i < periods; i++) {
    const cutAtStart = boundaries[i]! < window.startUnix;
    const cutAtEnd = boundaries[i + 1]! > window.endExclusive;
    time.push(Math.max(boundaries[i]!, window.startUnix));
    ends.push(Math.min(boundaries[i + 1]!, window.endExclusive));
    partial.push(cutAtStart && cutAtEnd ? 'both' : cutAtStart ? 'start' : cutAtEnd ? 'end' : null);
  }
  const series = [...sums].map(([name, row]) => ({ name, values: row.sums.map((sum, i): number | null => (row.seen[i] === 1 ? null : sum)) }));
  return { time, ends, partial, series, missingValues: missing };
}

/** The index of the period [b[i], b[i+1]) that holds t (the first or last when t is outside them). */
function periodIndex(boundaries: readonly number[], t: number): number {
  let low = 0;
  let high = boundaries.length - 2;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (boundaries[middle]! <= t) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}
