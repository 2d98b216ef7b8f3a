// The chart webview's HTML document. Pure: the host passes the CSP source, a fresh nonce and the resource URIs.
//
// The policy allows nothing by default; images (the PNG export preview, vega's canvas) from the webview's own
// resources or data: URLs; styles only from the extension's stylesheet (no inline <style>, no style=""
// attributes: vega-embed runs with defaultStyle false and the tooltip is our own, styled by chart.css); one
// script, by nonce; and no network at all (connect-src 'none'), so Vega cannot load anything. Vega's
// expressions run through vega-interpreter, so the policy grants no eval of any kind.
//
// The element ids below are the webview code's contract with this document (see PANEL_IDS).

import type { Language } from '../shared/locale/language';
import * as l10n from '@vscode/l10n';
import { AGGREGATION_INTERVALS, BREAKDOWN_TYPES, METRICS } from '../api/types';
import { BREAKDOWN_INFO, INTERVAL_LABELS, METRIC_INFO } from '../usage/catalog';
import { CHART_PRESETS, chartPresetLabel } from '../usage/kinds/chartKinds';

export interface PanelHtmlInput {
  /** webview.cspSource */
  readonly cspSource: string;
  /** A fresh nonce per document (createNonce()). */
  readonly nonce: string;
  /** webview.asWebviewUri(media/dist/webview.js) */
  readonly scriptUri: string;
  /** webview.asWebviewUri(media/chart.css) */
  readonly styleUri: string;
  readonly title: string;
  /** The display language and its messages, handed to the page's script (shared/locale/language.ts). */
  readonly language: Language;
}

/** The meta element that carries the page's language: data, never a script, so the CSP is not involved. */
export const LANGUAGE_META = 'elevenlabs-usage-language';

/** The ids of the document's elements that the webview script uses. */
export const PANEL_IDS = {
  toolbar: 'toolbar',
  preset: 'preset',
  interval: 'interval',
  breakdown: 'breakdown',
  metric: 'metric',
  workspaceMetrics: 'workspaceMetrics',
  workspaceMetricsHint: 'workspaceMetricsHint',
  utcBuckets: 'utcBuckets',
  queryButton: 'queryButton',
  exportPng: 'exportPng',
  exportSvg: 'exportSvg',
  exportCsv: 'exportCsv',
  exportJson: 'exportJson',
  status: 'status',
  statusText: 'statusText',
  staleLabel: 'staleLabel',
  retryButton: 'retryButton',
  chart: 'chart',
  tooltip: 'chartTooltip',
  tableSection: 'tableSection',
  table: 'dataTable',
  tableCaption: 'dataTableCaption',
  tableHead: 'dataTableHead',
  tableBody: 'dataTableBody',
  tableFoot: 'dataTableFoot',
} as const;

/** The value of the preset select when the window is a custom one (kept as it is). */
export const CUSTOM_WINDOW_VALUE = 'custom';
/** The value of the interval select when the query sets a bucket size in seconds instead. */
export const CUSTOM_BUCKET_VALUE = 'bucket';

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `connect-src 'none'`,
    // default-src does not cover these two: without them an injected <base> could redirect relative URLs and a
    // <form> could post the page's contents anywhere.
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for element content and double-quoted attributes (every attribute here is double-quoted). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

function options(values: readonly string[], label: (value: string) => string, title?: (value: string) => string): string {
  return values
    .map((value) => {
      const tip = title ? ` title="${escapeHtml(title(value))}"` : '';
      return `<option value="${escapeHtml(value)}"${tip}>${escapeHtml(label(value))}</option>`;
    })
    .join('');
}

export function renderPanelHtml(input: PanelHtmlInput): string {
  const { cspSource, nonce, scriptUri, styleUri, title, language } = input;
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) {
    throw new Error('renderPanelHtml: the nonce must be at least 16 base64 characters');
  }
  const id = PANEL_IDS;
  const csp = contentSecurityPolicy(cspSource, nonce);
  const presetOptions =
    options(CHART_PRESETS, chartPresetLabel) +
    `<option value="${CUSTOM_WINDOW_VALUE}" hidden>${escapeHtml(l10n.t('Custom window'))}</option>`;
  const intervalOptions =
    options(AGGREGATION_INTERVALS, (i) => INTERVAL_LABELS[i] ?? i) + `<option value="${CUSTOM_BUCKET_VALUE}" hidden>${escapeHtml(l10n.t('Custom bucket size'))}</option>`;
  const breakdownOptions = options(
    BREAKDOWN_TYPES,
    (b) => BREAKDOWN_INFO[b]?.label ?? b,
    (b) => BREAKDOWN_INFO[b]?.description ?? '',
  );
  const metricOptions = options(
    METRICS,
    (m) => METRIC_INFO[m]?.label ?? m,
    (m) => METRIC_INFO[m]?.description ?? '',
  );

  // The page's own words are escaped as any text is: a translation may hold a quote or an ampersand.
  return `<!DOCTYPE html>
<html lang="${escapeHtml(language.locale)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="${LANGUAGE_META}" content="${escapeHtml(JSON.stringify(language))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main class="panel">
<h1 class="visually-hidden">${escapeHtml(title)}</h1>
<form id="${id.toolbar}" class="toolbar" aria-label="${escapeHtml(l10n.t('Usage query'))}">
  <div class="field"><label for="${id.preset}">${escapeHtml(l10n.t('Window'))}</label><select id="${id.preset}" name="preset">${presetOptions}</select></div>
  <div class="field"><label for="${id.interval}">${escapeHtml(l10n.t('Interval'))}</label><select id="${id.interval}" name="interval">${intervalOptions}</select></div>
  <div class="field"><label for="${id.breakdown}">${escapeHtml(l10n.t('Breakdown'))}</label><select id="${id.breakdown}" name="breakdown">${breakdownOptions}</select></div>
  <div class="field"><label for="${id.metric}">${escapeHtml(l10n.t('Metric'))}</label><select id="${id.metric}" name="metric">${metricOptions}</select></div>
  <div class="field field-check" title="${escapeHtml(l10n.t('Every member\'s usage; unticked, only your own (this API key\'s user), as Show Usage asks it'))}">
    <input type="checkbox" id="${id.workspaceMetrics}" name="workspaceMetrics" aria-describedby="${id.workspaceMetricsHint}">
    <label for="${id.workspaceMetrics}">${escapeHtml(l10n.t('Whole workspace'))}</label>
    <span id="${id.workspaceMetricsHint}" class="hint" hidden>${escapeHtml(l10n.t('required by this breakdown'))}</span>
  </div>
  <div class="field field-check" title="${escapeHtml(l10n.t('Counts by hour, day, week or month come in your own time zone\'s calendar; tick for the API\'s own UTC buckets instead'))}">
    <input type="checkbox" id="${id.utcBuckets}" name="utcBuckets">
    <label for="${id.utcBuckets}">${escapeHtml(l10n.t('UTC buckets'))}</label>
  </div>
  <div class="actions">
    <button type="submit" id="${id.queryButton}" class="primary">${escapeHtml(l10n.t('Query'))}</button>
  </div>
  <div class="actions exports" role="group" aria-label="${escapeHtml(l10n.t('Export'))}">
    <span class="group-label">${escapeHtml(l10n.t('Export'))}</span>
    <button type="button" id="${id.exportPng}" class="secondary" data-export="png" disabled title="${escapeHtml(l10n.t('Save the chart as a PNG image'))}">PNG</button>
    <button type="button" id="${id.exportSvg}" class="secondary" data-export="svg" disabled title="${escapeHtml(l10n.t('Save the chart as an SVG image'))}">SVG</button>
    <button type="button" id="${id.exportCsv}" class="secondary" data-export="csv" disabled title="${escapeHtml(l10n.t('Save the data as CSV'))}">CSV</button>
    <button type="button" id="${id.exportJson}" class="secondary" data-export="json" disabled title="${escapeHtml(l10n.t('Save the data as JSON'))}">JSON</button>
  </div>
</form>
<div id="${id.status}" class="status" role="status" aria-live="polite">
  <span id="${id.staleLabel}" class="stale-label" hidden>${escapeHtml(l10n.t('Stale'))}</span>
  <span id="${id.statusText}" class="status-text">${escapeHtml(l10n.t('Loading usage…'))}</span>
  <button type="button" id="${id.retryButton}" class="secondary retry" hidden>${escapeHtml(l10n.t('Retry'))}</button>
</div>
<section class="chart-section" aria-label="${escapeHtml(l10n.t('Chart'))}">
  <div id="${id.chart}" class="vega-embed-host" role="img" aria-label="${escapeHtml(l10n.t('Usage chart'))}"></div>
  <div id="${id.tooltip}" class="chart-tooltip" role="tooltip" hidden></div>
</section>
<section id="${id.tableSection}" class="table-section" aria-labelledby="${id.tableCaption}" hidden>
  <div class="table-scroll">
    <table id="${id.table}" class="data-table">
      <caption id="${id.tableCaption}">${escapeHtml(l10n.t('Usage data'))}</caption>
      <thead id="${id.tableHead}"></thead>
      <tbody id="${id.tableBody}"></tbody>
      <tfoot id="${id.tableFoot}"></tfoot>
    </table>
  </div>
</section>
</main>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}
