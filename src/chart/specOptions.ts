// What the spec builders are told besides the data and the theme: the query's breakdown (for the title) and the
// width the page gives the chart (for the legend and subtitle). The buckets describe themselves (ChartData.buckets).

import { breakdownInfo } from '../usage/catalog';
import type { ChartData } from '../usage/chartData';
import type { PanelQuery } from '../usage/panelQuery';
import type { ChartSpecOptions } from './options';

export function specOptions(data: ChartData, query: PanelQuery, availableWidth: number | undefined): ChartSpecOptions {
  return {
    ...(query.breakdownType !== 'none' && data.series.length > 1 ? { breakdownLabel: breakdownInfo(query.breakdownType).label } : {}),
    ...(availableWidth !== undefined && availableWidth > 0 ? { availableWidth } : {}),
  };
}
