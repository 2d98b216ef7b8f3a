// The usage chart in an editor panel: runs a query (with a cancellable progress notification), sends the
// shaped data to the webview, keeps the last good chart when a query fails, exports through a save dialog
// (workspace.fs, so it works remotely), and comes back after a window reload through the serializer.

import * as vscode from 'vscode';
import { withoutLinks } from '../api/serviceText';
import { checkBaseUrl } from '../api/baseUrl';
import { ElevenLabsClient } from '../api/client';
import { describeFailure, ElevenLabsError, isElevenLabsError } from '../api/errors';
import { createNonce } from '../chart/nonce';
import { renderPanelHtml } from '../chart/panelHtml';
import { parsePanelState, parseWebviewMessage, type HostMessage, type WebviewMessage } from '../protocol';
import type { PanelQuery } from '../usage/panelQuery';
import { metricInfo } from '../usage/catalog';
import { approximateBucketCount, MAX_GRID_LENGTH } from '../usage/buckets';
import { shapeUsage, type ChartData } from '../usage/chartData';
import { toCsv, toJson } from '../usage/exportFormats';
import { toUsageQuery, withResolvedWindow } from '../usage/panelQuery';
import { ZonedCalendar } from '../usage/timeZone';

export { CHART_VIEW_TYPE } from './chartViewType';
import { CHART_VIEW_TYPE } from './chartViewType';

export interface ChartPanelDeps {
  readonly extensionUri: vscode.Uri;
  /** The stored key (or the development demo key), or undefined when none is stored. */
  getKey(): Promise<string | undefined>;
  /** The configured base URL, unchecked: this module checks it, so its errors are of this bundle's classes. */
  baseUrl(): string;
  /** The user's zone (IANA name, already checked): windows, the chart and the exports follow it. */
  timeZone(): string;
  readonly log: vscode.LogOutputChannel;
}

interface ShownResult {
  readonly query: PanelQuery;
  readonly data: ChartData;
  readonly fetchedAtMs: number;
}

export class ChartPanel implements vscode.Disposable {
  private static current: ChartPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private shown: ShownResult | undefined;
  private query: PanelQuery;
  private inFlight: AbortController | undefined;
  private ready = false;
  /** The newest loading, show or error message: what a page that (re)loads must be told. */
  private latestState: HostMessage | undefined;
  /** Export results for a page that is not up yet. */
  private pendingNotices: HostMessage[] = [];
  /** Messages from the webview that failed validation, for diagnostics and tests. */
  private ignoredMessages = 0;
  /** The types (and error texts) of the last messages sent to the page, newest last. */
  private readonly sent: Array<{ type: HostMessage['type']; message?: string }> = [];
  private disposed = false;

  /** Shows the query in the panel, creating it or bringing the existing one forward. */
  static async show(deps: ChartPanelDeps, query: PanelQuery): Promise<ChartPanel> {
    let panel = ChartPanel.current;
    if (panel) {
      panel.panel.reveal(undefined, false);
    } else {
      const webviewPanel = vscode.window.createWebviewPanel(CHART_VIEW_TYPE, 'ElevenLabs Usage', vscode.ViewColumn.Active, ChartPanel.webviewOptions(deps.extensionUri));
      panel = new ChartPanel(webviewPanel, deps, query);
    }
    await panel.run(query);
    return panel;
  }

  /** Brings back a panel after a reload from its persisted state (validated: it comes from the webview). */
  static async revive(webviewPanel: vscode.WebviewPanel, deps: ChartPanelDeps, state: unknown): Promise<void> {
    const parsed = parsePanelState(state);
    if (!parsed) {
      deps.log.warn('A usage panel came back without a readable query; closing it.');
      webviewPanel.dispose();
      return;
    }
    webviewPanel.webview.options = { ...ChartPanel.webviewOptions(deps.extensionUri) };
    const panel = new ChartPanel(webviewPanel, deps, parsed.query);
    await panel.run(parsed.query, { progress: false });
  }

  static get active(): ChartPanel | undefined {
    return ChartPanel.current;
  }

  private static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      // The chart is cheap to redraw from the data the host keeps; no need to hold the DOM in the background.
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
      enableCommandUris: false,
    };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: ChartPanelDeps,
    query: PanelQuery,
  ) {
    ChartPanel.current = this;
    this.query = query;
    const { webview } = panel;
    const media = vscode.Uri.joinPath(deps.extensionUri, 'media');
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'chart.css')).toString(),
      title: 'ElevenLabs Usage',
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        // A panel that was hidden lost its DOM (retainContextWhenHidden is off): it posts "ready" again.
        if (!panel.visible) {
          this.ready = false;
        }
      }),
    );
  }

  /** For tests and diagnostics: what the panel holds now and the last messages it sent to the page. */
  get state(): {
    readonly query: PanelQuery;
    readonly data: ChartData | undefined;
    readonly ignoredMessages: number;
    readonly sent: ReadonlyArray<{ readonly type: HostMessage['type']; readonly message?: string }>;
  } {
    return { query: this.query, data: this.shown?.data, ignoredMessages: this.ignoredMessages, sent: [...this.sent] };
  }

  /** Runs a query; the last good chart stays if it fails. */
  async run(query: PanelQuery, options: { progress?: boolean } = {}): Promise<void> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const now = Date.now();
    const timeZone = this.deps.timeZone();
    const calendar = ZonedCalendar.for(timeZone);
    this.query = withResolvedWindow(query, now, calendar);
    this.panel.title = `ElevenLabs: ${metricInfo(query.metric).label}`;
    this.post({ type: 'loading', query: this.query, timeZone });
    const fetch = async (): Promise<void> => {
      try {
        const key = await this.deps.getKey();
        if (!key) {
          throw new ElevenLabsError('needsAuthorization', 'No ElevenLabs API key is stored. Run "ElevenLabs: Set API Key", then Retry.');
        }
        const client = new ElevenLabsClient({ baseUrl: checkBaseUrl(this.deps.baseUrl()), apiKey: key });
        const usageQuery = toUsageQuery(this.query, now, calendar);
        const buckets = approximateBucketCount(usageQuery);
        if (buckets > MAX_GRID_LENGTH) {
          throw new ElevenLabsError(
            'invalidQuery',
            `This query makes about ${buckets.toLocaleString('en-US')} buckets; a chart shows at most ${MAX_GRID_LENGTH.toLocaleString('en-US')}. Choose larger buckets or a shorter window.`,
          );
        }
        const usage = await client.getCharacterStats(usageQuery, { signal: controller.signal });
        if (controller.signal.aborted) {
          return;
        }
        const data = shapeUsage(usage, usageQuery, timeZone);
        this.shown = { query: this.query, data, fetchedAtMs: Date.now() };
        this.post({ type: 'show', query: this.query, data, fetchedAtMs: this.shown.fetchedAtMs });
      } catch (error) {
        if (this.inFlight !== controller) {
          // Replaced by a newer query, which has the panel now: this one's failure means nothing.
          return;
        }
        if (isElevenLabsError(error) && error.kind === 'cancelled') {
          this.post({ type: 'error', query: this.query, message: 'The query was cancelled.', canRetry: true });
          return;
        }
        const message = describeFailure(error, 'The query failed unexpectedly.');
        this.deps.log.warn(`Usage query failed: ${message}`);
        this.post({ type: 'error', query: this.query, message, canRetry: !(isElevenLabsError(error) && error.kind === 'invalidQuery') });
      } finally {
        if (this.inFlight === controller) {
          this.inFlight = undefined;
        }
      }
    };
    if (options.progress === false) {
      await fetch();
      return;
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Fetching ElevenLabs usage\u2026', cancellable: true },
      async (_progress, token) => {
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          await fetch();
        } finally {
          subscription.dispose();
        }
      },
    );
  }

  private post(message: HostMessage): void {
    this.sent.push(message.type === 'error' ? { type: message.type, message: message.message } : { type: message.type });
    if (this.sent.length > 20) {
      this.sent.shift();
    }
    if (message.type === 'exportDone') {
      if (this.ready) {
        void this.panel.webview.postMessage(message);
      } else {
        this.pendingNotices.push(message);
      }
      return;
    }
    // Only the newest state matters to a page that is still loading: it gets it when it says it is ready.
    this.latestState = message;
    if (this.ready) {
      void this.panel.webview.postMessage(message);
    }
  }

  /**
   * Tells a page that has just (re)loaded everything it shows: the last good chart, then the newest state (a
   * query under way, or the error that made the chart stale), then export results it missed.
   */
  private replay(): void {
    const shown = this.shown;
    const messages: HostMessage[] = [];
    if (shown && this.latestState?.type !== 'show') {
      messages.push({ type: 'show', query: shown.query, data: shown.data, fetchedAtMs: shown.fetchedAtMs });
    }
    if (this.latestState) {
      messages.push(this.latestState);
    }
    messages.push(...this.pendingNotices);
    this.pendingNotices = [];
    for (const message of messages) {
      void this.panel.webview.postMessage(message);
    }
  }

  private onMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.ignoredMessages++;
      if (this.ignoredMessages <= 3) {
        this.deps.log.debug('Ignored a malformed message from the usage panel.');
      }
      return;
    }
    void this.handle(message);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // Once per page load: after a reload of the webview ("Developer: Reload Webviews", a crash) the page is
        // empty again, whatever this panel thought, so every ready gets the whole state.
        this.ready = true;
        this.replay();
        return;
      case 'query':
        return this.run(message.query);
      case 'retry':
        return this.run(this.query);
      case 'exportData':
        return this.exportData(message.format);
      case 'exportImage':
        return this.exportImage(message.format, message.data);
    }
  }

  /** Named after what the file holds: the result on screen, not a later query that failed or is running. */
  private defaultFileName(extension: string): string {
    const { metric, startUnix, endUnix, timeZone } = this.shown?.data ?? { ...this.query, timeZone: this.deps.timeZone() };
    const calendar = ZonedCalendar.for(timeZone);
    return `elevenlabs-usage-${metric}-${calendar.formatDate(startUnix)}-to-${calendar.formatDate(endUnix)}.${extension}`;
  }

  private async save(extension: string, filterName: string, bytes: Uint8Array): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: `Export usage as ${extension.toUpperCase()}`,
      saveLabel: 'Export',
      filters: { [filterName]: [extension] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, this.defaultFileName(extension)) } : {}),
    });
    if (!target) {
      return;
    }
    try {
      await vscode.workspace.fs.writeFile(target, bytes);
      this.post({ type: 'exportDone', message: `Saved ${vscode.workspace.asRelativePath(target)}.` });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(withoutLinks(`Could not save the export: ${reason}`));
    }
  }

  private async exportData(format: 'csv' | 'json'): Promise<void> {
    const shown = this.shown;
    if (!shown) {
      void vscode.window.showInformationMessage('There is no data to export yet: run a query first.');
      return;
    }
    const text = format === 'csv' ? toCsv(shown.data) : toJson(shown.data, shown.query, shown.fetchedAtMs);
    await this.save(format, format === 'csv' ? 'CSV' : 'JSON', new TextEncoder().encode(text));
  }

  private async exportImage(format: 'png' | 'svg', data: string): Promise<void> {
    const bytes = format === 'png' ? Buffer.from(data.slice(data.indexOf(',') + 1), 'base64') : new TextEncoder().encode(data);
    await this.save(format, format === 'png' ? 'PNG image' : 'SVG image', bytes);
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    if (ChartPanel.current === this) {
      ChartPanel.current = undefined;
    }
    this.inFlight?.abort();
    this.panel.dispose();
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
    this.disposables.length = 0;
  }
}
