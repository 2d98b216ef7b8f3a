// Draws the chart with vega-embed, the CSP-safe way: `ast: true` with vega-interpreter (no Function()),
// `defaultStyle: false` (no injected <style>), `actions: false` (exports go through the extension), our own
// tooltip handler, and a loader that refuses every load (the data is inline; nothing comes from the network).

import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { chooseRenderer } from '../chart/chartKind';
import { legendColumns } from '../chart/layout';
import { legendKeys } from '../chart/rows';
import { billingPeriodSubtitle } from '../chart/billingPeriodSpec';
import { buildChartSpec, type ChartSpecOptions } from '../chart/spec';
import { subtitleLines } from '../chart/text';
import { opaqueBackground, type ChartTheme } from '../chart/theme';
import type { PanelQuery } from '../usage/panelQuery';
import { breakdownInfo } from '../usage/catalog';
import type { ChartData } from '../usage/chartData';
import { createTooltipHandler } from './tooltip';

const refuse = (): Promise<never> => Promise.reject(new Error('The usage chart loads nothing: its data is inline.'));
const NO_LOADER = { load: refuse, sanitize: refuse, http: refuse, file: refuse };

export class ChartView {
  private result: Result | undefined;
  private theme: ChartTheme | undefined;
  /** Renders are serialised: a theme change during a render waits for it. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly tooltip: ReturnType<typeof createTooltipHandler>;
  /** What was drawn last, to draw again when the width changes the legend or subtitle layout. */
  private drawn: { data: ChartData; query: PanelQuery; theme: ChartTheme; layout: string } | undefined;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly tooltipElement: HTMLElement,
  ) {
    this.tooltip = createTooltipHandler(tooltipElement);
    // Vega follows the width itself (autosize fit-x); only the legend columns and subtitle lines need a redraw.
    new ResizeObserver(() => {
      clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(() => this.redrawIfLayoutChanged(), 200);
    }).observe(container);
  }

  private options(data: ChartData, query: PanelQuery): ChartSpecOptions {
    return {
      ...(query.breakdownType !== 'none' && data.series.length > 1 ? { breakdownLabel: breakdownInfo(query.breakdownType).label } : {}),
      ...(this.container.clientWidth > 0 ? { availableWidth: this.container.clientWidth } : {}),
    };
  }

  private layout(data: ChartData, theme: ChartTheme, options: ChartSpecOptions): string {
    const subtitle = data.billingPeriod ? billingPeriodSubtitle(data, data.billingPeriod, options) : subtitleLines(data, options);
    return JSON.stringify([legendColumns(legendKeys(data), theme.fontSize, options), subtitle]);
  }

  private redrawIfLayoutChanged(): void {
    const drawn = this.drawn;
    if (drawn && this.result && this.layout(drawn.data, drawn.theme, this.options(drawn.data, drawn.query)) !== drawn.layout) {
      void this.render(drawn.data, drawn.query, drawn.theme).catch(() => undefined);
    }
  }

  get hasChart(): boolean {
    return this.result !== undefined;
  }

  /** Draws the data (replacing the chart there was). Resolves when drawn; rejects if Vega fails. */
  render(data: ChartData, query: PanelQuery, theme: ChartTheme): Promise<void> {
    const run = this.queue.then(() => this.draw(data, query, theme));
    this.queue = run.catch(() => undefined);
    return run;
  }

  clear(): void {
    this.drawn = undefined;
    this.result?.finalize();
    this.result = undefined;
    this.container.replaceChildren();
    this.container.classList.remove('vega-embed', 'has-chart');
    this.tooltipElement.hidden = true;
  }

  setStale(stale: boolean): void {
    this.container.classList.toggle('is-stale', stale);
  }

  /** A PNG data: URL at twice the size, on an opaque background so it reads on any theme. */
  async toPng(): Promise<string> {
    return this.withOpaqueBackground((result) => result.view.toImageURL('png', 2));
  }

  /** SVG markup with an opaque background rectangle. */
  async toSvg(): Promise<string> {
    return this.withOpaqueBackground((result) => result.view.toSVG());
  }

  private async withOpaqueBackground<T>(render: (result: Result) => Promise<T>): Promise<T> {
    await this.queue;
    const result = this.result;
    if (!result || !this.theme) {
      throw new Error('There is no chart to export yet.');
    }
    const view = result.view;
    const previous = view.background();
    view.background(opaqueBackground(this.theme));
    try {
      return await render(result);
    } finally {
      view.background(previous);
      await view.runAsync();
    }
  }

  private async draw(data: ChartData, query: PanelQuery, theme: ChartTheme): Promise<void> {
    const options = this.options(data, query);
    const spec = buildChartSpec(data, theme, options);
    this.drawn = { data, query, theme, layout: this.layout(data, theme, options) };
    this.tooltipElement.hidden = true;
    const previous = this.result;
    this.result = undefined;
    previous?.finalize();
    this.theme = theme;
    this.result = await embed(this.container, spec, {
      mode: 'vega-lite',
      renderer: chooseRenderer(data),
      actions: false,
      defaultStyle: false,
      ast: true,
      expr: expressionInterpreter,
      tooltip: this.tooltip,
      loader: NO_LOADER as never,
      logLevel: 1,
    });
    this.container.classList.add('has-chart');
    const description = typeof spec.description === 'string' ? spec.description : 'Usage chart';
    this.container.setAttribute('aria-label', `${description}. The same data is in the table below.`);
  }
}
