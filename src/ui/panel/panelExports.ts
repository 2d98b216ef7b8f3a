// The chart panel's exports (pure: talks to VS Code through the App interface): the data as CSV or JSON and the
// chart as PNG or SVG (drawn by the webview), written where the user picks, under a name that says what the
// file holds: the result on screen, not a later query that failed or is still running.

import * as l10n from '@vscode/l10n';
import { withoutLinks } from '../../api/serviceText';
import type { ExportDataFormat, ExportImageFormat } from '../../page/protocol';
import { toCsv, toJson } from '../../usage/exportFormats';
import { ZonedCalendar } from '../../usage/calendar/timeZone';
import type { App } from '../app';
import type { ShownResult } from './panelQueryRunner';

export interface PanelExportDeps {
  readonly app: App;
  /** The result on screen, if any. */
  shown(): ShownResult | undefined;
  /** Tells the page that a file was written. */
  saved(message: string): void;
}

/** "elevenlabs-usage-credits-2026-11-24-to-2026-11-30.csv", dates in the result's zone. */
export function exportFileName(result: ShownResult, extension: string): string {
  const { metric, startUnix, endUnix, timeZone } = result.data;
  const calendar = ZonedCalendar.for(timeZone);
  return `elevenlabs-usage-${metric}-${calendar.formatDate(startUnix)}-to-${calendar.formatDate(endUnix)}.${extension}`;
}

/** The save dialog's name for the file type; asked for when shown, since the translations are in place only once activated. */
function filterName(extension: ExportDataFormat | ExportImageFormat): string {
  switch (extension) {
    case 'csv':
      return 'CSV';
    case 'json':
      return 'JSON';
    case 'png':
      return l10n.t('PNG image');
    case 'svg':
      return l10n.t('SVG image');
  }
}

async function save(deps: PanelExportDeps, result: ShownResult, extension: ExportDataFormat | ExportImageFormat, bytes: Uint8Array): Promise<void> {
  const target = await deps.app.showSaveDialog({
    title: l10n.t('Export usage as {0}', extension.toUpperCase()),
    saveLabel: l10n.t('Export'),
    filters: { [filterName(extension)]: [extension] },
    defaultFileName: exportFileName(result, extension),
  });
  if (!target) {
    return;
  }
  try {
    await deps.app.writeFile(target, bytes);
    deps.saved(l10n.t('Saved {0}.', target.displayPath));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void deps.app.showMessage('error', withoutLinks(l10n.t('Could not save the export: {0}', reason)));
  }
}

function nothingYet(deps: PanelExportDeps): void {
  void deps.app.showMessage('info', l10n.t('There is no data to export yet: run a query first.'));
}

export async function exportData(deps: PanelExportDeps, format: ExportDataFormat): Promise<void> {
  const shown = deps.shown();
  if (!shown) {
    return nothingYet(deps);
  }
  const text = format === 'csv' ? toCsv(shown.data) : toJson(shown.data, shown.query, shown.fetchedAtMs);
  await save(deps, shown, format, new TextEncoder().encode(text));
}

/** `data` is checked already (protocol.ts): a PNG data: URL, or SVG markup. */
export async function exportImage(deps: PanelExportDeps, format: ExportImageFormat, data: string): Promise<void> {
  const shown = deps.shown();
  if (!shown) {
    return nothingYet(deps);
  }
  const bytes = format === 'png' ? Buffer.from(data.slice(data.indexOf(',') + 1), 'base64') : new TextEncoder().encode(data);
  await save(deps, shown, format, bytes);
}
