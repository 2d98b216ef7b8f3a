// The chart webview's entry point (bundled for the browser by esbuild.js into media/dist/webview.js). It talks
// to the extension host only by messages (src/page/protocol.ts): it says 'ready' (with its chart's width and font
// size, which the host lays the chart out for), shows what the host sends (loading, a result with its compiled
// chart, an error), and posts queries, retries, export requests and changes of width or font size back.

import * as l10n from '@vscode/l10n';
import { dateTimeLabel } from '../chart/bucketLabels';
import { LANGUAGE_META, PANEL_IDS } from '../page/panelHtml';
import { useLanguage } from '../shared/locale/language';
import { formatInstant } from '../shared/locale/dateFormats';
import { formatExact } from '../shared/locale/numberFormats';
import { lowerFirst } from '../shared/capitalize';
import { isRecord } from '../shared/isRecord';
import { unsafeSvgMarkup } from '../page/svgMarkup';
import type { ChartTheme } from '../chart/drawn/theme';
import { parsePanelState, type ChartDrawing, type HostMessage, type PageView, type PanelState, type WebviewMessage } from '../page/protocol';
import type { PanelQuery } from '../usage/query/panelQuery';
import type { ChartData } from '../usage/chartData';
import { ChartView } from './chartView';
import { parseHostMessage } from '../page/hostMessages';
import { DataTable } from './table';
import { readTheme, watchTheme } from './themeReader';
import { Toolbar } from './toolbar';
import { byId } from './dom';
import { plural } from '../shared/locale/plural';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

type StatusKind = 'info' | 'loading' | 'error' | 'empty' | 'ok';

/** "2:05:09 PM" in the user's zone (not the browser's), in the display language as every time the user reads. */
function clock(ms: number, timeZone: string): string {
  return formatInstant(ms, 'timeSeconds', timeZone);
}

function hasAnyValue(data: ChartData): boolean {
  return data.series.some((s) => s.values.some((v) => v !== null && v !== 0));
}

/** "1 day", "7 days", "24 hours", "10 buckets": `unit` a local unit, or 'bucket' for the API's buckets. */
function countOf(n: number, unit: string): string {
  // The count in the language's digits and grouping; the plural is chosen by the number itself.
  const shown = formatExact(n);
  switch (unit) {
    case 'hour':
      return plural(n, l10n.t('{0} hour', shown), l10n.t('{0} hours', shown));
    case 'day':
      return plural(n, l10n.t('{0} day', shown), l10n.t('{0} days', shown));
    case 'week':
      return plural(n, l10n.t('{0} week', shown), l10n.t('{0} weeks', shown));
    case 'month':
      return plural(n, l10n.t('{0} month', shown), l10n.t('{0} months', shown));
    default:
      return plural(n, l10n.t('{0} bucket', shown), l10n.t('{0} buckets', shown));
  }
}

/** What the status line says after a successful query. */
function describeResult(data: ChartData, fetchedAtMs: number): { kind: StatusKind; text: string } {
  const updated = l10n.t('Updated {0}', clock(fetchedAtMs, data.timeZone));
  if (data.series.length === 0 || data.time.length === 0) {
    return {
      kind: 'empty',
      text: l10n.t(
        '{0}: no {1} recorded between {2} and {3}. The API returns no series for a window without activity: try a longer window, another metric, or no breakdown.',
        updated,
        lowerFirst(data.metricLabel),
        dateTimeLabel(data.startUnix, data.timeZone),
        dateTimeLabel(data.endUnix, data.timeZone),
      ),
    };
  }
  if (!hasAnyValue(data)) {
    return { kind: 'empty', text: l10n.t('{0}: every value in this window is zero or missing.', updated) };
  }
  const parts = [
    updated,
    l10n.t('{0} series', data.series.length),
    data.cumulative ? l10n.t('whole window') : countOf(data.time.length, data.buckets.kind === 'local' ? data.buckets.unit : 'bucket'),
  ];
  return { kind: 'ok', text: parts.join(' \u00b7 ') };
}

class Panel {
  private readonly vscode = acquireVsCodeApi();
  private readonly status = byId<HTMLElement>(PANEL_IDS.status);
  private readonly statusText = byId<HTMLElement>(PANEL_IDS.statusText);
  private readonly staleLabel = byId<HTMLElement>(PANEL_IDS.staleLabel);
  private readonly retryButton = byId<HTMLButtonElement>(PANEL_IDS.retryButton);
  private readonly chart = new ChartView(byId(PANEL_IDS.chart), byId(PANEL_IDS.tooltip), () => this.postView());
  private readonly table = new DataTable();
  private readonly toolbar: Toolbar;
  private theme: ChartTheme = readTheme();
  /** The last result shown: it stays, marked stale, when a later query fails. */
  private shown: { data: ChartData; query: PanelQuery; fetchedAtMs: number } | undefined;

  constructor() {
    this.toolbar = new Toolbar({
      onQuery: (query) => this.post({ type: 'query', query }),
      onExportImage: (format) => void this.exportImage(format),
      onExportData: (format) => this.post({ type: 'exportData', format }),
    });
    this.retryButton.addEventListener('click', () => {
      this.retryButton.hidden = true;
      this.post({ type: 'retry' });
    });
    const saved = parsePanelState(this.vscode.getState());
    if (saved) {
      this.toolbar.setQuery(saved.query);
    }
    watchTheme((theme) => {
      const fontSizeChanged = theme.fontSize !== this.theme.fontSize;
      this.theme = theme;
      if (fontSizeChanged) {
        // The layout depends on it: the host compiles the chart anew (and sends it).
        this.postView();
      } else if (this.shown && this.chart.hasChart) {
        void this.chart.retheme(theme).catch((error: unknown) => this.drawFailed(error));
      }
    });
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = parseHostMessage(event.data);
      if (message) {
        this.onMessage(message);
      } else {
        console.warn('ElevenLabs Usage: ignored a malformed message from the extension', event.data);
        if (typeof event.data === 'object' && event.data !== null && (event.data as { type?: unknown }).type === 'show') {
          // Data this page cannot show: leave the loading state, keep the last chart, offer a retry.
          this.toolbar.setBusy(false);
          this.setStale(this.shown !== undefined);
          this.setStatus('error', l10n.t('The panel received data it cannot show. Retry, or choose a shorter window or larger buckets.'), true);
        }
      }
    });
    this.post({ type: 'ready', view: this.view() });
  }

  private view(): PageView {
    return { width: this.chart.width, fontSize: this.theme.fontSize };
  }

  private postView(): void {
    this.post({ type: 'view', view: this.view() });
  }

  private post(message: WebviewMessage): void {
    this.vscode.postMessage(message);
  }

  private onMessage(message: HostMessage): void {
    switch (message.type) {
      case 'loading':
        // Saved at once, so that a reload brings back the query even if it never succeeded.
        this.vscode.setState({ query: message.query });
        this.toolbar.setTimeZone(message.timeZone);
        this.toolbar.setQuery(message.query);
        this.toolbar.setBusy(true);
        this.setStatus('loading', this.shown ? l10n.t('Loading usage… (the chart below is the previous result)') : l10n.t('Loading usage…'));
        // A new query (Show Usage, the status bar, the toolbar) is read from the top: its title, its status and
        // its chart, not from wherever the last table was scrolled to.
        window.scrollTo({ top: 0 });
        break;
      case 'show':
        this.show(message.data, message.query, message.fetchedAtMs, message.drawing);
        break;
      case 'chart':
        // A new layout of the result on screen; one for an older result means nothing now.
        if (this.shown?.fetchedAtMs === message.fetchedAtMs) {
          void this.draw(message.drawing);
        }
        break;
      case 'error':
        this.toolbar.setQuery(message.query);
        this.toolbar.setBusy(false);
        this.setStale(this.shown !== undefined);
        this.setStatus('error', message.message, message.canRetry);
        break;
      case 'exportDone':
        this.setStatus('info', message.message);
        break;
    }
  }

  private show(data: ChartData, query: PanelQuery, fetchedAtMs: number, drawing: ChartDrawing | undefined): void {
    this.toolbar.setQuery(query);
    this.toolbar.setBusy(false);
    this.vscode.setState({ query });
    this.setStale(false);
    const result = describeResult(data, fetchedAtMs);
    if (data.series.length === 0 || data.time.length === 0) {
      this.shown = undefined;
      this.chart.clear();
      this.table.clear();
      this.toolbar.setExportsEnabled(false, false);
      this.setStatus(result.kind, result.text, true);
      return;
    }
    this.shown = { data, query, fetchedAtMs };
    this.table.render(data);
    this.toolbar.setExportsEnabled(false, true);
    this.setStatus(result.kind, result.text);
    void this.draw(drawing ?? { chartError: l10n.t('the extension sent no chart.') });
  }

  private async draw(drawing: ChartDrawing): Promise<void> {
    try {
      if ('chartError' in drawing) {
        throw new Error(drawing.chartError);
      }
      // A chart that a later result (or an empty one) replaced before it was drawn enables nothing.
      if (await this.chart.render(drawing.chart, this.theme)) {
        this.toolbar.setExportsEnabled(true, true);
      }
    } catch (error) {
      this.drawFailed(error);
    }
  }

  private drawFailed(error: unknown): void {
    this.chart.clear();
    this.toolbar.setExportsEnabled(false, true);
    this.setStatus('error', l10n.t('Could not draw the chart (the table below has the data): {0}', error instanceof Error ? error.message : String(error)));
  }

  private async exportImage(format: 'png' | 'svg'): Promise<void> {
    try {
      const data = format === 'png' ? await this.chart.toPng() : await this.chart.toSvg();
      // The host refuses such markup without a word; say why here, where the user clicked.
      const unsafe = format === 'svg' ? unsafeSvgMarkup(data) : undefined;
      if (unsafe) {
        this.setStatus('error', l10n.t('The chart was not exported as SVG: its markup has {0}. Export it as PNG instead.', unsafe));
        return;
      }
      this.post({ type: 'exportImage', format, data });
    } catch (error) {
      this.setStatus('error', l10n.t('Could not export the chart: {0}', error instanceof Error ? error.message : String(error)));
    }
  }

  private setStale(stale: boolean): void {
    this.chart.setStale(stale);
    this.table.setStale(stale);
    this.staleLabel.hidden = !stale;
    if (stale && this.shown) {
      this.staleLabel.textContent = l10n.t('Stale — showing the result from {0}', clock(this.shown.fetchedAtMs, this.shown.data.timeZone));
    }
  }

  private setStatus(kind: StatusKind, text: string, canRetry = false): void {
    this.status.dataset['kind'] = kind;
    this.status.setAttribute('aria-live', kind === 'error' ? 'assertive' : 'polite');
    this.statusText.textContent = text;
    this.retryButton.hidden = !canRetry;
  }
}

/** The language the host handed over in the page (panelHtml.ts); read as untrusted, English when unreadable. */
function readLanguage(): void {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${LANGUAGE_META}"]`);
  let language: unknown;
  try {
    language = JSON.parse(meta?.content ?? 'null');
  } catch {
    language = null;
  }
  useLanguage(isRecord(language) ? { locale: language['locale'], messages: language['messages'] } : { locale: 'en', messages: undefined });
}

function start(): void {
  try {
    readLanguage();
    new Panel();
  } catch (error) {
    const status = document.getElementById(PANEL_IDS.statusText);
    if (status) {
      status.textContent = l10n.t('The chart panel failed to start: {0}', error instanceof Error ? error.message : String(error));
    }
    throw error;
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start, { once: true });
} else {
  start();
}
