// What the chart panel asks of the chart, in one place: the layout a chart gets on a page of a given width and
// font size (and the key that says when a chart must be compiled again for another page), and the chart compiled
// for that layout. The panel (ui/panel/chartLayout.ts) needs nothing else from src/chart.

import type { ChartData } from '../usage/chartData';
import type { PanelQuery } from '../usage/query/panelQuery';
import { chartSubtitle } from './spec/chartDrawings';
import { compileChart } from './compile/compile';
import type { CompiledChart } from './drawn/compiledChart';
import { legendColumns } from './spec/textLayout';
import type { ChartSpecOptions } from './spec/specOptions';
import { legendKeys } from './spec/chartRows';
import { specOptions } from './spec/specOptions';

/** The page a chart is laid out for, as the page reports it. */
export interface PageSize {
  readonly width: number;
  readonly fontSize: number;
}

/** A chart's layout on a page: what the spec builders are told, and a key equal for every page it fits alike. */
export interface ChartLayoutPlan {
  readonly options: ChartSpecOptions;
  readonly fontSize: number;
  /** What the layout depends on (font size, the legend's columns, the subtitle's lines): another key, another compile. */
  readonly key: string;
}

export function planLayout(data: ChartData, query: PanelQuery, page: PageSize): ChartLayoutPlan {
  const options = specOptions(data, query, page.width);
  const subtitle = chartSubtitle(data, options);
  return { options, fontSize: page.fontSize, key: JSON.stringify([page.fontSize, legendColumns(legendKeys(data), page.fontSize, options), subtitle]) };
}

/** The chart of `data` compiled to what the webview draws, for a layout from planLayout. */
export function compileForLayout(data: ChartData, plan: ChartLayoutPlan): Promise<CompiledChart> {
  return compileChart(data, plan.options, plan.fontSize);
}
