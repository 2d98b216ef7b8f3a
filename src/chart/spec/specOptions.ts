// What the spec builders are told besides the data and the theme: the query's breakdown (for the title) and the
// width the page gives the chart (for the legend and subtitle). The buckets describe themselves (ChartData.buckets).

import * as l10n from '@vscode/l10n';
import { breakdownInfo } from '../../usage/catalog';
import type { ChartData } from '../../usage/chartData';
import type { PanelQuery } from '../../usage/query/panelQuery';
import { analyticsColumnLabel } from '../../usage/query/analyticsFields';

export interface ChartSpecOptions {
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

/** The options for a chart of `data` answering `query`, on a page `availableWidth` pixels wide (if known). */
export function specOptions(data: ChartData, query: PanelQuery, availableWidth: number | undefined): ChartSpecOptions {
  // Accounts compared are the series; else the analytics source's columns, or the breakdown.
  const grouped = query.compare
    ? l10n.t('Account')
    : query.source === 'analytics' && query.groupBy && query.groupBy.length > 0
      ? query.groupBy.map(analyticsColumnLabel).join(' \u00b7 ')
      : undefined;
  return {
    ...(grouped !== undefined && data.series.length > 1 ? { breakdownLabel: grouped } : {}),
    ...(grouped === undefined && query.breakdownType !== 'none' && data.series.length > 1 ? { breakdownLabel: breakdownInfo(query.breakdownType).label } : {}),
    ...(availableWidth !== undefined && availableWidth > 0 ? { availableWidth } : {}),
  };
}
