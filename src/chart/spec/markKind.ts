// Which marks the data gets, and how they are drawn: stacked bars for few buckets of an additive metric, lines for
// many buckets or for averages and peaks (never stacked), one bar per series for a cumulative answer; SVG for
// crisp, accessible text up to a size, a canvas beyond it; lines drawn from fewer points beyond a limit.

import type { ChartData } from '../../usage/chartData';

/** Above this many buckets, additive series are drawn as lines instead of stacked bars. */
export const LINE_BUCKET_THRESHOLD = 60;
/** Above this many data points (buckets × series), the chart renders to a canvas instead of SVG. */
export const SVG_POINT_LIMIT = 4000;
/** Above this many drawn points, line charts get no (invisible) hover points for tooltips: too many marks. */
export const HOVER_POINT_LIMIT = 20000;
/**
 * Lines never need more points per series than the plot has pixel columns. Beyond this many buckets each
 * series is drawn from the lowest and highest value of each group of buckets (usage/decimate.ts); the table and
 * the exports keep every bucket.
 */
export const LINE_DETAIL_LIMIT = 2000;

export type MarkKind = 'stacked-bars' | 'lines' | 'cumulative-bars';

/** The marks the data gets. */
export function markKind(data: ChartData): MarkKind {
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

/** Whether the line chart is drawn from the lowest and highest values of groups of buckets. */
export function isSimplified(data: ChartData): boolean {
  return markKind(data) === 'lines' && data.time.length > LINE_DETAIL_LIMIT;
}
