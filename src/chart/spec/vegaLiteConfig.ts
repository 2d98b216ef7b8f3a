// The Vega-Lite config that dresses a chart in the VS Code theme: colours, font and sizes from ChartTheme.

import { valueAxisLabels, vegaLocale } from './vegaLocale';
import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };
import type { ChartTheme } from '../drawn/theme';

/** Vega-Lite config from the theme: colours, font, sizes. */
export function themeConfig(theme: ChartTheme): NonNullable<TopLevelSpec['config']> {
  const size = theme.fontSize;
  const font = theme.fontFamily;
  return {
    // Vega's own numbers (the value axes) in the display language; where D3 cannot say how it groups them, every
    // quantitative axis mends its labels (valueAxisLabels). Times Vega never writes: see timeAxis.ts.
    locale: vegaLocale() as NonNullable<TopLevelSpec['config']>['locale'],
    axisQuantitative: valueAxisLabels(),
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
      // From the chart's left edge, not the plot's: on a narrow panel the value axis would take a third of the
      // subtitle's room, and the subtitle is wrapped for the whole width (textLayout.ts maxChars).
      frame: 'bounds',
      offset: 14,
    },
    text: { color: theme.foreground, font, fontSize: size - 1 },
    range: { category: [...theme.palette] },
    line: { strokeWidth: 2 },
  };
}

/** The Vega-Lite spec of the chart. */
