// Shapes validated API answers into what the chart, the table and the exports show: buckets in time order, each
// with its start and end, empty buckets the service left out filled in (with 0 for counts; left empty for
// averages and peaks, where 0 would be a false figure), at most ten series (the nine largest and "Other"), and
// a total per series. The buckets are either the API's own (UTC) or the user's local periods (localBuckets.ts).

import * as l10n from '@vscode/l10n';
import type { UsageQuery } from '../api/types';
import { metricInfo, type Combine } from './catalog';
import { apiBucketCuts, bucketEnds, bucketGrid } from './calendar/buckets';
import type { BillingPeriodFigures } from './billingPeriod';
import type { LocalSeries, LocalUnit, PartialBucket } from './calendar/localBuckets';
import { plural } from '../shared/locale/plural';

export const MAX_SERIES = 10;

/** The series the smaller ones fold into: "Other", or "Other (3 more)" where a kept series is named Other already. */
export function otherSeriesName(folded?: number): string {
  return folded === undefined ? l10n.t('Other') : l10n.t('Other ({0} more)', folded);
}

export interface ChartSeries {
  readonly name: string;
  /**
   * The name the API sent, where the series is shown by another (a product's name, the ungrouped series in the
   * display language): what the JSON export gives scripts, the same in every language.
   */
  readonly sentAs?: string;
  /** One value per entry of ChartData.time; null where the service had no data (non-additive metrics). */
  readonly values: ReadonlyArray<number | null>;
  /** Sum for counts, mean for averages, peak for maxima; null when the series has no value at all. */
  readonly total: number | null;
}

/**
 * How the buckets were made: the user's local periods (summed from fine UTC buckets), or the API's own, and then
 * why: the user asked for them, the metric cannot be summed (averages, peaks), a bucket size was given, the
 * whole window is one figure, or the interval is one this version does not know.
 */
export type BucketDescription =
  | { readonly kind: 'local'; readonly unit: LocalUnit }
  | {
      readonly kind: 'api';
      readonly reason: 'asked' | 'notAdditive' | 'size' | 'whole' | 'unknown';
      readonly interval?: string;
      readonly bucketSeconds?: number;
    };

/** Labels and values as one or more answers give them; null where the service sent no number (a gap). */
export interface SparseSeries {
  readonly time: readonly number[];
  readonly series: ReadonlyArray<{ readonly name: string; readonly values: ReadonlyArray<number | null> }>;
}

export interface ChartData {
  /** Bucket starts, UTC milliseconds, ascending; a bucket the window cuts starts where the window does. */
  readonly time: readonly number[];
  /** Where each bucket ends (exclusive, UTC ms); the last one is cut by the window's end. */
  readonly ends: readonly number[];
  /** Per bucket, where the window cuts it short of its whole period (see PartialBucket). */
  readonly partial: readonly PartialBucket[];
  readonly buckets: BucketDescription;
  readonly series: readonly ChartSeries[];
  readonly metric: string;
  readonly metricLabel: string;
  readonly unit: string;
  readonly combine: Combine;
  /** One bucket for the whole window: the chart shows one figure per series. */
  readonly cumulative: boolean;
  /** Buckets the service left out and that were filled in. */
  readonly filledBuckets: number;
  /**
   * Values the service sent without a number (null, or one too large to be a number): gaps in the chart, "–" in
   * the table, left out of totals, means and peaks, and said so in the notes and the exports.
   */
  readonly missingValues: number;
  /** Series folded into "Other" (0 when there are ten or fewer). */
  readonly foldedSeries: number;
  readonly startUnix: number;
  readonly endUnix: number;
  /** The user's zone (IANA): the chart, the table and the exports show times in it. */
  readonly timeZone: string;
  /**
   * For the billing-period chart only: the running total of the period's credits, the quota's limit, and where this
   * pace leads by the reset (usage/billingPeriod.ts). Other charts have none.
   */
  readonly billingPeriod?: BillingPeriodFigures;
  /**
   * What the host says of the figures beyond the buckets, one sentence each (an account that did not answer a
   * comparison); shown with the chart's other notes and written into the JSON export.
   */
  readonly notes?: readonly string[];
}

/** The most host notes a chart carries, and the longest (a page reads them as untrusted). */
export const MAX_NOTES = 10;
export const MAX_NOTE_LENGTH = 400;

/** Values combined as the metric combines (sum, mean or peak), the gaps (null) left out; null when all are gaps. */
export function combine(values: ReadonlyArray<number | null>, how: Combine): number | null {
  let count = 0;
  let sum = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value === null) {
      continue;
    }
    count++;
    sum += value;
    if (value > max) {
      max = value;
    }
  }
  if (count === 0) {
    return null;
  }
  return how === 'sum' ? sum : how === 'mean' ? sum / count : max;
}

/**
 * Time ascending (the contract does not promise order) with each label once: values of a repeated label are
 * combined the way the metric combines, rather than one overwriting the other.
 */
function sortAndMerge(usage: SparseSeries, how: Combine): { time: number[]; series: Array<{ name: string; values: Array<number | null> }> } {
  // The usual answer is already ascending with each label once: take it as it is (a year of hourly buckets in 50
  // series would otherwise build 8,760 one-element groups and copy every value through them).
  if (usage.time.every((t, i) => i === 0 || t > usage.time[i - 1]!)) {
    return { time: [...usage.time], series: usage.series.map((s) => ({ name: s.name, values: usage.time.map((_, i) => s.values[i] ?? null) })) };
  }
  const order = usage.time.map((_, i) => i).sort((a, b) => usage.time[a]! - usage.time[b]!);
  const time: number[] = [];
  const groups: number[][] = [];
  for (const i of order) {
    const t = usage.time[i]!;
    if (time.length > 0 && time[time.length - 1] === t) {
      groups[groups.length - 1]!.push(i);
    } else {
      time.push(t);
      groups.push([i]);
    }
  }
  const series = usage.series.map((s) => ({
    name: s.name,
    values: groups.map((group) => (group.length === 1 ? s.values[group[0]!]! : combine(group.map((i) => s.values[i] ?? null), how))),
  }));
  return { time, series };
}

/** Sorts and merges the labels, and fills the grid's missing buckets. */
function alignToGrid(
  usage: SparseSeries,
  query: UsageQuery,
  fill: number | null,
  how: Combine,
): { time: number[]; series: Array<{ name: string; values: Array<number | null> }>; filled: number } {
  const { time: sortedTime, series: sortedSeries } = sortAndMerge(usage, how);
  const grid = bucketGrid(query);
  if (!grid || grid.length < sortedTime.length) {
    return { time: sortedTime, series: sortedSeries, filled: 0 };
  }
  const positions = new Map(grid.map((t, i) => [t, i]));
  if (!sortedTime.every((t) => positions.has(t))) {
    // Labels off our grid (a service change, an interval we do not know): show them as they came.
    return { time: sortedTime, series: sortedSeries, filled: 0 };
  }
  if (grid.length === sortedTime.length) return { time: grid, series: sortedSeries, filled: 0 }; // nothing missing
  // Each label's place on the grid, looked up once for all series.
  const places = sortedTime.map((t) => positions.get(t)!);
  const series = sortedSeries.map((s) => {
    const values = new Array<number | null>(grid.length).fill(fill);
    for (let i = 0; i < places.length; i++) values[places[i]!] = s.values[i]!;
    return { name: s.name, values };
  });
  return { time: grid, series, filled: grid.length - sortedTime.length };
}

/** Keeps the nine largest series and folds the rest into "Other", combined the way the metric combines. */
function foldSmallSeries(
  series: Array<{ name: string; values: Array<number | null>; total: number | null }>,
  how: Combine,
  bucketCount: number,
): { series: ChartSeries[]; folded: number } {
  if (series.length <= MAX_SERIES) {
    return { series, folded: 0 };
  }
  const ranked = [...series].sort((a, b) => Math.abs(b.total ?? 0) - Math.abs(a.total ?? 0));
  const kept = ranked.slice(0, MAX_SERIES - 1);
  const rest = ranked.slice(MAX_SERIES - 1);
  const otherValues: Array<number | null> = [];
  const column = new Array<number | null>(rest.length); // one bucket's values across the folded series, reused
  for (let i = 0; i < bucketCount; i++) {
    for (let j = 0; j < rest.length; j++) column[j] = rest[j]!.values[i] ?? null;
    otherValues.push(combine(column, how));
  }
  // Keep the API's order among the kept series so colours stay put between similar queries.
  const keptInOrder = series.filter((s) => kept.includes(s));
  const otherName = keptInOrder.some((s) => s.name === otherSeriesName()) ? otherSeriesName(rest.length) : otherSeriesName();
  return {
    series: [...keptInOrder, { name: otherName, values: otherValues, total: combine(otherValues, how) }],
    folded: rest.length,
  };
}

/**
 * The answers (concatenated: several parts of one query, see mergeAnswers) in the API's own buckets. A null in
 * them is a value the service sent without a number: it stays a gap, counted in `missingValues` (by default, the
 * nulls of `usage`).
 */
export function shapeUsage(
  usage: SparseSeries,
  query: UsageQuery,
  timeZone: string,
  reason: Exclude<BucketDescription, { kind: 'local' }>['reason'] = 'asked',
  missingValues = usage.series.reduce((count, s) => count + s.values.filter((v) => v === null).length, 0),
): ChartData {
  const info = metricInfo(query.metric);
  const fill = info.combine === 'sum' ? 0 : null;
  const measured = info.zeroMeansNoData ? { time: usage.time, series: usage.series.map((s) => ({ name: s.name, values: s.values.map((v) => (v === 0 ? null : v)) })) } : usage;
  const aligned = alignToGrid(measured, query, fill, info.combine);
  const series = aligned.series;
  const buckets: BucketDescription =
    query.aggregationBucketSize !== undefined
      ? { kind: 'api', reason: 'size', bucketSeconds: query.aggregationBucketSize }
      : { kind: 'api', reason: query.aggregationInterval === 'cumulative' ? 'whole' : reason, interval: query.aggregationInterval ?? 'day' };
  const ends = bucketEnds(aligned.time, query);
  return finish({ time: aligned.time, ends, partial: apiBucketCuts(aligned.time, ends, query), series }, query, timeZone, buckets, aligned.filled, missingValues);
}

/** Local periods summed from fine buckets (localBuckets.ts): counts only, every period filled. */
export function shapeLocal(local: LocalSeries, query: UsageQuery, timeZone: string, unit: LocalUnit): ChartData {
  return finish(local, query, timeZone, { kind: 'local', unit }, 0, local.missingValues);
}

function finish(
  buckets: { readonly time: readonly number[]; readonly ends: readonly number[]; readonly partial: readonly PartialBucket[]; readonly series: ReadonlyArray<{ readonly name: string; readonly values: ReadonlyArray<number | null> }> },
  query: UsageQuery,
  timeZone: string,
  description: BucketDescription,
  filledBuckets: number,
  missingValues: number,
): ChartData {
  const info = metricInfo(query.metric);
  const withTotals = buckets.series.map((s) => ({ name: s.name, values: [...s.values], total: combine(s.values, info.combine) }));
  const { series, folded } = foldSmallSeries(withTotals, info.combine, buckets.time.length);
  return {
    time: buckets.time,
    ends: buckets.ends,
    partial: buckets.partial,
    buckets: description,
    series,
    metric: query.metric ?? 'credits',
    metricLabel: info.label,
    unit: info.unit,
    combine: info.combine,
    cumulative: description.kind === 'api' && description.reason === 'whole',
    filledBuckets,
    missingValues,
    foldedSeries: folded,
    startUnix: query.startUnix,
    endUnix: query.endUnix,
    timeZone,
  };
}

/** "3 values ElevenLabs sent without a number left out": gaps, not zeros (chart notes, table caption, exports). */
export function missingValuesNote(count: number): string {
  return plural(count, l10n.t('{0} value ElevenLabs sent without a number left out', count), l10n.t('{0} values ElevenLabs sent without a number left out', count));
}

/** The total of one time bucket across series (for the table's total column). */
export function bucketTotal(data: ChartData, index: number): number | null {
  return combine(data.series.map((s) => s.values[index] ?? null), data.combine);
}
