// The messages between the chart panel (extension host) and its webview, imported by both sides. Every
// message is checked on arrival: the webview is a web page, and a message from it is untrusted input until
// parseWebviewMessage says otherwise.

import type { CompiledChart } from '../chart/drawn/compiledChart';
import { unsafeSvgMarkup } from './svgMarkup';
import type { ChartData } from '../usage/chartData';
import { parsePanelQuery } from '../usage/kinds/chartKinds';
import type { PanelQuery } from '../usage/query/panelQuery';
import { isRecord } from '../shared/isRecord';

export type ExportDataFormat = 'csv' | 'json';
export type ExportImageFormat = 'png' | 'svg';

/**
 * The chart of a result, compiled on the host for the page's width and font size (chart/compile/compile.ts), or why it
 * could not be (the page then shows the table alone, and says so).
 */
export type ChartDrawing = { readonly chart: CompiledChart } | { readonly chartError: string };

/** Host → webview. */
export type HostMessage =
  /** A query has started; `timeZone` is the user's zone, in which the toolbar resolves presets. */
  | { readonly type: 'loading'; readonly query: PanelQuery; readonly timeZone: string }
  /** A result: the data for the table and the status line, and its chart (none when the data is empty). */
  | { readonly type: 'show'; readonly query: PanelQuery; readonly data: ChartData; readonly fetchedAtMs: number; readonly drawing?: ChartDrawing }
  /** The chart of the result on screen (the one fetched at `fetchedAtMs`) laid out anew for the page's width. */
  | { readonly type: 'chart'; readonly fetchedAtMs: number; readonly drawing: ChartDrawing }
  /** The query failed. The last good chart, if any, stays on screen marked stale. */
  | { readonly type: 'error'; readonly query: PanelQuery; readonly message: string; readonly canRetry: boolean }
  /** Result of an export the webview asked for, so it can say so. */
  | { readonly type: 'exportDone'; readonly message: string };

/** What the host lays a chart out for: the chart's width and the theme's font size, in pixels. */
export interface PageView {
  readonly width: number;
  readonly fontSize: number;
}

/** Webview → host. */
export type WebviewMessage =
  /** The page has (re)loaded; it says how wide its chart is. */
  | { readonly type: 'ready'; readonly view?: PageView }
  /** The chart's width or the theme's font size changed. */
  | { readonly type: 'view'; readonly view: PageView }
  | { readonly type: 'query'; readonly query: PanelQuery }
  | { readonly type: 'retry' }
  | { readonly type: 'exportData'; readonly format: ExportDataFormat }
  /** PNG as a data: URL (base64), SVG as markup. */
  | { readonly type: 'exportImage'; readonly format: ExportImageFormat; readonly data: string };

/** The webview's persisted state (vscode.setState), read back by the panel serializer after a reload. */
export interface PanelState {
  readonly query: PanelQuery;
}

/** Images larger than this are refused (a 100k-point chart as PNG is far below it). */
export const MAX_IMAGE_EXPORT_CHARS = 40 * 1024 * 1024;


/** A PageView from untrusted input: a width in whole pixels up to 20,000 and a font size from 6 to 48. */
export function parsePageView(raw: unknown): PageView | undefined {
  if (!isRecord(raw)) {
    return undefined;
  }
  const { width, fontSize } = raw;
  const isWidth = typeof width === 'number' && Number.isInteger(width) && width >= 0 && width <= 20_000;
  const isFontSize = typeof fontSize === 'number' && Number.isFinite(fontSize) && fontSize >= 6 && fontSize <= 48;
  return isWidth && isFontSize ? { width, fontSize } : undefined;
}

/** A WebviewMessage from whatever the webview posted, or undefined for anything malformed or unknown. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isRecord(raw) || typeof raw['type'] !== 'string') {
    return undefined;
  }
  switch (raw['type']) {
    case 'ready': {
      // A view that is not valid is dropped, not the message: a page that never counts as ready would stay
      // "Loading usage…" for good. The chart is then laid out for the last page's view.
      const view = raw['view'] === undefined ? undefined : parsePageView(raw['view']);
      return view ? { type: 'ready', view } : { type: 'ready' };
    }
    case 'view': {
      const view = parsePageView(raw['view']);
      return view ? { type: 'view', view } : undefined;
    }
    case 'retry':
      return { type: 'retry' };
    case 'query': {
      const query = parsePanelQuery(raw['query']);
      return query ? { type: 'query', query } : undefined;
    }
    case 'exportData': {
      const format = raw['format'];
      return format === 'csv' || format === 'json' ? { type: 'exportData', format } : undefined;
    }
    case 'exportImage': {
      const { format, data } = raw;
      if (typeof data !== 'string' || data.length > MAX_IMAGE_EXPORT_CHARS) {
        return undefined;
      }
      // "iVBORw0KGgo" is the PNG signature in base64: the bytes must be a PNG, not just the URL's label.
      if (format === 'png' && /^data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/]*=*$/.test(data)) {
        return { type: 'exportImage', format, data };
      }
      // A chart's SVG has no scripts, event handlers, links out or foreign HTML: a page that sends any is not our
      // chart, and the file would run them wherever it is opened. (Our webview checks the same before it sends,
      // and tells the user.) The markup is read, not the text: any series name is fine.
      if (format === 'svg' && unsafeSvgMarkup(data) === undefined) {
        return { type: 'exportImage', format, data };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The panel state from untrusted storage (the serializer's argument), or undefined. */
export function parsePanelState(raw: unknown): PanelState | undefined {
  const query = isRecord(raw) ? parsePanelQuery(raw['query']) : undefined;
  return query ? { query } : undefined;
}
