// Shapes a validated API answer into what the chart, the table and the exports show: time ascending, empty
// buckets the service left out filled in (with 0 for counts; left empty for averages and peaks, where 0 would
// be a false figure), at most ten series (the nine largest and "Other"), and a total per series.

import type { UsageQuery, UsageSeries } from '../api/types';
import { metricInfo, type Combine } from './catalog';
import { bucketEnds, bucketGrid } from './buckets';

export const MAX_SERIES = 10;
export const OTHER_SERIES = 'Other';

export interface ChartSeries {
  readonly name: string;
  /** One value per entry of ChartData.time; null where the service had no data (non-additive metrics). */
  readonly values: ReadonlyArray<number | null>;
  /** Sum for counts, mean for averages, peak for maxima; null when the series has no value at all. */
  readonly total: number | null;
}

export interface ChartData {
  /** Bucket starts, UTC milliseconds, ascending. */
  readonly time: readonly number[];
  /** Where each bucket ends (exclusive, UTC ms); the last one is cut by the window's end. See bucketEnds. */
  readonly ends: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly metric: string;
  readonly metricLabel: string;
  readonly unit: string;
  readonly combine: Combine;
  /** One bucket for the whole window: the chart shows one figure per series. */
  readonly cumulative: boolean;
  /** Buckets the service left out and that were filled in. */
  readonly filledBuckets: number;
  /** Series folded into "Other" (0 when there are ten or fewer). */
  readonly foldedSeries: number;
  readonly startUnix: number;
  readonly endUnix: number;
  /** The user's zone (IANA): the chart, the table and the exports show times in it. */
  readonly timeZone: string;
}

function combine(values: ReadonlyArray<number | null>, how: Combine): number | null {
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
function sortAndMerge(usage: UsageSeries, how: Combine): { time: number[]; series: Array<{ name: string; values: Array<number | null> }> } {
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
    values: groups.map((group) => (group.length === 1 ? s.values[group[0]!]! : combine(group.map((i) => s.values[i]!), how))),
  }));
  return { time, series };
}

/** Sorts and merges the labels, and fills the grid's missing buckets. */
function alignToGrid(
  usage: UsageSeries,
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
  const series = sortedSeries.map((s) => {
    const values = new Array<number | null>(grid.length).fill(fill);
    sortedTime.forEach((t, i) => {
      values[positions.get(t)!] = s.values[i]!;
    });
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
  for (let i = 0; i < bucketCount; i++) {
    otherValues.push(combine(rest.map((s) => s.values[i] ?? null), how));
  }
  // Keep the API's order among the kept series so colours stay put between similar queries.
  const keptInOrder = series.filter((s) => kept.includes(s));
  const otherName = keptInOrder.some((s) => s.name === OTHER_SERIES) ? `${OTHER_SERIES} (${rest.length} more)` : OTHER_SERIES;
  return {
    series: [...keptInOrder, { name: otherName, values: otherValues, total: combine(otherValues, how) }],
    folded: rest.length,
  };
}

export function shapeUsage(usage: UsageSeries, query: UsageQuery, timeZone: string): ChartData {
  const info = metricInfo(query.metric);
  const cumulative = query.aggregationBucketSize === undefined && query.aggregationInterval === 'cumulative';
  const aligned = alignToGrid(usage, query, info.combine === 'sum' ? 0 : null, info.combine);
  const withTotals = aligned.series.map((s) => ({ ...s, total: combine(s.values, info.combine) }));
  const { series, folded } = foldSmallSeries(withTotals, info.combine, aligned.time.length);
  return {
    time: aligned.time,
    ends: bucketEnds(aligned.time, query),
    series,
    metric: query.metric ?? 'credits',
    metricLabel: info.label,
    unit: info.unit,
    combine: info.combine,
    cumulative,
    filledBuckets: aligned.filled,
    foldedSeries: folded,
    startUnix: query.startUnix,
    endUnix: query.endUnix,
    timeZone,
  };
}

/** The total of one time bucket across series (for the table's total column). */
export function bucketTotal(data: ChartData, index: number): number | null {
  return combine(data.series.map((s) => s.values[index] ?? null), data.combine);
}
