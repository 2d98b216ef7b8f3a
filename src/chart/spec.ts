// Builds the Vega-Lite spec of the usage chart from shaped usage data and a theme. Pure and deterministic: the
// same input gives the same spec, so tests can compile and render it in Node. Times are shown in the data's
// time zone (the user's), never in the zone of the browser or of the extension host: the time axis is a UTC
// scale over each instant's local wall-clock time written as UTC, and the tooltip's times are made here.
//
// What it draws:
// - Additive metrics (combine 'sum') with up to LINE_BUCKET_THRESHOLD buckets: stacked bars, one bar per bucket
//   spanning the bucket's real start and end (the API's buckets are UTC; the axis shows them in the user's zone,
//   so a UTC day drawn in UTC+2 runs from 02:00 to 02:00).
// - More buckets than that: one line per series (bars thinner than a few pixels read badly). Unstacked.
// - Non-additive metrics (mean, peak): one line per series with point markers, never stacked: adding two
//   averages or two peaks gives a number that means nothing.
// - Cumulative (one bucket for the whole window): one horizontal bar per series with its figure as a label.
// Data travels inline as `data.values` in long format; the spec never names a URL.
//
// Totals per series appear in the legend labels ("Voice A — 1,234"); the subtitle has the window, the grand
// total for additive metrics, the note that buckets are UTC, and the filled/folded notes.

import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };
import type { ChartData } from '../usage/chartData';
import { labelWithUnit } from '../usage/catalog';
import { formatExact } from '../usage/numberFormat';
import { ZonedCalendar } from '../usage/timeZone';
import type { ChartTheme } from './theme';

/** Above this many buckets, additive series are drawn as lines instead of stacked bars. */
export const LINE_BUCKET_THRESHOLD = 60;
/** Above this many data points (buckets × series), the chart renders to a canvas instead of SVG. */
export const SVG_POINT_LIMIT = 4000;
/** Above this many drawn points, line charts get no (invisible) hover points for tooltips: too many marks. */
export const HOVER_POINT_LIMIT = 20000;
/**
 * Lines never need more points per series than the plot has pixel columns. Beyond this many buckets each
 * series is drawn from the lowest and highest value of each group of buckets (so peaks and dips stay); the
 * table and the exports keep every bucket.
 */
export const LINE_DETAIL_LIMIT = 2000;
/** The width assumed for layout when the caller does not say. */
const DEFAULT_AVAILABLE_WIDTH = 900;
/** Fraction of a bucket's width left empty on each side of its bar. */
const BAR_INSET = 0.08;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type LayerList = Extract<TopLevelSpec, { layer: unknown }>['layer'];

export type ChartKind = 'stacked-bars' | 'lines' | 'cumulative-bars';

export interface ChartSpecOptions {
  /** The query's aggregation interval ('hour', 'day', …), for the UTC note and the last bucket's width. */
  readonly interval?: string;
  /** The query's bucket size in seconds, when it set one instead of an interval. */
  readonly bucketSeconds?: number;
  /** Plot width in pixels; default 'container' (fits the webview). Tests and exports may fix it. */
  readonly width?: number;
  /** Plot height in pixels for time charts (default 300). */
  readonly height?: number;
  /**
   * The width the chart gets, in pixels, if known: legend columns and subtitle lines are laid out to fit it
   * (Vega neither wraps titles nor legends). Default 900.
   */
  readonly availableWidth?: number;
  /** The breakdown's label ('Model', 'Voice'…), for the title; omitted or 'none' for no breakdown. */
  readonly breakdownLabel?: string;
}

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

/** The kind of chart the data gets. */
export function chartKind(data: ChartData): ChartKind {
  if (data.cumulative) {
    return 'cumulative-bars';
  }
  if (data.combine !== 'sum' || data.time.length > LINE_BUCKET_THRESHOLD) {
    return 'lines';
  }
  return 'stacked-bars';
}

/** The renderer for this much data: SVG (crisp, accessible text) up to SVG_POINT_LIMIT points, canvas beyond. */
export function chooseRenderer(data: Pick<ChartData, 'time' | 'series'>): 'svg' | 'canvas' {
  return data.time.length * Math.max(1, data.series.length) > SVG_POINT_LIMIT ? 'canvas' : 'svg';
}

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
  const step = typicalStep(data.time);
  if (step === undefined) {
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

/** The most common gap between bucket starts (the first bucket may be short: it starts at the window start). */
function typicalStep(time: readonly number[]): number | undefined {
  if (time.length < 2) {
    return undefined;
  }
  const counts = new Map<number, number>();
  for (let i = 1; i < time.length; i++) {
    const gap = time[i]! - time[i - 1]!;
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [gap, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && gap > best)) {
      best = gap;
      bestCount = count;
    }
  }
  return best;
}

/** Where the last bucket ends: its interval's next UTC boundary, capped at the window end. */
function lastBucketEnd(data: ChartData, options: ChartSpecOptions): number {
  const last = data.time[data.time.length - 1]!;
  let step: number;
  if (options.bucketSeconds !== undefined) {
    step = options.bucketSeconds * 1000;
  } else if (options.interval === 'hour') {
    step = HOUR - (last % HOUR || 0);
  } else if (options.interval === 'day') {
    step = DAY - (last % DAY);
  } else if (options.interval === 'month') {
    const d = new Date(last);
    step = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - last;
  } else if (options.interval === 'week') {
    const dayStart = last - (last % DAY);
    const daysSinceMonday = (new Date(dayStart).getUTCDay() + 6) % 7;
    step = dayStart + (7 - daysSinceMonday) * DAY - last;
  } else {
    step = typicalStep(data.time) ?? Math.max(HOUR, Math.min(DAY, data.endUnix - last + 1));
  }
  const end = last + step;
  // The window end is inclusive (…59.999); a bucket cut by it ends one millisecond later.
  return data.endUnix + 1 > last ? Math.min(end, data.endUnix + 1) : end;
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
function localBuckets(data: ChartData, options: ChartSpecOptions): LocalBucket[] {
  const calendar = ZonedCalendar.for(data.timeZone);
  const n = data.time.length;
  const lastEnd = lastBucketEnd(data, options);
  return data.time.map((startMs, i) => {
    const endMs = Math.max(i + 1 < n ? data.time[i + 1]! : lastEnd, startMs + 1);
    const start = calendar.wallClockAsUtc(startMs);
    const end = calendar.wallClockAsUtc(endMs);
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
export function chartRows(data: ChartData, options: ChartSpecOptions = {}): ChartRow[] {
  const keys = legendKeys(data);
  const n = data.time.length;
  if (n === 0) {
    return [];
  }
  const buckets = localBuckets(data, options);
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

/** Whether the line chart is drawn from the lowest and highest values of groups of buckets. */
export function isSimplified(data: ChartData): boolean {
  return chartKind(data) === 'lines' && data.time.length > LINE_DETAIL_LIMIT;
}

/**
 * Rows for a line chart with more buckets than LINE_DETAIL_LIMIT: per series and per group of buckets, the
 * bucket with the lowest and the one with the highest value, in time order (one when they are the same), and
 * a gap where a whole group has no data.
 */
function simplifiedLineRows(data: ChartData, keys: readonly string[], buckets: readonly LocalBucket[]): ChartRow[] {
  const n = data.time.length;
  const group = Math.ceil(n / (LINE_DETAIL_LIMIT / 2));
  const rows: ChartRow[] = [];
  const row = (order: number, i: number, value: number | null): ChartRow => {
    const { start, end, fromText, toText } = buckets[i]!;
    return {
      series: data.series[order]!.name,
      key: keys[order]!,
      order,
      start,
      end,
      barStart: start,
      barEnd: end,
      fromText,
      toText,
      value,
      valueText: formatValue(value, data.unit),
    };
  };
  data.series.forEach((s, order) => {
    for (let first = 0; first < n; first += group) {
      let low = -1;
      let high = -1;
      for (let i = first; i < Math.min(first + group, n); i++) {
        const value = s.values[i];
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          continue;
        }
        if (low < 0 || value < s.values[low]!) {
          low = i;
        }
        if (high < 0 || value > s.values[high]!) {
          high = i;
        }
      }
      if (low < 0) {
        rows.push(row(order, first, null));
        continue;
      }
      for (const i of low === high ? [low] : [Math.min(low, high), Math.max(low, high)]) {
        rows.push(row(order, i, s.values[i] as number));
      }
    }
  });
  return rows;
}

/** The chart title: the metric, and the breakdown when there is one. */
export function chartTitle(data: ChartData, options: ChartSpecOptions = {}): string {
  const breakdown = options.breakdownLabel;
  return breakdown && data.series.length > 1 ? `${data.metricLabel} by ${lowerFirst(breakdown)}` : data.metricLabel;
}

/** The combined figure of a metric in words, for titles: "total", "mean", "peak". */
function combineWord(data: ChartData): string {
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
    notes.push(`Lines show the low and high of every ${Math.ceil(data.time.length / (LINE_DETAIL_LIMIT / 2))} buckets; the table has them all`);
  }
  lines.push(...wrapSegments(notes, maxChars(options)));
  return lines;
}

/** About how many characters of subtitle text fit the available width (an average glyph is ~0.55 em). */
function maxChars(options: ChartSpecOptions, fontSize = 12): number {
  const width = options.availableWidth ?? DEFAULT_AVAILABLE_WIDTH;
  return Math.max(24, Math.floor((width - 40) / (fontSize * 0.55)));
}

/** Joins segments with " · " into lines of at most `limit` characters (a longer segment gets a line alone). */
export function wrapSegments(segments: readonly string[], limit: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const segment of segments) {
    const candidate = line ? `${line} \u00b7 ${segment}` : segment;
    if (line && candidate.length > limit) {
      lines.push(line);
      line = segment;
    } else {
      line = candidate;
    }
  }
  if (line) {
    lines.push(line);
  }
  return lines;
}

/** Legend columns that fit the available width: as many as the longest label allows, at most four. */
export function legendColumns(keys: readonly string[], fontSize: number, options: ChartSpecOptions = {}): number {
  if (keys.length <= 1) {
    return 1;
  }
  const width = options.availableWidth ?? DEFAULT_AVAILABLE_WIDTH;
  const longest = keys.reduce((max, key) => Math.max(max, key.length), 0);
  const entry = 16 + 6 + Math.min(360, longest * (fontSize - 1) * 0.58) + 18;
  return Math.max(1, Math.min(4, keys.length, Math.floor((width - 40) / entry)));
}

/** Vega-Lite config from the theme: colours, font, sizes. */
export function themeConfig(theme: ChartTheme): NonNullable<TopLevelSpec['config']> {
  const size = theme.fontSize;
  const font = theme.fontFamily;
  return {
    background: theme.background,
    font,
    padding: { left: 8, right: 16, top: 8, bottom: 8 },
    view: { stroke: null },
    axis: {
      labelColor: theme.foreground,
      titleColor: theme.mutedForeground,
      domainColor: theme.axisColor,
      tickColor: theme.axisColor,
      gridColor: theme.gridColor,
      labelFont: font,
      titleFont: font,
      labelFontSize: size - 1,
      titleFontSize: size - 1,
      titleFontWeight: 'normal',
      titlePadding: 10,
      labelPadding: 4,
    },
    legend: {
      labelColor: theme.foreground,
      titleColor: theme.mutedForeground,
      labelFont: font,
      titleFont: font,
      labelFontSize: size - 1,
      titleFontSize: size - 1,
      titleFontWeight: 'normal',
      labelLimit: 360,
      symbolType: 'square',
      symbolSize: 120,
      rowPadding: 6,
      columnPadding: 18,
      offset: 16,
    },
    title: {
      color: theme.foreground,
      subtitleColor: theme.mutedForeground,
      font,
      subtitleFont: font,
      fontSize: size + 3,
      fontWeight: 600,
      subtitleFontSize: size - 1,
      subtitlePadding: 6,
      subtitleLineHeight: Math.round((size - 1) * 1.45),
      anchor: 'start',
      frame: 'group',
      offset: 14,
    },
    text: { color: theme.foreground, font, fontSize: size - 1 },
    range: { category: [...theme.palette] },
    line: { strokeWidth: 2 },
  };
}

/** The Vega-Lite spec of the chart. */
export function buildChartSpec(data: ChartData, theme: ChartTheme, options: ChartSpecOptions = {}): TopLevelSpec {
  const kind = chartKind(data);
  const keys = legendKeys(data);
  const colour = {
    field: 'key',
    type: 'nominal' as const,
    title: data.series.length > 1 ? `Series \u2014 ${combineWord(data)} ${data.unit}` : `${capitalize(combineWord(data))} ${data.unit}`,
    scale: { domain: keys, range: keys.map((_, i) => theme.palette[i % theme.palette.length]!) },
    legend: {
      orient: 'bottom' as const,
      direction: 'horizontal' as const,
      columns: legendColumns(keys, theme.fontSize, options),
    },
  };
  const title = {
    text: chartTitle(data, options),
    subtitle: subtitleLines(data, options),
  };
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${data.metricLabel} in ${data.unit}, ${data.series.length} series`,
    title,
    width: options.width ?? ('container' as const),
    autosize: { type: 'fit-x' as const, contains: 'padding' as const },
    config: themeConfig(theme),
  };

  if (kind === 'cumulative-bars') {
    const rows = data.series.map((s, order) => ({
      series: s.name,
      key: keys[order]!,
      order,
      value: s.total,
      valueText: formatValue(s.total, data.unit),
      label: s.total === null ? 'no data' : formatExact(s.total),
    }));
    const byValue = [...rows].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.order - b.order).map((r) => r.series);
    const max = rows.reduce((m, r) => Math.max(m, r.value ?? 0), 0);
    const y = {
      field: 'series',
      type: 'nominal' as const,
      sort: byValue,
      title: null,
      axis: { labelLimit: 280, ticks: false, domain: false, labelPadding: 8 },
    };
    const tooltip = [
      { field: 'series', type: 'nominal' as const, title: 'Series' },
      { field: 'valueText', type: 'nominal' as const, title: capitalize(combineWord(data)) },
    ];
    return {
      ...base,
      height: Math.max(60, 30 * rows.length),
      data: { values: rows },
      encoding: {
        y,
        x: {
          field: 'value',
          type: 'quantitative',
          stack: null,
          title: `${labelWithUnit(data)}, whole window`,
          // Room at the right for the largest bar's label.
          scale: max > 0 ? { domain: [0, max * 1.25], nice: false, zero: true } : { zero: true },
          axis: { grid: true, tickCount: 5 },
        },
      },
      layer: [
        {
          mark: { type: 'bar', cornerRadiusEnd: 2, height: { band: 0.7 } },
          encoding: { color: { ...colour, legend: null }, tooltip },
        },
        {
          mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, color: theme.foreground },
          encoding: { text: { field: 'label', type: 'nominal' } },
        },
      ],
    };
  }

  const rows = chartRows(data, options);
  const yTitle = labelWithUnit(data);
  const xAxis = { labelOverlap: true, grid: false };
  // Wall-clock times written as UTC (see ChartRow): a UTC scale shows them as the user's local times.
  const xScale = { type: 'utc' as const };
  const xTitle = `Time (${data.timeZone})`;
  const height = options.height ?? 300;
  const timeTooltip = [
    { field: 'series', type: 'nominal' as const, title: 'Series' },
    { field: 'fromText', type: 'nominal' as const, title: 'From' },
    { field: 'toText', type: 'nominal' as const, title: 'To' },
    { field: 'valueText', type: 'nominal' as const, title: capitalize(data.metricLabel) },
  ];

  if (kind === 'stacked-bars') {
    const tooltip = data.series.length > 1 ? [...timeTooltip, { field: 'bucketTotalText', type: 'nominal' as const, title: 'Bucket total' }] : timeTooltip;
    return {
      ...base,
      height,
      data: { values: rows },
      mark: { type: 'bar', orient: 'vertical' },
      encoding: {
        x: { field: 'barStart', type: 'temporal', scale: xScale, axis: xAxis, title: xTitle },
        x2: { field: 'barEnd' },
        y: { field: 'value', type: 'quantitative', stack: 'zero', title: yTitle, axis: { grid: true, tickCount: 6 } },
        color: colour,
        order: { field: 'order', type: 'quantitative' },
        tooltip,
      },
    };
  }

  // Lines: one per series, gaps where a bucket has no data. Few points get visible markers; many get
  // invisible ones, so that hovering still shows a tooltip (rows are at most LINE_DETAIL_LIMIT per series).
  const showPoints = data.time.length <= LINE_BUCKET_THRESHOLD;
  const layers: LayerList = [
    {
      mark: { type: 'line', interpolate: 'linear', invalid: 'break-paths-show-domains', strokeWidth: 2, strokeJoin: 'round' },
      encoding: { color: colour },
    },
  ];
  if (showPoints || rows.length <= HOVER_POINT_LIMIT) {
    layers.push({
      transform: [{ filter: { field: 'value', valid: true } }],
      mark: showPoints ? { type: 'point', filled: true, size: 36, opacity: 1 } : { type: 'point', filled: true, size: 50, opacity: 0 },
      encoding: { color: colour, tooltip: timeTooltip },
    });
  }
  return {
    ...base,
    height,
    data: { values: rows },
    encoding: {
      x: { field: 'start', type: 'temporal', scale: xScale, axis: xAxis, title: xTitle },
      y: {
        field: 'value',
        type: 'quantitative',
        title: yTitle,
        axis: { grid: true, tickCount: 6 },
        scale: { zero: data.combine === 'sum' },
      },
    },
    layer: layers,
  };
}

/** "Model" → "model", but "API keys" stays (an acronym). */
function lowerFirst(text: string): string {
  return /^[A-Z]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

function capitalize(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}
