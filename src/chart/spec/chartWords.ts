// The words on the chart: values with their unit, the title, the subtitle's window, total and notes, and the
// name of the buckets. Times in the subtitle are in the data's zone (the user's).

import * as l10n from '@vscode/l10n';
import { capitalize, lowerFirst } from '../../shared/capitalize';
import { plural } from '../../shared/locale/plural';
import { missingValuesNote, type ChartData } from '../../usage/chartData';
import { decimationGroupSize } from '../../usage/decimate';
import { formatExact } from '../../shared/locale/numberFormats';
import { windowLabel } from '../bucketLabels';
import { markKind, isSimplified, LINE_DETAIL_LIMIT } from './markKind';
import { maxChars, wrapSegments } from './textLayout';
import type { ChartSpecOptions } from './specOptions';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function formatValue(value: number | null, unit: string): string {
  return value === null || !Number.isFinite(value) ? l10n.t('no data') : `${formatExact(value)} ${unit}`;
}

/** "90-minute buckets", "2-hour buckets", "1-day buckets". */
function durationBuckets(ms: number): string {
  if (ms % DAY === 0) {
    return l10n.t('{0}-day buckets', ms / DAY);
  }
  if (ms % HOUR === 0) {
    return l10n.t('{0}-hour buckets', ms / HOUR);
  }
  if (ms % 60_000 === 0) {
    return l10n.t('{0}-minute buckets', ms / 60_000);
  }
  return l10n.t('{0}-second buckets', ms / 1000);
}

// Made at each call, not at load: the display language is set after the modules are loaded.
const localWords = (): Readonly<Record<string, string>> => ({
  hour: l10n.t('local hours'),
  day: l10n.t('local days'),
  week: l10n.t('local weeks (from Monday)'),
  month: l10n.t('local months'),
});
const utcWords = (): Readonly<Record<string, string>> => ({
  hour: l10n.t('UTC hours'),
  day: l10n.t('UTC days'),
  week: l10n.t('UTC weeks (from Monday)'),
  month: l10n.t('UTC months'),
});

/** The buckets in words: "your local days", "UTC days", "90-minute buckets", "UTC fortnight buckets". */
export function bucketWord(data: ChartData): string {
  const { buckets } = data;
  if (buckets.kind === 'local') {
    return localWords()[buckets.unit]!;
  }
  if (buckets.bucketSeconds !== undefined) {
    return durationBuckets(buckets.bucketSeconds * 1000);
  }
  const word = buckets.interval === undefined ? undefined : utcWords()[buckets.interval];
  return word ?? (buckets.interval ? l10n.t('UTC {0} buckets', buckets.interval) : l10n.t('UTC buckets'));
}

/** What the subtitle says about the buckets: whose calendar they follow, and why when it is not the user's. */
export function bucketNote(data: ChartData): string {
  const { buckets, timeZone } = data;
  if (buckets.kind === 'local') {
    return l10n.t('Buckets are {0} in {1}', bucketWord(data), timeZone);
  }
  switch (buckets.reason) {
    case 'whole':
      return l10n.t('One figure per series for the whole window');
    case 'notAdditive':
      return l10n.t('{0} cannot be added up into your own days: buckets are the API’s {1}, shown in {2} time', data.metricLabel, bucketWord(data), timeZone);
    case 'size':
      return l10n.t('{0} from the window’s start, shown in {1} time', capitalize(bucketWord(data)), timeZone);
    case 'asked':
    case 'unknown':
      return l10n.t('Buckets are {0}, as the API makes them, shown in {1} time', bucketWord(data), timeZone);
  }
}

/** The chart title: the metric, and the breakdown when there is one. */
export function chartTitle(data: ChartData, options: ChartSpecOptions = {}): string {
  const breakdown = options.breakdownLabel;
  return breakdown && data.series.length > 1 ? l10n.t('{0} by {1}', data.metricLabel, lowerFirst(breakdown)) : data.metricLabel;
}

/** The combined figure of a metric in words, for titles: "total", "mean", "peak". */
export function combineWord(data: ChartData): string {
  return data.combine === 'sum' ? l10n.t('total') : data.combine === 'mean' ? l10n.t('mean') : l10n.t('peak');
}

/** The combined figure as a heading (a tooltip line's title): "Total", "Mean", "Peak". */
export function combineHeading(data: ChartData): string {
  return data.combine === 'sum' ? l10n.t('Total') : data.combine === 'mean' ? l10n.t('Mean') : l10n.t('Peak');
}

/** The combined figure with its unit, for a legend's title: "Total credits", "Mean ms", "Peak requests". */
export function combineTitle(data: ChartData): string {
  return data.combine === 'sum' ? l10n.t('Total {0}', data.unit) : data.combine === 'mean' ? l10n.t('Mean {0}', data.unit) : l10n.t('Peak {0}', data.unit);
}

/** The subtitle lines: window and grand total; the UTC note; filled and folded notes. */
export function subtitleLines(data: ChartData, options: ChartSpecOptions = {}): string[] {
  const lines: string[] = [];
  const window = windowLabel(data.startUnix, data.endUnix, data.timeZone);
  if (data.combine === 'sum' && data.series.length > 0) {
    const grand = data.series.reduce((sum, s) => sum + (s.total ?? 0), 0);
    const total = formatValue(grand, data.unit);
    const totalText =
      data.series.length > 1
        ? data.cumulative
          ? l10n.t('total {0}, per series on the bars', total)
          : l10n.t('total {0}, per series in the legend', total)
        : l10n.t('total {0}', total);
    lines.push(...wrapSegments([window, totalText], maxChars(options)));
  } else if (data.series.length > 0 && !data.cumulative) {
    // Not a sum here: the mean or the peak.
    const perSeries = data.combine === 'mean' ? l10n.t('mean per series in the legend') : l10n.t('peak per series in the legend');
    lines.push(...wrapSegments([window, perSeries], maxChars(options)));
  } else {
    lines.push(window);
  }
  const notes: string[] = [bucketNote(data)];
  if (markKind(data) === 'stacked-bars' && data.partial.some((p) => p !== null)) {
    notes.push(l10n.t('Faded bars: buckets the window cuts short'));
  }
  if (data.filledBuckets > 0) {
    const n = data.filledBuckets;
    notes.push(
      data.combine === 'sum'
        ? plural(n, l10n.t('{0} empty bucket filled with 0', n), l10n.t('{0} empty buckets filled with 0', n))
        : plural(n, l10n.t('{0} bucket without data left empty', n), l10n.t('{0} buckets without data left empty', n)),
    );
  }
  if (data.missingValues > 0) {
    notes.push(missingValuesNote(data.missingValues));
  }
  if (data.foldedSeries > 0) {
    notes.push(l10n.t('{0} smaller series folded into “Other”', data.foldedSeries));
  }
  if (isSimplified(data)) {
    notes.push(l10n.t('Lines show the low and high of every {0} buckets; the table has them all', decimationGroupSize(data.time.length, LINE_DETAIL_LIMIT)));
  }
  notes.push(...(data.notes ?? []));
  lines.push(...wrapSegments(notes, maxChars(options)));
  return lines;
}

