// The words on the chart: values with their unit, the title, the subtitle's window, total and notes, and the
// name of the buckets. Times in the subtitle are in the data's zone (the user's).

import { capitalize } from '../../shared/capitalize';
import { missingValuesNote, type ChartData } from '../../usage/chartData';
import { decimationGroupSize } from '../../usage/decimate';
import { formatExact } from '../../usage/numberFormat';
import { ZonedCalendar } from '../../usage/calendar/timeZone';
import { markKind, isSimplified, LINE_DETAIL_LIMIT } from './markKind';
import { maxChars, wrapSegments } from './textLayout';
import type { ChartSpecOptions } from './specOptions';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function formatValue(value: number | null, unit: string): string {
  return value === null || !Number.isFinite(value) ? 'no data' : `${formatExact(value)} ${unit}`;
}

/** "90-minute", "2-hour", "1-day". */
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

const UNIT_WORDS: Readonly<Record<string, string>> = { hour: 'hours', day: 'days', week: 'weeks (from Monday)', month: 'months' };

/** The buckets in words: "your local days", "UTC days", "90-minute buckets", "UTC fortnight buckets". */
export function bucketWord(data: ChartData): string {
  const { buckets } = data;
  if (buckets.kind === 'local') {
    return `local ${UNIT_WORDS[buckets.unit]}`;
  }
  if (buckets.bucketSeconds !== undefined) {
    return `${formatDuration(buckets.bucketSeconds * 1000)} buckets`;
  }
  const word = buckets.interval === undefined ? undefined : UNIT_WORDS[buckets.interval];
  return word ? `UTC ${word}` : `UTC ${buckets.interval ?? ''} buckets`.replace('  ', ' ');
}

/** What the subtitle says about the buckets: whose calendar they follow, and why when it is not the user's. */
export function bucketNote(data: ChartData): string {
  const { buckets, timeZone } = data;
  if (buckets.kind === 'local') {
    return `Buckets are ${bucketWord(data)} in ${timeZone}`;
  }
  switch (buckets.reason) {
    case 'whole':
      return 'One figure per series for the whole window';
    case 'notAdditive':
      return `${data.metricLabel} cannot be added up into your own days: buckets are the API\u2019s ${bucketWord(data)}, shown in ${timeZone} time`;
    case 'size':
      return `${capitalize(bucketWord(data))} from the window\u2019s start, shown in ${timeZone} time`;
    case 'asked':
    case 'unknown':
      return `Buckets are ${bucketWord(data)}, as the API makes them, shown in ${timeZone} time`;
  }
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
  const notes: string[] = [bucketNote(data)];
  if (markKind(data) === 'stacked-bars' && data.partial.some((p) => p !== null)) {
    notes.push('Faded bars: buckets the window cuts short');
  }
  if (data.filledBuckets > 0) {
    const plural = data.filledBuckets === 1 ? 'bucket' : 'buckets';
    notes.push(
      data.combine === 'sum'
        ? `${data.filledBuckets} empty ${plural} filled with 0`
        : `${data.filledBuckets} ${plural} without data left empty`,
    );
  }
  if (data.missingValues > 0) {
    notes.push(missingValuesNote(data.missingValues));
  }
  if (data.foldedSeries > 0) {
    notes.push(`${data.foldedSeries} smaller series folded into \u201cOther\u201d`);
  }
  if (isSimplified(data)) {
    notes.push(`Lines show the low and high of every ${decimationGroupSize(data.time.length, LINE_DETAIL_LIMIT)} buckets; the table has them all`);
  }
  notes.push(...(data.notes ?? []));
  lines.push(...wrapSegments(notes, maxChars(options)));
  return lines;
}

/** "Model" → "model", but "API keys" stays (an acronym). */
function lowerFirst(text: string): string {
  return /^[A-Z]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}
