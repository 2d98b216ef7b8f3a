// Compiles the panel's charts for the page they are shown in (pure: no vscode import). The layout of a chart (its
// legend's columns, its subtitle's lines, its font size) depends on the page's width and font size, which the page
// reports; until it has, the last report of any page serves (a new panel opens as wide as the last one was).

import { billingPeriodSubtitle } from '../chart/billingPeriodSpec';
import { compileChart } from '../chart/compile';
import { legendColumns } from '../chart/layout';
import { legendKeys } from '../chart/rows';
import { specOptions } from '../chart/specOptions';
import { subtitleLines } from '../chart/text';
import type { ChartDrawing, PageView } from '../protocol';
import type { ChartData } from '../usage/chartData';
import type { PanelQuery } from '../usage/panelQuery';

/** What a chart is laid out for before any page has said (VS Code's default font size, a common editor width). */
export const DEFAULT_PAGE_VIEW: PageView = { width: 900, fontSize: 13 };

/** A drawing and the layout it was made for. */
export type LaidOutDrawing = ChartDrawing & { readonly layoutKey: string };

export class ChartLayout {
  constructor(
    private current: PageView = DEFAULT_PAGE_VIEW,
    /** Where a chart that could not be compiled is reported (the page only says it could not draw it). */
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  get view(): PageView {
    return this.current;
  }

  setView(view: PageView): void {
    this.current = view;
  }

  /** What the chart's layout depends on: a chart made for another key must be compiled again. */
  layoutKey(data: ChartData, query: PanelQuery): string {
    const { width, fontSize } = this.current;
    const options = specOptions(data, query, width);
    const subtitle = data.billingPeriod ? billingPeriodSubtitle(data, data.billingPeriod, options) : subtitleLines(data, options);
    return JSON.stringify([fontSize, legendColumns(legendKeys(data), fontSize, options), subtitle]);
  }

  /** The chart of `data` for the current view (compiled again if the view changed meanwhile); never rejects. */
  async draw(data: ChartData, query: PanelQuery): Promise<LaidOutDrawing> {
    let drawing: LaidOutDrawing | undefined;
    // A page that reports a new width during a compile gets a chart for that width (at most a few times over).
    for (let attempt = 0; attempt < 3 && (drawing === undefined || drawing.layoutKey !== this.layoutKey(data, query)); attempt++) {
      const layoutKey = this.layoutKey(data, query);
      const { width, fontSize } = this.current;
      try {
        drawing = { chart: await compileChart(data, specOptions(data, query, width), fontSize), layoutKey };
      } catch (error) {
        drawing = { chartError: error instanceof Error ? error.message : String(error), layoutKey };
        this.warn(`Could not compile the usage chart: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
    return drawing!;
  }
}
