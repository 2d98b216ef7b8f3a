// The billing-period chart: the period's credits added up day by day (a line over a faint area, from the period's
// start to now), the quota's limit as a labelled horizontal rule, and where this pace leads by the reset as a
// dashed line from the quota's figure now to the projected figure at the reset, labelled with the tooltip's own
// words ("At this pace: 104% of the quota by the reset, running out on Dec 5, 2026"). The time axis runs from the
// period's start to its reset in the user's zone (wall-clock times written as UTC, as the other time charts do).
// Pure and deterministic, like usageChartSpec.ts; chartDrawings.ts hands billing-period data here.

import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };
import * as l10n from '@vscode/l10n';
import type { BillingPeriodFigures } from '../../usage/billingPeriod';
import type { ChartData } from '../../usage/chartData';
import { formatExact } from '../../shared/locale/numberFormats';
import { formatWallTime } from '../../shared/locale/dateFormats';
import { ZonedCalendar } from '../../usage/calendar/timeZone';
import { bucketLabels, windowLabel } from '../bucketLabels';
import { balancedLines, breakLine } from './lineBreaks';
import { dayAxisIndexes, maxChars, plotChars, wrapSegments } from './textLayout';
import { labelledTimeTicks, type TimeTick } from './timeAxis';
import type { ChartSpecOptions } from './specOptions';
import type { ChartTheme } from '../drawn/theme';
import { themeConfig } from './vegaLiteConfig';

type LayerList = Extract<TopLevelSpec, { layer: unknown }>['layer'];

/** The chart's title in the display language (asked at each call: the language is set after this module loads). */
export function billingPeriodTitle(): string {
  return l10n.t('Credits this billing period');
}

/** "1,234 credits", or "no data" (as formatValue writes a figure). */
function creditsText(value: number): string {
  return Number.isFinite(value) ? l10n.t('{0} credits', formatExact(value)) : l10n.t('no data');
}

/**
 * A wall-clock time written as UTC ms, as Vega-Lite takes a fixed temporal domain (a bare number there is not read
 * as a time).
 */
function dateTime(ms: number): { year: number; month: number; date: number; hours: number; minutes: number; seconds: number; milliseconds: number; utc: true } {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    date: d.getUTCDate(),
    hours: d.getUTCHours(),
    minutes: d.getUTCMinutes(),
    seconds: d.getUTCSeconds(),
    milliseconds: d.getUTCMilliseconds(),
    utc: true,
  };
}

/** The rule's label: "Limit: 100,000 credits". */
export function limitLabel(figures: Pick<BillingPeriodFigures, 'limit'>): string {
  return l10n.t('Limit: {0} credits', formatExact(figures.limit));
}

/**
 * The projection's label, as the tooltip words it, in lines: "At this pace: 104% of the quota by the reset," and
 * "running out on Dec 5, 2026" (one line when the quota lasts), broken where it would be wider than the plot
 * (`fontSize` the theme's). Empty without a projection.
 */
export function projectionLabel(figures: Pick<BillingPeriodFigures, 'projection'>, options: ChartSpecOptions = {}, fontSize = 12): string[] {
  const projection = figures.projection;
  if (!projection) {
    return [];
  }
  const lines = projection.runsOut === undefined ? [projection.headline] : [`${projection.headline},`, projection.runsOut];
  const limit = plotChars(options, fontSize);
  // Its two lines where they fit; else one sentence broken anew, in lines of even width (no "2026" left alone).
  return lines.every((line) => breakLine(line, limit).length === 1) ? lines : balancedLines(lines.join(' '), limit);
}

/** The plot's height unless the options say otherwise. */
const PLOT_HEIGHT = 300;

/**
 * The value axis' top: the highest figure with room above it for the projection's label, which stands on the
 * dashed line's end (`labelLines` lines of `lineHeight` px, and 14 px between), a fifth of the plot at most.
 */
export function valueAxisTop(highest: number, labelLines: number, lineHeight: number, plotHeight: number): number {
  const room = Math.min(0.2 * plotHeight, 14 + labelLines * lineHeight);
  return Math.max(highest * 1.18, highest / (1 - room / plotHeight));
}

/** The subtitle: the window, the quota and the reset; the pace and how it was worked out; what the lines are. */
export function billingPeriodSubtitle(data: ChartData, figures: BillingPeriodFigures, options: ChartSpecOptions = {}): string[] {
  const limit = maxChars(options);
  const window = windowLabel(figures.startMs, figures.nowMs, data.timeZone);
  const pace = figures.projection
    ? l10n.t('This pace: {0}', figures.projection.pace)
    : l10n.t('No pace to project from yet: the period has only begun');
  const notes = [
    figures.scope === 'owner'
      ? l10n.t('Solid: the running total of your local days in {0} (your own credits)', data.timeZone)
      : l10n.t('Solid: the running total of your local days in {0}', data.timeZone),
    l10n.t('Dashed: a projection at this pace, not usage'),
    ...figures.words.notes,
  ];
  // Vega does not wrap titles: a sentence longer than the panel is broken at its spaces here.
  return [
    ...wrapSegments([window, figures.words.quota, figures.words.reset], limit),
    ...wrapSegments([...(figures.words.pace ? [figures.words.pace] : []), pace], limit),
    ...wrapSegments(notes, limit),
  ];
}

/** More days than a period has (a yearly plan has 366): where the ticks stop. */
const MAX_PERIOD_DAYS = 400;

/** The local midnights in the period (its start to its reset), as many labelled as fit: "Dec 7", "7. Dez.". */
export function periodDayTicks(figures: Pick<BillingPeriodFigures, 'startMs' | 'resetMs'>, calendar: ZonedCalendar, fontSize: number, options: ChartSpecOptions = {}): TimeTick[] {
  const midnights: number[] = [];
  // A period is a month or a year; the bound only stops a hostile reset date from making millions of ticks.
  for (let day = calendar.startOfDay(figures.startMs); day <= figures.resetMs && midnights.length < MAX_PERIOD_DAYS; day = calendar.addDays(day, 1)) {
    if (day >= figures.startMs) {
      midnights.push(day);
    }
  }
  const labels = midnights.map((ms) => formatWallTime(calendar.wallClock(ms), 'monthDay'));
  const span = (figures.resetMs - figures.startMs) / 86_400_000;
  return dayAxisIndexes(labels, span, fontSize, options).map((i) => ({ at: calendar.wallClockAsUtc(midnights[i]!), label: labels[i]! }));
}

/** The Vega-Lite spec of the billing-period chart. */
export function buildBillingPeriodSpec(data: ChartData, figures: BillingPeriodFigures, theme: ChartTheme, options: ChartSpecOptions = {}): TopLevelSpec {
  const calendar = ZonedCalendar.for(data.timeZone);
  const at = (ms: number): number => calendar.wallClockAsUtc(ms);
  const labels = bucketLabels(data);
  const used = theme.palette[0]!;
  const projected = theme.palette[1]!;
  const limitColour = theme.palette[3]!;

  // The running total at the period's start (nothing yet) and at the end of each of its days. 'Period start' is a
  // marker the tooltip's filter below leaves out, never shown: it stays in English.
  const running = [
    { t: at(figures.startMs), total: 0, day: 'Period start', dayText: '', totalText: creditsText(0) },
    ...data.time.map((_, i) => {
      const day = data.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0);
      return {
        t: at(data.ends[i]!),
        total: figures.runningTotal[i]!,
        day: labels[i]!.full,
        dayText: creditsText(day),
        totalText: creditsText(figures.runningTotal[i]!),
      };
    }),
  ];
  const projection = figures.projection;
  const top = Math.max(figures.limit, figures.used, projection?.creditsAtReset ?? 0, ...figures.runningTotal);
  const label = projectionLabel(figures, options, theme.fontSize);
  const lineHeight = Math.round(theme.fontSize * 1.35);
  const height = options.height ?? PLOT_HEIGHT;
  const x = {
    field: 't',
    type: 'temporal' as const,
    scale: { type: 'utc' as const, domain: [dateTime(at(figures.startMs)), dateTime(at(figures.resetMs))] },
    axis: { labelOverlap: true, grid: false, ...labelledTimeTicks(periodDayTicks(figures, calendar, theme.fontSize, options)) },
    title: l10n.t('Day ({0})', data.timeZone),
  };
  const y = {
    field: 'total',
    type: 'quantitative' as const,
    title: l10n.t('Credits used in the period'),
    // Room above the highest figure for the labels.
    scale: { domain: [0, valueAxisTop(top, label.length, lineHeight, height)], nice: false, zero: true },
    stack: null,
    axis: { grid: true, tickCount: 6 },
  };

  const xy = { x, y };
  const layers: LayerList = [
    { mark: { type: 'area', color: used, opacity: 0.16, interpolate: 'linear' }, encoding: xy },
    { mark: { type: 'line', color: used, strokeWidth: 2, interpolate: 'linear' }, encoding: xy },
    {
      // The days themselves, with what they added, for the tooltip (not the period's start). Beyond a few months
      // of days the markers would crowd the line: they stay, invisible, for the tooltip.
      transform: [{ filter: 'datum.day !== "Period start"' }],
      mark: { type: 'point', color: used, filled: true, size: running.length > 120 ? 50 : 28, opacity: running.length > 120 ? 0 : 1 },
      encoding: {
        ...xy,
        tooltip: [
          { field: 'day', type: 'nominal', title: l10n.t('Day') },
          { field: 'dayText', type: 'nominal', title: l10n.t('Credits that day') },
          { field: 'totalText', type: 'nominal', title: l10n.t('Running total') },
        ],
      },
    },
    {
      data: { values: [{ total: figures.limit, label: limitLabel(figures), t: at(figures.startMs) }] },
      layer: [
        // Only a y: the rule runs across the whole plot.
        { mark: { type: 'rule', color: limitColour, strokeWidth: 1.5 }, encoding: { y } },
        {
          mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 6, dy: -4, color: theme.foreground, fontWeight: 600 },
          encoding: { ...xy, text: { field: 'label', type: 'nominal' } },
        },
      ],
    },
  ];
  if (projection) {
    const line = [
      { t: at(figures.nowMs), total: figures.used, what: l10n.t('Quota used now'), text: creditsText(figures.used) },
      { t: at(figures.resetMs), total: projection.creditsAtReset, what: l10n.t('At the reset, at this pace'), text: creditsText(Math.round(projection.creditsAtReset)) },
    ];
    const tooltip = [
      { field: 'what', type: 'nominal' as const, title: l10n.t('Projection') },
      { field: 'text', type: 'nominal' as const, title: l10n.t('Credits') },
    ];
    layers.push({
      data: { values: line },
      layer: [
        { mark: { type: 'line', color: projected, strokeWidth: 2, strokeDash: [6, 4] }, encoding: xy },
        { mark: { type: 'point', color: projected, filled: true, size: 36, opacity: 1 }, encoding: { ...xy, tooltip } },
      ],
    });
    if (projection.runsOutAtMs !== undefined && projection.runsOutAtMs < figures.resetMs) {
      layers.push({
        data: { values: [{ t: at(projection.runsOutAtMs), total: figures.limit, what: l10n.t('The quota runs out'), text: projection.runsOut ?? '' }] },
        mark: { type: 'point', shape: 'diamond', color: limitColour, filled: true, size: 80, opacity: 1 },
        encoding: { ...xy, tooltip: [{ field: 'what', type: 'nominal', title: l10n.t('Projection') }, { field: 'text', type: 'nominal', title: l10n.t('When') }] },
      });
    }
    layers.push({
      data: { values: [{ t: at(figures.resetMs), total: projection.creditsAtReset }] },
      mark: {
        type: 'text',
        align: 'right',
        baseline: 'bottom',
        dx: -4,
        // Vega sets the first line on the baseline and the others below it: up by those, so that the last line
        // ends above the dashed line's end rather than across it.
        dy: -10 - (label.length - 1) * lineHeight,
        color: theme.foreground,
        fontWeight: 600,
        lineHeight,
        text: label,
      },
      encoding: xy,
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: projection
      ? l10n.t('{0}: the running total, the limit of {1} credits and the projection to the reset', billingPeriodTitle(), formatExact(figures.limit))
      : l10n.t('{0}: the running total, the limit of {1} credits', billingPeriodTitle(), formatExact(figures.limit)),
    title: { text: billingPeriodTitle(), subtitle: billingPeriodSubtitle(data, figures, options) },
    width: options.width ?? 'container',
    height,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: themeConfig(theme),
    data: { values: running },
    layer: layers,
  };
}
