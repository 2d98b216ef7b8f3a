// What a kind of chart is, as every part of the extension asks it: the picker (which presets it offers, what more
// to ask), the command's arguments (which fields it fixes, and why), the panel (its title, how its window resolves
// when it runs), the toolbar (which fields it locks) and the page's preset list. A kind is one object in its own
// file, listed once in chartKinds.ts; nothing else names a kind's presets. The host's fetch of a kind's data is
// in src/status/panelData.ts (it needs the quota's words), the drawing follows the data it fetched.

import type { ZonedCalendar } from '../calendar/timeZone';
import type { UsageWindow } from '../calendar/windows';
import type { PanelQuery } from '../query/panelQuery';

/** A field of the query that a kind's chart fixes: the value it always has (undefined: left out), and why. */
export interface FixedField {
  readonly field: 'metric' | 'aggregationInterval' | 'aggregationBucketSize' | 'breakdownType' | 'includeWorkspaceMetrics' | 'utcBuckets';
  readonly value: string | boolean | undefined;
  /** In the user's words, after "because": "it shows credits, which the quota counts". */
  readonly why: string;
}

export interface ChartKind {
  /** Which kind: the key of its fetch in src/status/panelData.ts. */
  readonly id: string;
  /** The presets it answers for, in the picker's and the toolbar's order. */
  readonly presets: readonly string[];
  /** Whether it also answers a window typed by the user (a query with no preset). */
  readonly takesCustomWindows: boolean;
  /**
   * Whether its presets' windows come from the host (the subscription) rather than the clock and the calendar:
   * the picker names their dates only once the host knows them.
   */
  readonly windowFromHost: boolean;
  /** A preset's name, as the picker and the toolbar show it. */
  presetLabel(preset: string): string;
  /** The picker's line under a preset: its dates, and what the chart is when that is not plain. */
  presetDescription(preset: string, window: UsageWindow | undefined, dateRange: (window: UsageWindow) => string): string;
  /** The fields its chart fixes; the picker asks none of them, the toolbar locks them, the arguments refuse others. */
  readonly fixed: readonly FixedField[];
  /** The panel's title for one of its queries (the metric's label, as the catalog names it). */
  title(query: PanelQuery, metricLabel: string): string;
  /**
   * A preset's window at `nowMs` before the query runs (the picker's, the toolbar's and the arguments'):
   * `known` is the one it last resolved to, when there was one.
   */
  presetWindow(preset: string, nowMs: number, calendar: ZonedCalendar, known?: UsageWindow): UsageWindow;
  /** The query as it runs at `nowMs`: a preset's window worked out again, the fixed fields applied. */
  resolve(query: PanelQuery, nowMs: number, calendar: ZonedCalendar): PanelQuery;
}

/** The fields the picker asks after the window, in its steps' order. */
const PICKED_FIELDS: ReadonlyArray<FixedField['field']> = ['aggregationInterval', 'breakdownType', 'metric', 'includeWorkspaceMetrics'];

/** Whether a kind fixes every field the picker asks after the window: its preset is then a whole chart. */
export function isWholeChart(kind: ChartKind): boolean {
  return PICKED_FIELDS.every((field) => kind.fixed.some((fixed) => fixed.field === field));
}

/** The query with a kind's fixed fields applied (left out where the value is undefined). */
export function withFixedFields(query: PanelQuery, fixed: readonly FixedField[]): PanelQuery {
  const result: Record<string, unknown> = { ...query };
  for (const { field, value } of fixed) {
    if (value === undefined) {
      delete result[field];
    } else {
      result[field] = value;
    }
  }
  return result as unknown as PanelQuery;
}
