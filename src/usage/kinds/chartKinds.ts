// The kinds of chart, listed once: a query belongs to the kind whose presets hold its preset (or, with no preset,
// to the one that takes typed windows). A third kind (a source or an account comparison) is its own file and a
// line here, and its fetch a line in src/status/panelData.ts.

import type { ZonedCalendar } from '../calendar/timeZone';
import { parsePanelQueryShape, type PanelQuery } from '../query/panelQuery';
import { billingPeriodKind } from './billingPeriodKind';
import type { ChartKind } from './chartKind';
import { usageKind } from './usageKind';

export const CHART_KINDS: readonly ChartKind[] = [usageKind, billingPeriodKind];

/** Every preset a chart query may name, in the picker's and the toolbar's order. */
export const CHART_PRESETS: readonly string[] = CHART_KINDS.flatMap((kind) => kind.presets);

export function isChartPreset(value: unknown): value is string {
  return typeof value === 'string' && CHART_PRESETS.includes(value);
}

/** The kind a preset belongs to, or undefined for one no kind has. */
function kindOfPreset(preset: string): ChartKind | undefined {
  return CHART_KINDS.find((kind) => kind.presets.includes(preset));
}

/** The kind a query (or a preset, or a typed window: undefined) belongs to. Unknown presets are refused on parse. */
export function chartKindOf(query: Pick<PanelQuery, 'preset'> | undefined): ChartKind {
  const preset = query?.preset;
  const kind = preset === undefined ? CHART_KINDS.find((k) => k.takesCustomWindows) : kindOfPreset(preset);
  if (!kind) {
    throw new RangeError(`No kind of chart has the preset ${JSON.stringify(preset)}.`);
  }
  return kind;
}

/** The label of any preset, as the picker and the panel's toolbar name it. */
export function chartPresetLabel(preset: string): string {
  return chartKindOf({ preset }).presetLabel(preset);
}

/** A PanelQuery from untrusted input (the webview, stored state), or undefined: its shape, and a known preset. */
export function parsePanelQuery(value: unknown): PanelQuery | undefined {
  const query = parsePanelQueryShape(value);
  return query && (query.preset === undefined || isChartPreset(query.preset)) ? query : undefined;
}

/** The query as it runs at `nowMs` (for presets, their window again), as stored after a run. */
export function withResolvedWindow(query: PanelQuery, nowMs: number, calendar: ZonedCalendar): PanelQuery {
  return chartKindOf(query).resolve(query, nowMs, calendar);
}
