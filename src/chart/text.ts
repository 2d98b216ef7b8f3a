// The words on the chart: values with their unit, the title, the subtitle's window, total and notes, and the
// name of the buckets. Times in the subtitle are in the data's zone (the user's).

import type { ChartData } from '../usage/chartData';
import { mostCommon } from '../usage/buckets';
import { decimationGroupSize } from '../usage/decimate';
import { formatExact } from '../usage/numberFormat';
import { ZonedCalendar } from '../usage/timeZone';
import { isSimplified, LINE_DETAIL_LIMIT } from './chartKind';
import { maxChars, wrapSegments } from './layout';
import type { ChartSpecOptions } from './options';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function formatValue(value: number | null, unit: string): string {
  return value === null || !Number.isFinite(value) ? 'no data' : `${formatExact(value)} ${unit}`;
}

/** The word for the buckets in the UTC note: 'days' for day buckets. */
export function bucketWord(data: ChartData, options: ChartSpecOptions = {}): string {
  const interval = options.interval;
  if (options.bucketSeconds !== undefined) {
    return `${formatDuration(options.bucketSeconds * 1000)} buckets`;
  }
  switch (interval) {
    case 'hour':
      return 'hours';
    case 'day':
      return 'days';
    case 'week':
      return 'weeks (from Monday)';
    case 'month':
      return 'months';
    case undefined:
      break;
    default:
      return `${interval} buckets`;
  }
  // The usual length of a bucket (the first and last may be cut by the window).
  const step = mostCommon(data.time.map((t, i) => data.ends[i]! - t));
  if (step === undefined || data.time.length < 2) {
    return 'buckets';
  }
  if (step === HOUR) {
    return 'hours';
  }
  if (step === DAY) {
    return 'days';
  }
  if (step === 7 * DAY) {
    return 'weeks (from Monday)';
  }
  if (step >= 28 * DAY && step <= 31 * DAY) {
    return 'months';
  }
  return `${formatDuration(step)} buckets`;
}

function formatDuration(ms: number): string {
  if (ms % DAY === 0) {
    return `${ms / DAY}-day`;
  }
  if (ms % HOUR === 0) {
    return `${ms / HOUR}-hour`;
  }
  if (ms % 60_000 === 0) {
    return `${ms / 60_000}-minute`;
  }
  return `${ms / 1000}-second`;
}

/** The chart title: the metric, and the breakdown when there is one. */
export function chartTitle(data: ChartData, options: ChartSpecOptions = {}): string {
  const breakdown = options.breakdownLabel;
  return breakdown && data.series.length > 1 ? `${data.metricLabel} by ${lowerFirst(breakdown)}` : data.metricLabel;
}

/** The combined figure of a metric in words, for titles: "total", "mean", "peak". */
export function combineWord(data: ChartData): string {
  return data.combine === 'sum' ? 'total' : data.combine === 'mean' ? 'mean' : 'peak';
}

/** The subtitle lines: window and grand total; the UTC note; filled and folded notes. */
export function subtitleLines(data: ChartData, options: ChartSpecOptions = {}): string[] {
  const lines: string[] = [];
  const calendar = ZonedCalendar.for(data.timeZone);
  const window = `${calendar.formatDateTime(data.startUnix)} \u2013 ${calendar.formatDateTime(data.endUnix)} (${data.timeZone})`;
  if (data.combine === 'sum' && data.series.length > 0) {
    const grand = data.series.reduce((sum, s) => sum + (s.total ?? 0), 0);
    const perSeries = data.series.length > 1 ? (data.cumulative ? ', per series on the bars' : ', per series in the legend') : '';
    lines.push(...wrapSegments([window, `total ${formatValue(grand, data.unit)}${perSeries}`], maxChars(options)));
  } else if (data.series.length > 0 && !data.cumulative) {
    lines.push(...wrapSegments([window, `${combineWord(data)} per series in the legend`], maxChars(options)));
  } else {
    lines.push(window);
  }
  const notes: string[] = [];
  if (data.cumulative) {
    notes.push('One figure per series for the whole window, as the API counts it (UTC)');
  } else {
    notes.push(`Buckets are UTC ${bucketWord(data, options)}, shown in ${data.timeZone} time`);
  }
  if (data.filledBuckets > 0) {
    const plural = data.filledBuckets === 1 ? 'bucket' : 'buckets';
    notes.push(
      data.combine === 'sum'
        ? `${data.filledBuckets} empty ${plural} filled with 0`
        : `${data.filledBuckets} ${plural} without data left empty`,
    );
  }
  if (data.foldedSeries > 0) {
    notes.push(`${data.foldedSeries} smaller series folded into \u201cOther\u201d`);
  }
  if (isSimplified(data)) {
    notes.push(`Lines show the low and high of every ${decimationGroupSize(data.time.length, LINE_DETAIL_LIMIT)} buckets; the table has them all`);
  }
  lines.push(...wrapSegments(notes, maxChars(options)));
  return lines;
}

/** "Model" → "model", but "API keys" stays (an acronym). */
function lowerFirst(text: string): string {
  return /^[A-Z]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

export function capitalize(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}
