// Compiles the panel's charts for the page they are shown in (pure: no vscode import). The layout of a chart (its
// legend's columns, its subtitle's lines, its font size) depends on the page's width and font size, which the page
// reports; until it has, the last report of any page serves (a new panel opens as wide as the last one was).

import { compileForLayout, planLayout } from '../../chart/chartFacade';
import type { ChartDrawing, PageView } from '../../page/protocol';
import type { ChartData } from '../../usage/chartData';
import type { PanelQuery } from '../../usage/query/panelQuery';

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
    return planLayout(data, query, this.current).key;
  }

  /** The chart of `data` for the current view (compiled again if the view changed meanwhile); never rejects. */
  async draw(data: ChartData, query: PanelQuery): Promise<LaidOutDrawing> {
    let drawing: LaidOutDrawing | undefined;
    let drawnFor: PageView | undefined;
    // A page that reports a new width during a compile gets a chart for that width (at most a few times over);
    // the layout is worked out once per view, not again to learn that the view has not changed.
    for (let attempt = 0; attempt < 3 && drawnFor !== this.current; attempt++) {
      const view = this.current;
      const plan = planLayout(data, query, view);
      drawnFor = view;
      if (drawing?.layoutKey === plan.key) {
        break;
      }
      try {
        drawing = { chart: await compileForLayout(data, plan), layoutKey: plan.key };
      } catch (error) {
        drawing = { chartError: error instanceof Error ? error.message : String(error), layoutKey: plan.key };
        this.warn(`Could not compile the usage chart: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
    return drawing!;
  }
}
