// Usage windows in the user's local time: the presets of the Show Usage picker, custom date ranges typed by
// the user (checked, with messages that say what to type), and the aggregation that suits a window.

import type { AggregationInterval } from '../api/types';
import { startOfLocalDay, todayWindow } from './localTime';

export const WINDOW_PRESETS = [
  'today',
  'yesterday',
  'last7Days',
  'last30Days',
  'thisMonth',
  'lastMonth',
  'last12Months',
] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

export const PRESET_LABELS: Readonly<Record<WindowPreset, string>> = {
  today: 'Today',
  yesterday: 'Yesterday',
  last7Days: 'Last 7 days',
  last30Days: 'Last 30 days',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  last12Months: 'Last 12 months',
};

export function isWindowPreset(value: unknown): value is WindowPreset {
  return typeof value === 'string' && (WINDOW_PRESETS as readonly string[]).includes(value);
}

export interface UsageWindow {
  readonly startUnix: number;
  /** Inclusive, as the API reads it: 23:59:59.999 of the last day, or now for windows that end today. */
  readonly endUnix: number;
}

/** Local midnight `days` days after the day of `ms` (negative for before). DST-safe: counts calendar days. */
function addLocalDays(ms: number, days: number): number {
  const date = new Date(startOfLocalDay(ms));
  date.setDate(date.getDate() + days);
  return date.getTime();
}

function startOfLocalMonth(ms: number, monthsAhead = 0): number {
  const date = new Date(ms);
  return new Date(date.getFullYear(), date.getMonth() + monthsAhead, 1).getTime();
}

/** The window of a preset at `nowMs`, in local time. Windows that include today end now. */
export function presetWindow(preset: WindowPreset, nowMs: number): UsageWindow {
  const today = startOfLocalDay(nowMs);
  switch (preset) {
    case 'today':
      return todayWindow(nowMs);
    case 'yesterday':
      return { startUnix: addLocalDays(nowMs, -1), endUnix: today - 1 };
    case 'last7Days':
      return { startUnix: addLocalDays(nowMs, -6), endUnix: nowMs };
    case 'last30Days':
      return { startUnix: addLocalDays(nowMs, -29), endUnix: nowMs };
    case 'thisMonth':
      return { startUnix: startOfLocalMonth(nowMs), endUnix: Math.max(nowMs, startOfLocalMonth(nowMs) + 1) };
    case 'lastMonth':
      return { startUnix: startOfLocalMonth(nowMs, -1), endUnix: startOfLocalMonth(nowMs) - 1 };
    case 'last12Months':
      return { startUnix: startOfLocalMonth(nowMs, -11), endUnix: nowMs };
  }
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An interval that gives a readable number of buckets for a window of this length. */
export function suggestedInterval(window: UsageWindow): AggregationInterval {
  const length = window.endUnix - window.startUnix;
  if (length <= 2 * DAY) {
    return 'hour';
  }
  if (length <= 92 * DAY) {
    return 'day';
  }
  if (length <= 366 * DAY) {
    return 'week';
  }
  return 'month';
}

const NICE_BUCKETS_SECONDS = [60, 300, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 2592000];

/** A bucket size in seconds giving about 24 to 60 buckets over the window, from a list of round sizes. */
export function suggestedBucketSeconds(window: UsageWindow): number {
  const seconds = (window.endUnix - window.startUnix) / 1000;
  return NICE_BUCKETS_SECONDS.find((size) => seconds / size <= 60) ?? NICE_BUCKETS_SECONDS[NICE_BUCKETS_SECONDS.length - 1]!;
}

export type DateInputResult = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly message: string };

/**
 * Reads a local date typed by the user: YYYY-MM-DD, optionally with a time (YYYY-MM-DD HH:MM). Refuses dates
 * that do not exist (2026-02-30) rather than letting JavaScript roll them into March.
 */
export function parseLocalDate(text: string): DateInputResult {
  const trimmed = text.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(trimmed);
  if (!match) {
    return { ok: false, message: `"${trimmed}" is not a date: type it as YYYY-MM-DD (e.g. 2026-11-01), optionally with a time, as YYYY-MM-DD HH:MM.` };
  }
  const [year, month, day, hour, minute] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [number, number, number, number, number];
  const date = new Date(year, month - 1, day, hour, minute);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day || hour > 23 || minute > 59) {
    return { ok: false, message: `${trimmed} does not exist on the calendar: check the month, day and time.` };
  }
  return { ok: true, ms: date.getTime() };
}

/** Whether the end text carries a time (else the whole end day is included). */
function hasTime(text: string): boolean {
  return /\d{2}:\d{2}$/.test(text.trim());
}

/**
 * A custom window from the user's start and end texts: the end day is included whole, an end in the future is
 * cut to now. Messages say what is wrong and what to type.
 */
export function customWindow(startText: string, endText: string, nowMs: number): { ok: true; window: UsageWindow } | { ok: false; message: string } {
  const start = parseLocalDate(startText);
  if (!start.ok) {
    return { ok: false, message: `Start: ${start.message}` };
  }
  if (start.ms > nowMs) {
    return { ok: false, message: 'The start is in the future: there is no usage to show yet. Pick a start today or earlier.' };
  }
  const end = parseLocalDate(endText);
  if (!end.ok) {
    return { ok: false, message: `End: ${end.message}` };
  }
  const endMs = hasTime(endText) ? end.ms : addLocalDays(end.ms, 1) - 1;
  if (endMs <= start.ms) {
    return { ok: false, message: 'The end is before the start: pick an end date on or after the start date.' };
  }
  return { ok: true, window: { startUnix: start.ms, endUnix: Math.min(endMs, nowMs) } };
}

/** A local date as YYYY-MM-DD, for prefilling the custom range inputs. */
export function formatLocalDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
