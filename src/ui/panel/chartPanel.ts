// The usage chart in an editor panel: the panel's life (created, revealed, revived after a window reload through
// the serializer, disposed) and the messages of its web page. The work is done by pure pieces: the query runner
// (replace, cancel, keep the last good result), the chart layout (compiles each chart for the page's width and
// font size), the page channel (what a page that (re)loads is told) and the exports; the queries run under a
// cancellable progress notification.

// Messages keep their typographic characters as written, not as \u escapes: @vscode/l10n-dev misreads those,
// and the extracted key would not match the one looked up.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { checkBaseUrl } from '../../api/baseUrl';
import { ElevenLabsClient } from '../../api/client';
import { ElevenLabsError } from '../../api/errors';
import { createNonce } from '../../shared/nonce';
import { renderPanelHtml } from '../../page/panelHtml';
import { spokenLanguage } from '../../shared/locale/language';
import { parsePageView, parsePanelState, parseWebviewMessage, type HostMessage, type PageView, type WebviewMessage } from '../../page/protocol';
import type { KnownQuota } from '../../status/billingPeriodChart';
import { fetchPanelData } from '../../status/panelData';
import { metricInfo } from '../../usage/catalog';
import { formatExact } from '../../shared/locale/numberFormats';
import type { ChartData } from '../../usage/chartData';
import { fetchComparedAccounts, type ComparedAccount } from '../../usage/comparedAccounts';
import type { PanelQuery } from '../../usage/query/panelQuery';
import type { SuccessorReason } from '../../usage/query/sourceSetting';
import { chartKindOf } from '../../usage/kinds/chartKinds';
import { withFixedFields } from '../../usage/kinds/chartKind';
import { COMPARE_FIXED } from '../../usage/query/compareFixed';
import type { App } from '../app';
import { ChartLayout, DEFAULT_PAGE_VIEW } from './chartLayout';
import { CHART_VIEW_TYPE } from './chartViewType';
import { PageChannel } from './pageChannel';
import { exportData, exportImage, type PanelExportDeps } from './panelExports';
import { PanelQueryRunner } from './panelQueryRunner';
import { vscodeApp } from '../vscodeApp';

export { CHART_VIEW_TYPE } from './chartViewType';

/** Milliseconds on the machine's clock, comparable with the page's (performance.timeOrigin + now there). */
const wallClock = (): number => performance.timeOrigin + performance.now();

export interface ChartPanelDeps {
  readonly extensionUri: vscode.Uri;
  /**
   * The key (or the development demo key) and host of one account (by id; the active one when undefined), read
   * together; undefined when it has no key. Rejects with an ElevenLabsError when the account no longer exists. The
   * host is unchecked: this module checks it, so its errors are of this bundle's classes.
   */
  credentials(accountId: string | undefined): Promise<{ readonly key: string; readonly baseUrl: string } | undefined>;
  /** The user's accounts, for the `account` argument, the picker and the tab's title; undefined with none set up. */
  accounts?(): { readonly list: ReadonlyArray<{ readonly id: string; readonly name: string }>; readonly activeId: string };
  /** The user's zone (IANA name, already checked): windows, the chart and the exports follow it. */
  timeZone(): string;
  /** Whether a query that does not say gets the API's UTC buckets (elevenlabsUsage.chart.buckets). */
  utcBucketsByDefault(): boolean;
  readonly log: vscode.LogOutputChannel;
  /**
   * What the status bar knows of the quota (and its pace), for the billing-period chart: the same figures as its
   * tooltip. Undefined, or without a quota, when it has none yet: the chart then asks for the subscription itself.
   */
  knownQuota?(): KnownQuota | undefined;
  /**
   * Why the credit figures come from the successor, where they do (the user chose it, or character-stats is
   * retired): a chart that leaves its source open (the billing period, Show Usage arguments that name none) gets
   * them from it, and the picker starts from it.
   */
  successor?(): SuccessorReason | undefined;
  /** VS Code's notifications, dialogs and files (a scripted stand-in in tests); default the real ones. */
  readonly app?: App;
  /** Where the last page's width and font size are kept, so that a chart in a new window is laid out for it. */
  readonly memento?: vscode.Memento;
}

/** The globalState key of the last page view (validated when read: it is only a hint). */
const PAGE_VIEW_KEY = 'elevenlabsUsage.chartPageView';

export class ChartPanel implements vscode.Disposable {
  private static current: ChartPanel | undefined;
  /** The last page view any panel reported in this window. */
  private static lastPageView: PageView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly runner: PanelQueryRunner;
  private readonly layout: ChartLayout;
  private readonly page: PageChannel;
  private readonly exports: PanelExportDeps;
  /** Messages from the webview that failed validation, for diagnostics and tests. */
  private ignoredMessages = 0;
  /** The types (and error texts) of the last messages sent to the page, with when (wall clock ms), newest last. */
  private readonly sent: Array<{ type: HostMessage['type']; message?: string; atMs: number }> = [];
  /** When (wall clock ms) the last messages went out to the page, which gets them only once it has said 'ready'. */
  private readonly delivered: Array<{ type: HostMessage['type']; atMs: number }> = [];
  /** The last charts compiled: when they were done (wall clock ms) and how long it took. */
  private readonly compiles: Array<{ atMs: number; ms: number }> = [];
  private disposed = false;
  /** Adds a line to the progress notification of the query under way (a query of several parts). */
  private reportProgress: ((message: string) => void) | undefined;

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
    const app = deps.app ?? vscodeApp;
    ChartPanel.lastPageView ??= parsePageView(deps.memento?.get<unknown>(PAGE_VIEW_KEY));
    this.layout = new ChartLayout(ChartPanel.lastPageView ?? DEFAULT_PAGE_VIEW, (message) => deps.log.warn(message));
    this.runner = new PanelQueryRunner(
      {
        fetchChart: (resolved, nowMs, timeZone, signal) => {
          const fetchOne = (query: PanelQuery, onPartDone?: (done: number, total: number) => void): Promise<ChartData> =>
            this.fetchAccountChart(query, { nowMs, timeZone, signal, ...(onPartDone ? { onPartDone } : {}) });
          if (!resolved.compare) {
            return fetchOne(resolved, (done, total) => this.reportProgress?.(l10n.t('{0} of {1} parts', formatExact(done), formatExact(total))));
          }
          return fetchComparedAccounts(resolved, this.comparedAccounts(resolved.compare), (query) => fetchOne(query), signal, (done, total) =>
            this.reportProgress?.(l10n.t('{0} of {1} accounts', formatExact(done), formatExact(total))),
          );
        },
        drawChart: async (data, shownQuery) => {
          const started = performance.now();
          const drawing = await this.layout.draw(data, shownQuery);
          this.compiles.push({ atMs: wallClock(), ms: performance.now() - started });
          this.compiles.splice(0, this.compiles.length - 20);
          return drawing;
        },
        layoutKey: (data, shownQuery) => this.layout.layoutKey(data, shownQuery),
        timeZone: () => deps.timeZone(),
        utcBucketsByDefault: () => deps.utcBucketsByDefault(),
        now: () => Date.now(),
        post: (message) => this.post(message),
        warn: (message) => deps.log.warn(message),
      },
      query,
    );
    this.page = new PageChannel(
      (message) => {
        this.delivered.push({ type: message.type, atMs: wallClock() });
        this.delivered.splice(0, this.delivered.length - 20);
        void panel.webview.postMessage(message);
      },
      () => this.runner.shown,
    );
    this.exports = { app, shown: () => this.runner.shown, saved: (message) => this.post({ type: 'exportDone', message }) };
    const { webview } = panel;
    const media = vscode.Uri.joinPath(deps.extensionUri, 'media');
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'chart.css')).toString(),
      title: 'ElevenLabs Usage',
      language: spokenLanguage(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        // A panel that was hidden lost its DOM (retainContextWhenHidden is off): it posts "ready" again.
        if (!panel.visible) {
          this.page.pageGone();
        }
      }),
    );
  }

  /** For tests and diagnostics: what the panel holds now and the last messages it sent to the page. */
  get state(): {
    readonly query: PanelQuery;
    readonly data: ChartData | undefined;
    readonly ignoredMessages: number;
    readonly sent: ReadonlyArray<{ readonly type: HostMessage['type']; readonly message?: string; readonly atMs: number }>;
    readonly delivered: ReadonlyArray<{ readonly type: HostMessage['type']; readonly atMs: number }>;
    readonly compiles: ReadonlyArray<{ readonly atMs: number; readonly ms: number }>;
  } {
    return {
      query: this.runner.query,
      data: this.runner.shown?.data,
      ignoredMessages: this.ignoredMessages,
      sent: [...this.sent],
      delivered: [...this.delivered],
      compiles: [...this.compiles],
    };
  }

  /** Runs a query (replacing one under way); the last good chart stays if it fails. */
  async run(query: PanelQuery, options: { progress?: boolean } = {}): Promise<void> {
    this.panel.title = this.withAccounts(chartKindOf(query).title(query, metricInfo(query.metric).label), query);
    const run = this.runner.start(query);
    if (options.progress === false) {
      return run.done;
    }
    await (this.deps.app ?? vscodeApp).withProgress(l10n.t('Fetching ElevenLabs usage…'), (cancelled, report) => {
      cancelled.addEventListener('abort', () => run.cancel(), { once: true });
      this.reportProgress = report;
      return run.done;
    });
  }

  /** One account's chart (the query's account; the active one where it names none), with its own key and host. */
  private async fetchAccountChart(
    query: PanelQuery,
    run: { readonly nowMs: number; readonly timeZone: string; readonly signal: AbortSignal; readonly onPartDone?: (done: number, total: number) => void },
  ): Promise<ChartData> {
    const credentials = await this.deps.credentials(query.account);
    if (!credentials) {
      throw new ElevenLabsError('needsAuthorization', l10n.t('No ElevenLabs API key is stored. Run "ElevenLabs: Set API Key", then Retry.'));
    }
    const client = new ElevenLabsClient({ baseUrl: checkBaseUrl(credentials.baseUrl), apiKey: credentials.key });
    return fetchPanelData(query, {
      client,
      // The status bar's quota is the active account's: another account's chart asks for its own.
      known: this.isActiveAccount(query) ? this.deps.knownQuota?.() : undefined,
      ...run,
      locale: vscode.env.language,
      successorPreferred: this.deps.successor?.() !== undefined,
    });
  }

  /** The compared accounts by id, named as the user named them (an id no longer listed keeps its id: it fails). */
  private comparedAccounts(ids: readonly string[]): ComparedAccount[] {
    const list = this.deps.accounts?.().list ?? [];
    return ids.map((id) => ({ id, name: list.find((a) => a.id === id)?.name ?? l10n.t('a removed account ({0})', id) }));
  }

  /** The tab's title with " (Client B)" where the user has several accounts: whose figures the tab shows. */
  private withAccounts(title: string, query: PanelQuery): string {
    const accounts = this.deps.accounts?.();
    if (!accounts || accounts.list.length < 2) {
      return title;
    }
    if (query.compare) {
      const names = this.comparedAccounts(query.compare).map((a) => a.name);
      return names.length === 2 ? l10n.t('{0} ({1} vs {2})', title, names[0]!, names[1]!) : l10n.t('{0} ({1} accounts)', title, formatExact(names.length));
    }
    const name = accounts.list.find((a) => a.id === (query.account ?? accounts.activeId))?.name;
    return name === undefined ? title : `${title} (${name})`;
  }

  private isActiveAccount(query: PanelQuery): boolean {
    const activeId = this.deps.accounts?.().activeId;
    return query.account === undefined || activeId === undefined || query.account === activeId;
  }

  /** The page's query with this panel's accounts: the page cannot choose whose key a query uses. */
  private withOwnAccount(query: PanelQuery): PanelQuery {
    const { account: _fromPage, compare: _comparedByPage, ...rest } = query;
    const { account, compare } = this.runner.query;
    if (compare !== undefined) {
      // Compared accounts are the series: what the page says of a breakdown or grouping does not apply.
      const { groupBy: _groupBy, ...ungrouped } = rest;
      return withFixedFields({ ...ungrouped, compare }, COMPARE_FIXED);
    }
    return { ...rest, ...(account !== undefined ? { account } : {}) };
  }

  private post(message: HostMessage): void {
    this.sent.push(message.type === 'error' ? { type: message.type, message: message.message, atMs: wallClock() } : { type: message.type, atMs: wallClock() });
    if (this.sent.length > 20) {
      this.sent.shift();
    }
    this.page.post(message);
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
        // The page waits for its chart laid out for its width, rather than get one for another and then this; but
        // it is ready whatever happens to that layout (else it would say "Loading usage…" for good).
        try {
          if (message.view) {
            await this.setPageView(message.view);
          }
        } finally {
          this.page.pageReady();
        }
        return;
      case 'view':
        return this.setPageView(message.view);
      case 'query':
        return this.run(this.withOwnAccount(message.query));
      case 'retry':
        return this.run(this.runner.query);
      case 'exportData':
        return exportData(this.exports, message.format);
      case 'exportImage':
        return exportImage(this.exports, message.format, message.data);
    }
  }

  /** The page's chart width or font size changed: later charts get laid out for it, and the one on screen too. */
  private async setPageView(view: PageView): Promise<void> {
    this.layout.setView(view);
    if (view.width > 0) {
      ChartPanel.lastPageView = view;
      void this.deps.memento?.update(PAGE_VIEW_KEY, view);
    }
    await this.runner.relayout();
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    if (ChartPanel.current === this) {
      ChartPanel.current = undefined;
    }
    this.runner.dispose();
    this.panel.dispose();
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
    this.disposables.length = 0;
  }
}
