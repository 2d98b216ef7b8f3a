// Draws the compiled chart with Vega alone (the extension host compiled it from Vega-Lite, see chart/compile/compile.ts),
// the CSP-safe way: expressions parsed to an AST and run by vega-interpreter (no Function()), no injected
// <style>, our own tooltip handler, and a loader that refuses every load (the data is inline).
//
// A chart whose spec is the one on screen (the same kind of chart: another metric, window or theme) is drawn in
// the Vega view that is there, by setting its signals and data; anything else gets a new view. The chart element
// counts both (data-embeds, data-redraws) for the tests and the benchmark.

import * as l10n from '@vscode/l10n';
import type { View } from 'vega';
import { canRedrawInView, chartRows, instantiateSpec, redrawInView, retheme, specIdentity, type CompiledChart } from '../chart/drawn/compiledChart';
import { opaqueBackground, type ChartTheme } from '../chart/drawn/theme';
import { themeSignalValues } from '../chart/drawn/themeSignals';
import { DrawQueue } from './drawQueue';
import { createTooltipHandler } from './tooltip';
import { expressionInterpreter, parse, View as VegaView } from './vegaRuntime';

const refuse = (): Promise<never> => Promise.reject(new Error(l10n.t('The usage chart loads nothing: its data is inline.')));
const NO_LOADER = { load: refuse, sanitize: refuse, http: refuse, file: refuse };
/** Vega's log level for errors only: its warnings are about specs we do not make. */
const LOG_ERRORS = 1;

export class ChartView {
  private view: View | undefined;
  /** The chart on screen, its spec's identity, and the theme it was drawn in. */
  private drawn: { chart: CompiledChart; identity: string; theme: ChartTheme } | undefined;
  /** Draws, theme changes and clearings run one at a time, in order (see drawQueue.ts). */
  private readonly queue = new DrawQueue();
  private readonly tooltip: ReturnType<typeof createTooltipHandler>;
  private embeds = 0;
  private redraws = 0;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly tooltipElement: HTMLElement,
    /** Called (debounced) with the chart's new width: the host lays the legend and subtitle out for it. */
    onWidth: (width: number) => void,
  ) {
    this.tooltip = createTooltipHandler(tooltipElement);
    // Vega follows the width itself (autosize fit-x); only the legend columns and subtitle lines need the host.
    let lastWidth = container.clientWidth;
    new ResizeObserver(() => {
      clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(() => {
        const width = container.clientWidth;
        if (width > 0 && width !== lastWidth) {
          lastWidth = width;
          onWidth(width);
        }
      }, 200);
    }).observe(container);
  }

  get hasChart(): boolean {
    return this.view !== undefined;
  }

  get width(): number {
    return this.container.clientWidth;
  }

  /**
   * Draws the chart, in the view on screen when it can. Resolves when drawn: true if it is still the chart asked
   * for last (no later render or clear), false if not. Rejects if Vega fails (and nothing later was asked for).
   */
  render(chart: CompiledChart, theme: ChartTheme): Promise<boolean> {
    return this.queue.draw(() => this.draw(chart, theme));
  }

  /** Dresses the chart on screen in a new theme (by its theme signals, or drawn anew if its texts hold the theme). */
  retheme(theme: ChartTheme): Promise<void> {
    return this.queue.run(async () => {
      const drawn = this.drawn;
      const view = this.view;
      if (!drawn || !view) {
        return;
      }
      if (drawn.chart.themeInTexts) {
        await this.draw(drawn.chart, theme);
        return;
      }
      await retheme(view, drawn.chart, themeSignalValues(theme), this.container.clientWidth);
      this.drawn = { ...drawn, theme };
      this.counted('redraws');
    });
  }

  /** Removes the chart, once the draws asked for before have run (else one ending later would bring it back). */
  clear(): void {
    void this.queue.clear(() => {
      this.drawn = undefined;
      this.view?.finalize();
      this.view = undefined;
      this.container.replaceChildren();
      this.container.classList.remove('vega-embed', 'has-chart');
      this.tooltipElement.hidden = true;
    });
  }

  setStale(stale: boolean): void {
    this.container.classList.toggle('is-stale', stale);
  }

  /** A PNG data: URL at twice the size, on an opaque background so it reads on any theme. */
  async toPng(): Promise<string> {
    return this.withOpaqueBackground((view) => view.toImageURL('png', 2));
  }

  /** SVG markup with an opaque background rectangle. */
  async toSvg(): Promise<string> {
    return this.withOpaqueBackground((view) => view.toSVG());
  }

  private async withOpaqueBackground<T>(render: (view: View) => Promise<T>): Promise<T> {
    await this.queue.idle();
    const view = this.view;
    const theme = this.drawn?.theme;
    if (!view || !theme) {
      throw new Error(l10n.t('There is no chart to export yet.'));
    }
    const previous = view.background();
    view.background(opaqueBackground(theme));
    try {
      return await render(view);
    } finally {
      view.background(previous);
      await view.runAsync();
    }
  }

  private counted(what: 'embeds' | 'redraws'): void {
    if (what === 'embeds') {
      this.embeds++;
    } else {
      this.redraws++;
    }
    this.container.dataset['embeds'] = String(this.embeds);
    this.container.dataset['redraws'] = String(this.redraws);
  }

  private async draw(chart: CompiledChart, theme: ChartTheme): Promise<void> {
    this.tooltipElement.hidden = true;
    const identity = specIdentity(chart);
    const rows = chartRows(chart);
    const values = themeSignalValues(theme);
    const view = this.view;
    // A chart whose texts hold the theme is drawn anew: a view keeps the texts it was made with.
    if (view && canRedrawInView(chart, this.drawn?.identity)) {
      await redrawInView(view, chart, values, rows, this.container.clientWidth);
      this.drawn = { chart, identity, theme };
      this.counted('redraws');
    } else {
      this.drawn = undefined;
      this.view = undefined;
      view?.finalize();
      const spec = instantiateSpec(chart, values, rows);
      const next = new VegaView(parse(spec as never, undefined, { ast: true }), {
        renderer: chart.renderer,
        loader: NO_LOADER as never,
        logLevel: LOG_ERRORS,
        expr: expressionInterpreter,
      } as never);
      next.tooltip(this.tooltip as never);
      this.container.replaceChildren();
      this.container.classList.add('vega-embed');
      await next.initialize(this.container).runAsync();
      this.view = next;
      this.drawn = { chart, identity, theme };
      this.counted('embeds');
    }
    this.container.classList.add('has-chart');
    this.container.setAttribute('aria-label', l10n.t('{0}. The same data is in the table below.', chart.description));
  }
}
