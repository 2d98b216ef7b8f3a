// Which drawing a chart's data gets, and the one place the spec side asks. The data says what it holds, not what
// was asked for: data with a billing period's figures (its running total, the limit, the projection) is drawn as
// the billing period; every other chart as usage (a second source or an account comparison is usage data too, with
// other series). A new drawing is its spec file and a line in DRAWINGS; the table asks the data in the same way
// (table/tableModel.ts), the exports in usage/exportFormats.ts.

import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };
import type { ChartData } from '../../usage/chartData';
import type { ChartTheme } from '../drawn/theme';
import { billingPeriodSubtitle, buildBillingPeriodSpec } from './billingPeriodSpec';
import { subtitleLines } from './chartWords';
import type { ChartSpecOptions } from './specOptions';
import { buildUsageSpec } from './usageChartSpec';

/** What a drawing makes of a chart's data: the spec, and the subtitle on its own (the layout's key needs it). */
interface ChartDrawing {
  /** True when this drawing is the data's: the first in DRAWINGS that holds it draws it. */
  readonly holds: (data: ChartData) => boolean;
  readonly spec: (data: ChartData, theme: ChartTheme, options: ChartSpecOptions) => TopLevelSpec;
  readonly subtitle: (data: ChartData, options: ChartSpecOptions) => string[];
}

const BILLING_PERIOD_DRAWING: ChartDrawing = {
  holds: (data) => data.billingPeriod !== undefined,
  spec: (data, theme, options) => buildBillingPeriodSpec(data, data.billingPeriod!, theme, options),
  subtitle: (data, options) => billingPeriodSubtitle(data, data.billingPeriod!, options),
};

const USAGE_DRAWING: ChartDrawing = { holds: () => true, spec: buildUsageSpec, subtitle: subtitleLines };

/** In the order they are tried; the usage chart, which holds any data, last. */
const DRAWINGS: readonly ChartDrawing[] = [BILLING_PERIOD_DRAWING, USAGE_DRAWING];

function drawingOf(data: ChartData): ChartDrawing {
  return DRAWINGS.find((drawing) => drawing.holds(data)) ?? USAGE_DRAWING;
}

/** The Vega-Lite spec of the chart of `data`, whichever drawing it gets. */
export function buildChartSpec(data: ChartData, theme: ChartTheme, options: ChartSpecOptions = {}): TopLevelSpec {
  return drawingOf(data).spec(data, theme, options);
}

/** The subtitle's lines the chart of `data` shows, as buildChartSpec writes them. */
export function chartSubtitle(data: ChartData, options: ChartSpecOptions = {}): string[] {
  return drawingOf(data).subtitle(data, options);
}
