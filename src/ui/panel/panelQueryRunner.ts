// Runs the chart panel's queries, one at a time (pure: no vscode import, tested in plain mocha). A new query
// replaces the one under way, whose answer or failure then means nothing; a cancelled query says so; a failed
// one leaves the last good result where it was, for the page to show marked stale. What the page should show
// goes out as HostMessages: loading, then show (with the chart compiled for the page) or error; and a chart laid
// out anew when the page's width changes it.

import * as l10n from '@vscode/l10n';
import { describeFailure, isElevenLabsError } from '../../api/errors';
import type { ChartDrawing, HostMessage } from '../../page/protocol';
import type { ChartData } from '../../usage/chartData';
import { withResolvedWindow } from '../../usage/kinds/chartKinds';
import type { PanelQuery } from '../../usage/query/panelQuery';
import { ZonedCalendar } from '../../usage/calendar/timeZone';

export interface PanelQueryRunnerDeps {
  /** The data of a query whose window is resolved; rejects with an ElevenLabsError (cancelled on abort). */
  fetchChart(query: PanelQuery, nowMs: number, timeZone: string, signal: AbortSignal): Promise<ChartData>;
  /** The chart of a result, compiled for the page as it is now, with the layout it was made for. Never rejects. */
  drawChart(data: ChartData, query: PanelQuery): Promise<ChartDrawing & { readonly layoutKey: string }>;
  /** The layout a chart of this result would get now (a chart with another needs compiling again). */
  layoutKey(data: ChartData, query: PanelQuery): string;
  /** The user's zone now (presets resolve in it). */
  timeZone(): string;
  /** Whether a query that does not say gets the API's UTC buckets (the elevenlabsUsage.chart.buckets setting). */
  utcBucketsByDefault(): boolean;
  now(): number;
  post(message: HostMessage): void;
  warn(message: string): void;
}

/** A result on screen: what the exports write and what a reloaded page is shown again. */
export interface ShownResult {
  readonly query: PanelQuery;
  readonly data: ChartData;
  readonly fetchedAtMs: number;
  /** Its chart (none for a result without data), and the layout it was made for. */
  readonly drawing?: ChartDrawing & { readonly layoutKey: string };
}

/** Whether a result has anything to draw (the page says so in words instead). */
function hasChart(data: ChartData): boolean {
  return data.series.length > 0 && data.time.length > 0;
}

/** The drawing alone, as the page gets it. */
export function pageDrawing(drawing: ChartDrawing & { readonly layoutKey?: string }): ChartDrawing {
  return 'chart' in drawing ? { chart: drawing.chart } : { chartError: drawing.chartError };
}

export interface QueryRun {
  /** Settles when the run has posted its outcome (or was replaced); never rejects. */
  readonly done: Promise<void>;
  /** Cancels this run (not a later one that replaced it). */
  cancel(): void;
}

export class PanelQueryRunner {
  private current: AbortController | undefined;
  private latestQuery: PanelQuery;
  private shownResult: ShownResult | undefined;

  constructor(
    private readonly deps: PanelQueryRunnerDeps,
    initialQuery: PanelQuery,
  ) {
    this.latestQuery = initialQuery;
  }

  /** The newest query, its window resolved when it started. */
  get query(): PanelQuery {
    return this.latestQuery;
  }

  /** The last good result, if any; it stays when a later query fails. */
  get shown(): ShownResult | undefined {
    return this.shownResult;
  }

  /** Starts `query`, replacing the one under way. */
  start(query: PanelQuery): QueryRun {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    const nowMs = this.deps.now();
    const timeZone = this.deps.timeZone();
    const resolved = { ...withResolvedWindow(query, nowMs, ZonedCalendar.for(timeZone)), utcBuckets: query.utcBuckets ?? this.deps.utcBucketsByDefault() };
    this.latestQuery = resolved;
    this.deps.post({ type: 'loading', query: resolved, timeZone });
    const done = this.fetch(resolved, nowMs, timeZone, controller).finally(() => {
      if (this.current === controller) {
        this.current = undefined;
      }
    });
    return { done, cancel: () => controller.abort() };
  }

  private async fetch(asked: PanelQuery, nowMs: number, timeZone: string, controller: AbortController): Promise<void> {
    let query = asked;
    try {
      const data = await this.deps.fetchChart(query, nowMs, timeZone, controller.signal);
      if (data.billingPeriod && !controller.signal.aborted) {
        // The billing period's window is known only now, from the quota: the query shown and stored says it.
        query = { ...query, startUnix: data.startUnix, endUnix: data.endUnix };
        this.latestQuery = query;
      }
      const fetchedAtMs = this.deps.now();
      const drawing = hasChart(data) && !controller.signal.aborted ? await this.deps.drawChart(data, query) : undefined;
      if (controller.signal.aborted) {
        // The answer came as the run was cancelled or replaced: cancelled wins, a newer query has the page.
        this.postCancelledUnlessReplaced(query, controller);
        return;
      }
      this.shownResult = { query, data, fetchedAtMs, ...(drawing ? { drawing } : {}) };
      this.deps.post({ type: 'show', query, data, fetchedAtMs, ...(drawing ? { drawing: pageDrawing(drawing) } : {}) });
    } catch (error) {
      if (controller.signal.aborted || (isElevenLabsError(error) && error.kind === 'cancelled')) {
        this.postCancelledUnlessReplaced(query, controller);
        return;
      }
      if (this.current !== controller) {
        return;
      }
      const message = describeFailure(error, l10n.t('The query failed unexpectedly.'));
      this.deps.warn(`Usage query failed: ${message}`);
      this.deps.post({ type: 'error', query, message, canRetry: !(isElevenLabsError(error) && error.kind === 'invalidQuery') });
    }
  }

  private postCancelledUnlessReplaced(query: PanelQuery, controller: AbortController): void {
    if (this.current === controller) {
      this.deps.post({ type: 'error', query, message: l10n.t('The query was cancelled.'), canRetry: true });
    }
  }

  /**
   * Compiles the chart on screen again if the page's width or font size changed its layout, and posts it. A query
   * under way will compile its own chart for the new layout.
   */
  async relayout(): Promise<void> {
    const shown = this.shownResult;
    if (!shown?.drawing || this.current || this.deps.layoutKey(shown.data, shown.query) === shown.drawing.layoutKey) {
      return;
    }
    const drawing = await this.deps.drawChart(shown.data, shown.query);
    if (this.shownResult !== shown || this.current) {
      return;
    }
    this.shownResult = { ...shown, drawing };
    this.deps.post({ type: 'chart', fetchedAtMs: shown.fetchedAtMs, drawing: pageDrawing(drawing) });
  }

  /** Stops the run under way without a word (the panel is going away). */
  dispose(): void {
    const current = this.current;
    this.current = undefined;
    current?.abort();
  }
}
