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
// The billing period's data is drawn by billingPeriodSpec.ts instead (chartDrawings.ts picks).
// Data travels inline as `data.values` in long format; the spec never names a URL.
//
// Totals per series appear in the legend labels ("Voice A — 1,234"); the subtitle has the window, the grand
// total for additive metrics, the note that buckets are UTC, and the filled/folded notes.

import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };
import * as l10n from '@vscode/l10n';
import type { ChartData } from '../../usage/chartData';
import { labelWithUnit } from '../../usage/catalog';
import { formatExact } from '../../shared/locale/numberFormats';
import { ZonedCalendar } from '../../usage/calendar/timeZone';
import { markKind, HOVER_POINT_LIMIT, LINE_BUCKET_THRESHOLD } from './markKind';
import { dayAxisIndexes, hourAxisValues, legendColumns, spacedIndexes } from './textLayout';
import type { ChartSpecOptions } from './specOptions';
import { bucketLabels } from '../bucketLabels';
import { chartRows, legendKeys } from './chartRows';
import { chartTitle, combineHeading, combineTitle, combineWord, formatValue, subtitleLines } from './chartWords';
import { capitalize } from '../../shared/capitalize';
import type { ChartTheme } from '../drawn/theme';
import { themeConfig } from './vegaLiteConfig';
import { labelledTimeTicks, type TimeTick } from './timeAxis';

export type { ChartSpecOptions } from './specOptions';

type LayerList = Extract<TopLevelSpec, { layer: unknown }>['layer'];

/**
 * The line chart's ticks, at buckets' starts, as many as their labels fit: round local hours from midnight for hours
 * (hourAxisValues), every n-th day in days, weeks or two (dayAxisIndexes), else every n-th bucket.
 */
function lineTicks(data: ChartData, labels: readonly string[], fontSize: number, options: ChartSpecOptions): TimeTick[] {
  const unit = bucketUnit(data);
  const shown = hourTicks(data, fontSize, options) ?? (unit === 'day' ? dayAxisIndexes(labels, labels.length, fontSize, options) : spacedIndexes(labels, labels.length, fontSize, options));
  const calendar = ZonedCalendar.for(data.timeZone);
  return shown.map((i) => ({ at: calendar.wallClockAsUtc(data.time[i]!), label: labels[i]! }));
}

/** How long the buckets are: the local unit they were made in, or the API's interval (undefined for a bucket size). */
function bucketUnit(data: ChartData): string | undefined {
  return data.buckets.kind === 'local' ? data.buckets.unit : data.buckets.interval;
}

/** For hour buckets, the ones labelled: at round local times from midnight (hourAxisValues); else undefined. */
function hourTicks(data: ChartData, fontSize: number, options: ChartSpecOptions): number[] | undefined {
  const calendar = ZonedCalendar.for(data.timeZone);
  return bucketUnit(data) === 'hour' ? hourAxisValues(data.time.map((t) => calendar.wallClock(t)), fontSize, options) : undefined;
}

/** "Day (Asia/Kolkata)", "Week from Monday (…)", "Time (…)" for the API's buckets. */
function axisTitle(data: ChartData): string {
  const zone = data.timeZone;
  if (data.buckets.kind !== 'local') {
    return l10n.t('Time ({0})', zone);
  }
  const names: Readonly<Record<string, string>> = {
    hour: l10n.t('Hour ({0})', zone),
    day: l10n.t('Day ({0})', zone),
    week: l10n.t('Week from Monday ({0})', zone),
    month: l10n.t('Month ({0})', zone),
  };
  return names[data.buckets.unit]!;
}

/** The Vega-Lite spec of the usage chart (chartDrawings.ts's buildChartSpec picks the drawing for any data). */
export function buildUsageSpec(data: ChartData, theme: ChartTheme, options: ChartSpecOptions = {}): TopLevelSpec {
  const kind = markKind(data);
  const keys = legendKeys(data);
  const colour = {
    field: 'key',
    type: 'nominal' as const,
    title: data.series.length > 1 ? l10n.t('Series — {0} {1}', combineWord(data), data.unit) : combineTitle(data),
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
    description: l10n.t('{0} in {1}, {2} series', data.metricLabel, data.unit, data.series.length),
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
      label: s.total === null ? l10n.t('no data') : formatExact(s.total),
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
      { field: 'series', type: 'nominal' as const, title: l10n.t('Series') },
      { field: 'valueText', type: 'nominal' as const, title: combineHeading(data) },
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
          title: l10n.t('{0}, whole window', labelWithUnit(data)),
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

  const labels = bucketLabels(data);
  const rows = chartRows(data, labels);
  const shortLabels = labels.map((label) => label.short);
  const yTitle = labelWithUnit(data);
  const xTitle = axisTitle(data);
  const height = options.height ?? 300;
  const timeTooltip = [
    { field: 'series', type: 'nominal' as const, title: l10n.t('Series') },
    { field: 'when', type: 'nominal' as const, title: l10n.t('When') },
    { field: 'valueText', type: 'nominal' as const, title: capitalize(data.metricLabel) },
  ];

  if (kind === 'stacked-bars') {
    // A band per bucket, named as a calendar names it: one label each, none between them.
    // Hours are labelled at round local times from midnight, where the label is the day's (else a 2-day chart of
    // hours had no date on its axis); other buckets are thinned by the axis.
    const hourValues = hourTicks(data, theme.fontSize, options);
    const tooltip = data.series.length > 1 ? [...timeTooltip, { field: 'bucketTotalText', type: 'nominal' as const, title: l10n.t('Bucket total') }] : timeTooltip;
    return {
      ...base,
      height,
      data: { values: rows },
      // The outline takes the fill's colour from the same scale (a stroke channel would add a scale and a legend).
      mark: { type: 'bar', orient: 'vertical', stroke: { expr: "scale('color', datum.key)" } },
      encoding: {
        x: {
          field: 'bucket',
          type: 'ordinal',
          scale: { domain: shortLabels.map((_, i) => i), paddingInner: 0.16, paddingOuter: 0.08 },
          axis: {
            labelExpr: `${JSON.stringify(shortLabels)}[datum.value]`,
            labelAngle: 0,
            ...(hourValues ? { values: hourValues, labelOverlap: false } : { labelOverlap: 'parity' as const }),
            ticks: false,
            grid: false,
          },
          title: xTitle,
        },
        y: { field: 'value', type: 'quantitative', stack: 'zero', title: yTitle, axis: { grid: true, tickCount: 6 } },
        color: colour,
        // A bucket the window cuts short (the first day from 07:01, today so far) is filled fainter, and outlined
        // in its full colour: a faded fill alone falls below 3:1 against the background (WCAG 1.4.11).
        fillOpacity: { condition: { test: 'datum.partial', value: 0.45 }, value: 1 },
        strokeWidth: { condition: { test: 'datum.partial', value: 1.5 }, value: 0 },
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
  // Wall-clock times written as UTC (see ChartRow): a UTC scale shows them as the user's local times. Ticks
  // at the buckets' starts, labelled as the buckets are (the bars' labels), rather than wherever round times fall.
  const ticks = labelledTimeTicks(lineTicks(data, shortLabels, theme.fontSize, options));
  return {
    ...base,
    height,
    data: { values: rows },
    encoding: {
      x: {
        field: 'start',
        type: 'temporal',
        scale: { type: 'utc' },
        axis: { labelOverlap: true, grid: false, ...ticks },
        title: xTitle,
      },
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

