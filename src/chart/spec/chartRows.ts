// The long-format rows the time charts draw (one per series and bucket): the bucket's index and labels (bars are
// drawn on a band per bucket, named as a calendar names it), its start and end in the user's zone written as
// UTC (lines are drawn on a UTC scale over wall-clock times), the value, and the legend key. Lines with more
// buckets than LINE_DETAIL_LIMIT are drawn from fewer rows (usage/decimate.ts).

import * as l10n from '@vscode/l10n';
import type { ChartData } from '../../usage/chartData';
import { decimateMinMax, decimationGroupSize } from '../../usage/decimate';
import { formatExact } from '../../shared/locale/numberFormats';
import { ZonedCalendar } from '../../usage/calendar/timeZone';
import { bucketLabels, type BucketLabel } from '../bucketLabels';
import { markKind, isSimplified, LINE_DETAIL_LIMIT } from './markKind';
import { formatValue } from './chartWords';

/** One data row per series and bucket (long format), as the spec carries it. */
export interface ChartRow {
  readonly series: string;
  /** The legend label: name and total. Unique per series. */
  readonly key: string;
  /** The series' position in ChartData.series (stack order and colour order). */
  readonly order: number;
  /** The bucket's position in ChartData.time: the band it is drawn in. */
  readonly bucket: number;
  /**
   * Bucket start and end as the user's wall-clock time written as UTC ms (what the UTC time axis shows): a
   * bucket starting at 00:00 in Pacific/Auckland has a `start` at 00:00 UTC of that date.
   */
  readonly start: number;
  readonly end: number;
  /** The bucket as the tooltip names it, e.g. "Mon 23 Nov 2026, from 07:01". */
  readonly when: string;
  /** Whether the window cuts the bucket short of its whole period (drawn fainter). */
  readonly partial: boolean;
  readonly value: number | null;
  /** "1,234 credits", or "no data". */
  readonly valueText: string;
  /** The bucket's sum across series (stacked bars with several series only). */
  readonly bucketTotalText?: string;
}

interface BucketPlace {
  readonly start: number;
  readonly end: number;
  readonly when: string;
  readonly partial: boolean;
}

/** Each bucket's place on a wall-clock axis, its full name and whether it is cut. */
function bucketPlaces(data: ChartData, labels: readonly BucketLabel[]): BucketPlace[] {
  const calendar = ZonedCalendar.for(data.timeZone);
  return data.time.map((startMs, i) => ({
    start: calendar.wallClockAsUtc(startMs),
    end: calendar.wallClockAsUtc(data.ends[i]!),
    when: labels[i]!.full,
    partial: (data.partial[i] ?? null) !== null,
  }));
}

/** Legend labels: "name — total", made unique. */
export function legendKeys(data: ChartData): string[] {
  const seen = new Set<string>();
  return data.series.map((s) => {
    const base = `${s.name} \u2014 ${s.total === null ? l10n.t('no data') : formatExact(s.total)}`;
    let key = base;
    for (let n = 2; seen.has(key); n++) {
      key = `${base} (${n})`;
    }
    seen.add(key);
    return key;
  });
}

function row(data: ChartData, keys: readonly string[], places: readonly BucketPlace[], order: number, bucket: number, value: number | null): ChartRow {
  const { start, end, when, partial } = places[bucket]!;
  return { series: data.series[order]!.name, key: keys[order]!, order, bucket, start, end, when, partial, value, valueText: formatValue(value, data.unit) };
}

/** The long-format rows of the time charts (`labels`: bucketLabels(data), where the caller has them already). */
export function chartRows(data: ChartData, labels: readonly BucketLabel[] = bucketLabels(data)): ChartRow[] {
  const keys = legendKeys(data);
  const n = data.time.length;
  if (n === 0) {
    return [];
  }
  const places = bucketPlaces(data, labels);
  if (isSimplified(data)) {
    // Per series, the buckets decimateMinMax keeps.
    const group = decimationGroupSize(n, LINE_DETAIL_LIMIT);
    return data.series.flatMap((s, order) =>
      decimateMinMax(s.values, group).map(({ index, gap }) => row(data, keys, places, order, index, gap ? null : (s.values[index] as number))),
    );
  }
  const stackedTotals = markKind(data) === 'stacked-bars' && data.series.length > 1;
  const rows: ChartRow[] = [];
  for (let i = 0; i < n; i++) {
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
      rows.push({ ...row(data, keys, places, order, i, value), ...(bucketTotalText !== undefined ? { bucketTotalText } : {}) });
    });
  }
  return rows;
}
