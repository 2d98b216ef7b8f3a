// The way to the chart panel's web page (pure: no vscode import). A page that is loading, hidden or reloaded
// cannot receive messages; it says 'ready' once per load and is then told everything it shows: the last good
// result (with its chart as it is laid out now), the newest state (a query under way, or the error that made the
// result stale) and the export results it missed. While it is up, messages go straight through.

import type { HostMessage } from '../../page/protocol';
import { pageDrawing, type ShownResult } from './panelQueryRunner';

export class PageChannel {
  private ready = false;
  /** The newest loading, show or error message. */
  private latestState: HostMessage | undefined;
  /** Export results for a page that is not up. */
  private pendingNotices: HostMessage[] = [];

  constructor(
    private readonly deliver: (message: HostMessage) => void,
    private readonly shown: () => ShownResult | undefined,
  ) {}

  post(message: HostMessage): void {
    if (message.type === 'chart') {
      // A new layout of the shown result: a page that is not up gets it with the result when it is.
      if (this.ready) {
        this.deliver(message);
      }
      return;
    }
    if (message.type === 'exportDone') {
      if (this.ready) {
        this.deliver(message);
      } else {
        this.pendingNotices.push(message);
      }
      return;
    }
    this.latestState = message;
    if (this.ready) {
      this.deliver(message);
    }
  }

  /**
   * The page has (re)loaded and is empty, whatever was sent before (after "Developer: Reload Webviews" or a
   * crash the panel is not told it went away): it gets the whole state.
   */
  pageReady(): void {
    this.ready = true;
    const shown = this.shown();
    const messages: HostMessage[] = [];
    const showShown: HostMessage | undefined = shown && {
      type: 'show',
      query: shown.query,
      data: shown.data,
      fetchedAtMs: shown.fetchedAtMs,
      ...(shown.drawing ? { drawing: pageDrawing(shown.drawing) } : {}),
    };
    if (showShown && this.latestState?.type !== 'show') {
      messages.push(showShown);
    }
    if (this.latestState) {
      // The shown result's chart may have been laid out anew since its 'show' went out.
      messages.push(showShown && this.latestState.type === 'show' && this.latestState.fetchedAtMs === showShown.fetchedAtMs ? showShown : this.latestState);
    }
    messages.push(...this.pendingNotices);
    this.pendingNotices = [];
    messages.forEach(this.deliver);
  }

  /** The page lost its document (hidden without retained context): it says 'ready' again when shown. */
  pageGone(): void {
    this.ready = false;
  }
}
