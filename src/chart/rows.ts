// The long-format rows the time charts draw (one per series and bucket), with each bucket's start and end in the
// user's zone written as UTC (the axis is a UTC scale over wall-clock times), their tooltip texts, values and
// legend keys. Lines with more buckets than LINE_DETAIL_LIMIT are drawn from fewer rows (usage/decimate.ts).

import type { ChartData } from '../usage/chartData';
import { decimateMinMax, decimationGroupSize } from '../usage/decimate';
import { formatExact } from '../usage/numberFormat';
import { ZonedCalendar } from '../usage/timeZone';
import { chartKind, isSimplified, LINE_DETAIL_LIMIT } from './chartKind';
import { formatValue } from './text';

/** Fraction of a bucket's width left empty on each side of its bar. */
const BAR_INSET = 0.08;

/** One data row per series and bucket (long format), as the spec carries it. */
export interface ChartRow {
  readonly series: string;
  /** The legend label: name and total. Unique per series. */
  readonly key: string;
  /** The series' position in ChartData.series (stack order and colour order). */
  readonly order: number;
  /**
   * Bucket start and end as the user's wall-clock time written as UTC ms (what the UTC time axis shows): a
   * bucket starting at 00:00 in Pacific/Auckland has a `start` at 00:00 UTC of that date.
   */
  readonly start: number;
  readonly end: number;
  /** Bar extent, inset from the bucket edges (wall-clock time as UTC ms, like start and end). */
  readonly barStart: number;
  readonly barEnd: number;
  /** The bucket's start and end as the tooltip shows them, e.g. "Tue 24 Nov 2026, 00:00". */
  readonly fromText: string;
  readonly toText: string;
  readonly value: number | null;
  /** "1,234 credits", or "no data". */
  readonly valueText: string;
  /** The bucket's sum across series (stacked bars with several series only). */
  readonly bucketTotalText?: string;
}

interface LocalBucket {
  /** Wall-clock start and end in the user's zone, written as UTC ms (see ChartRow). */
  readonly start: number;
  readonly end: number;
  readonly fromText: string;
  readonly toText: string;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 24 Nov 2026, 05:30": a wall-clock time written as UTC ms, read back in UTC. */
function formatWallClock(wallClockMs: number): string {
  const d = new Date(wallClockMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${WEEKDAYS[(d.getUTCDay() + 6) % 7]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Each bucket's start and end in the data's zone, and their tooltip texts. */
function localBuckets(data: ChartData): LocalBucket[] {
  const calendar = ZonedCalendar.for(data.timeZone);
  return data.time.map((startMs, i) => {
    const start = calendar.wallClockAsUtc(startMs);
    const end = calendar.wallClockAsUtc(data.ends[i]!);
    return { start, end, fromText: formatWallClock(start), toText: formatWallClock(end) };
  });
}

/** Legend labels: "name — total", made unique. */
export function legendKeys(data: ChartData): string[] {
  const seen = new Set<string>();
  return data.series.map((s) => {
    const base = `${s.name} \u2014 ${s.total === null ? 'no data' : formatExact(s.total)}`;
    let key = base;
    for (let n = 2; seen.has(key); n++) {
      key = `${base} (${n})`;
    }
    seen.add(key);
    return key;
  });
}

/** The long-format rows of the time charts. */
export function chartRows(data: ChartData): ChartRow[] {
  const keys = legendKeys(data);
  const n = data.time.length;
  if (n === 0) {
    return [];
  }
  const buckets = localBuckets(data);
  if (isSimplified(data)) {
    return simplifiedLineRows(data, keys, buckets);
  }
  const stackedTotals = chartKind(data) === 'stacked-bars' && data.series.length > 1;
  const rows: ChartRow[] = [];
  for (let i = 0; i < n; i++) {
    const { start, end, fromText, toText } = buckets[i]!;
    const inset = (end - start) * BAR_INSET;
    let bucketTotalText: string | undefined;
    if (stackedTotals) {
      let sum = 0;
      for (const s of data.series) {
        sum += s.values[i] ?? 0;
      }
      bucketTotalText = formatValue(sum, data.unit);
    }
    data.series.forEach((s, order) => {
      const raw = s.values[i];
      const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
      rows.push({
        series: s.name,
        key: keys[order]!,
        order,
        start,
        end,
        barStart: Math.round(start + inset),
        barEnd: Math.round(end - inset),
        fromText,
        toText,
        value,
        valueText: formatValue(value, data.unit),
        ...(bucketTotalText !== undefined ? { bucketTotalText } : {}),
      });
    });
  }
  return rows;
}

/** Rows for a line chart with more buckets than LINE_DETAIL_LIMIT: per series, the buckets decimateMinMax keeps. */
function simplifiedLineRows(data: ChartData, keys: readonly string[], buckets: readonly LocalBucket[]): ChartRow[] {
  const group = decimationGroupSize(data.time.length, LINE_DETAIL_LIMIT);
  return data.series.flatMap((s, order) =>
    decimateMinMax(s.values, group).map(({ index, gap }) => {
      const { start, end, fromText, toText } = buckets[index]!;
      const value = gap ? null : (s.values[index] as number);
      return { series: s.name, key: keys[order]!, order, start, end, barStart: start, barEnd: end, fromText, toText, value, valueText: formatValue(value, data.unit) };
    }),
  );
}
