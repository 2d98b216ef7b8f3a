// Text layout from the width the chart gets: Vega neither wraps titles nor legends, so the subtitle's
// segments and the legend's columns are fitted here, from average glyph widths of the theme's font size.

import { breakLine, displayWidth, fillLines } from './lineBreaks';
import type { ChartSpecOptions } from './specOptions';

/** The width assumed for layout when the caller does not say. */
const DEFAULT_AVAILABLE_WIDTH = 900;

/**
 * About how many characters of subtitle text fit the available width (an average Latin glyph is ~0.55 em; a
 * full-width one counts two, lineBreaks.ts displayWidth).
 */
export function maxChars(options: ChartSpecOptions, fontSize = 12): number {
  const width = options.availableWidth ?? DEFAULT_AVAILABLE_WIDTH;
  return Math.max(24, Math.floor((width - 40) / (fontSize * 0.55)));
}

/**
 * About how many characters of a bold label fit inside the plot: the width less the value axis, its title and the
 * padding (about 120 px with six-figure labels), at ~0.55 em a glyph. For labels drawn in the plot, right-aligned at
 * its edge, which would otherwise run over the axis on a narrow panel.
 */
export function plotChars(options: ChartSpecOptions, fontSize = 12): number {
  return Math.max(16, Math.floor((chartWidth(options) - 120) / (fontSize * 0.55)));
}

/** The chart's whole width: the one it is given (`options.width`, axes included: autosize fit-x), else the panel's. */
function chartWidth(options: ChartSpecOptions): number {
  return typeof options.width === 'number' ? options.width : (options.availableWidth ?? DEFAULT_AVAILABLE_WIDTH);
}

/** The plot's width for placing time labels: the chart's less the value axis and its title (about 100 px). */
function plotWidth(options: ChartSpecOptions): number {
  return Math.max(1, chartWidth(options) - 100);
}

/**
 * Joins segments with " · " into lines at most `limit` wide (lineBreaks.ts displayWidth); a wider segment gets
 * lines of its own, broken where its language allows (breakLine).
 */
export function wrapSegments(segments: readonly string[], limit: number): string[] {
  return fillLines(segments.map((text) => ({ text, joiner: ' \u00b7 ' })), limit).flatMap((joined) => breakLine(joined, limit));
}

/** Legend columns that fit the available width: as many as the longest label allows, at most four. */
export function legendColumns(keys: readonly string[], fontSize: number, options: ChartSpecOptions = {}): number {
  if (keys.length <= 1) {
    return 1;
  }
  const width = options.availableWidth ?? DEFAULT_AVAILABLE_WIDTH;
  const longest = keys.reduce((max, key) => Math.max(max, displayWidth(key)), 0);
  const entry = 16 + 6 + Math.min(360, longest * (fontSize - 1) * 0.58) + 18;
  return Math.max(1, Math.min(4, keys.length, Math.floor((width - 40) / entry)));
}

/** Room a time label needs on the axis ("Tue 24", "14:00"), in font sizes: six glyphs and a gap. */
const TIME_LABEL_EMS = 5;
/** Steps in hours at which hour labels stand, so that every shown one is a round local time and midnight is one. */
const HOUR_STEPS = [1, 2, 3, 4, 6, 12, 24];

/**
 * Which of the hour buckets starting at `wallClocks` get an axis label: every n-th local hour, n the smallest step
 * whose labels fit the plot, counted from local midnight, so that each day's midnight (labelled with its day) is
 * among them; days apart when even a day is too narrow. Undefined when the hours do not start on the hour (the
 * API's UTC hours in a zone with a half-hour offset): the axis then thins its labels itself.
 */
export function hourAxisValues(wallClocks: ReadonlyArray<{ readonly hour: number; readonly minute: number }>, fontSize: number, options: ChartSpecOptions = {}): number[] | undefined {
  if (wallClocks.length === 0 || wallClocks.some((w) => w.minute !== 0)) {
    return undefined;
  }
  const plot = plotWidth(options) / wallClocks.length;
  const needed = TIME_LABEL_EMS * fontSize;
  const step = HOUR_STEPS.find((s) => s * plot >= needed);
  const everyDays = step === undefined ? Math.ceil(needed / (24 * plot)) : 1;
  let day = -1;
  const values: number[] = [];
  wallClocks.forEach((w, i) => {
    if (w.hour === 0) day++;
    const shown = step !== undefined ? w.hour % step === 0 : w.hour === 0 && day % everyDays === 0;
    if (shown) values.push(i);
  });
  return values.length > 0 ? values : undefined;
}

/** Steps in days at which day labels stand; beyond two weeks, multiples of two weeks. */
const DAY_STEPS = [1, 2, 7, 14];

/**
 * Which of `labels`, evenly spread over `slots` places along the axis ("Dec 7", "7. Dez."), get a tick: every n-th
 * from the first, n the smallest step whose longest label fits (at ~0.6 em a glyph, and a gap of one em); the steps
 * `steps` where given (beyond the last, its multiples), else any whole number.
 */
export function spacedIndexes(labels: readonly string[], slots: number, fontSize: number, options: ChartSpecOptions = {}, steps?: readonly number[]): number[] {
  const perSlot = plotWidth(options) / Math.max(1, slots);
  const needed = (labels.reduce((max, label) => Math.max(max, displayWidth(label)), 0) * 0.6 + 1) * fontSize;
  const fits = Math.max(1, Math.ceil(needed / perSlot));
  const last = steps?.[steps.length - 1];
  const step = steps === undefined || last === undefined ? fits : (steps.find((s) => s >= fits) ?? last * Math.ceil(fits / last));
  return labels.map((_, i) => i).filter((i) => i % step === 0);
}

/** Which of the days in a span of `spanDays` get a labelled tick (spacedIndexes in DAY_STEPS). */
export function dayAxisIndexes(labels: readonly string[], spanDays: number, fontSize: number, options: ChartSpecOptions = {}): number[] {
  return spacedIndexes(labels, spanDays, fontSize, options, DAY_STEPS);
}
