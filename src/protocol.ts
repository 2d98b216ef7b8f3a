// The messages between the chart panel (extension host) and its webview, imported by both sides. Every
// message is checked on arrival: the webview is a web page, and a message from it is untrusted input until
// parseWebviewMessage says otherwise.

import { unsafeSvgMarkup } from './chart/svgMarkup';
import type { ChartData } from './usage/chartData';
import { isWindowPreset, type WindowPreset } from './usage/windows';

/** A usage question in the panel's terms. A preset window is recomputed each time the query runs. */
export interface PanelQuery {
  readonly preset?: WindowPreset;
  /** The window (UTC ms). For a preset, the one it resolved to last. */
  readonly startUnix: number;
  readonly endUnix: number;
  readonly aggregationInterval?: string;
  readonly aggregationBucketSize?: number;
  readonly breakdownType: string;
  readonly metric: string;
  readonly includeWorkspaceMetrics: boolean;
}

export type ExportDataFormat = 'csv' | 'json';
export type ExportImageFormat = 'png' | 'svg';

/** Host → webview. */
export type HostMessage =
  /** A query has started; `timeZone` is the user's zone, in which the toolbar resolves presets. */
  | { readonly type: 'loading'; readonly query: PanelQuery; readonly timeZone: string }
  | { readonly type: 'show'; readonly query: PanelQuery; readonly data: ChartData; readonly fetchedAtMs: number }
  /** The query failed. The last good chart, if any, stays on screen marked stale. */
  | { readonly type: 'error'; readonly query: PanelQuery; readonly message: string; readonly canRetry: boolean }
  /** Result of an export the webview asked for, so it can say so. */
  | { readonly type: 'exportDone'; readonly message: string };

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
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
const ENUM_TEXT = /^[a-z0-9_]{1,64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 8.64e15;
}

/** A PanelQuery from untrusted input, or undefined. Enum texts are open but must look like enum values. */
export function parsePanelQuery(value: unknown): PanelQuery | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { preset, startUnix, endUnix, aggregationInterval, aggregationBucketSize, breakdownType, metric, includeWorkspaceMetrics } = value;
  if (preset !== undefined && !isWindowPreset(preset)) {
    return undefined;
  }
  if (!isTimestamp(startUnix) || !isTimestamp(endUnix)) {
    return undefined;
  }
  if (aggregationInterval !== undefined && !(typeof aggregationInterval === 'string' && ENUM_TEXT.test(aggregationInterval))) {
    return undefined;
  }
  if (
    aggregationBucketSize !== undefined &&
    !(typeof aggregationBucketSize === 'number' && Number.isInteger(aggregationBucketSize) && aggregationBucketSize > 0)
  ) {
    return undefined;
  }
  if (typeof breakdownType !== 'string' || !ENUM_TEXT.test(breakdownType) || typeof metric !== 'string' || !ENUM_TEXT.test(metric)) {
    return undefined;
  }
  if (typeof includeWorkspaceMetrics !== 'boolean') {
    return undefined;
  }
  return {
    ...(preset !== undefined ? { preset } : {}),
    startUnix,
    endUnix,
    ...(aggregationInterval !== undefined ? { aggregationInterval } : {}),
    ...(aggregationBucketSize !== undefined ? { aggregationBucketSize } : {}),
    breakdownType,
    metric,
    includeWorkspaceMetrics,
  };
}

/** A WebviewMessage from whatever the webview posted, or undefined for anything malformed or unknown. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isRecord(raw) || typeof raw['type'] !== 'string') {
    return undefined;
  }
  switch (raw['type']) {
    case 'ready':
      return { type: 'ready' };
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
