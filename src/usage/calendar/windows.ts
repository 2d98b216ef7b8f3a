// Usage windows in the user's time zone: the presets of the Show Usage picker, custom date ranges typed by the
// user (checked, with messages that say what to type), and the aggregation that suits a window. The zone comes
// as a ZonedCalendar (the user's setting, or the system's), never from the runtime's own local time.

import * as l10n from '@vscode/l10n';
import type { AggregationInterval } from '../../api/types';
import type { ZonedCalendar } from './timeZone';

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

// Getters: the bundle builds this before activation sets the display language.
export const PRESET_LABELS: Readonly<Record<WindowPreset, string>> = {
  get today() { return l10n.t('Today'); },
  get yesterday() { return l10n.t('Yesterday'); },
  get last7Days() { return l10n.t('Last 7 days'); },
  get last30Days() { return l10n.t('Last 30 days'); },
  get thisMonth() { return l10n.t('This month'); },
  get lastMonth() { return l10n.t('Last month'); },
  get last12Months() { return l10n.t('Last 12 months'); },
};

export function isWindowPreset(value: unknown): value is WindowPreset {
  return typeof value === 'string' && (WINDOW_PRESETS as readonly string[]).includes(value);
}

/**
 * The window of the billing period at `nowMs`: from the period's start (an instant, the same time of day as the
 * reset, shown in the user's zone) to now. Never empty.
 */
export function billingPeriodWindow(periodStartMs: number, nowMs: number): UsageWindow {
  return { startUnix: periodStartMs, endUnix: Math.max(nowMs, periodStartMs + 1) };
}

export interface UsageWindow {
  readonly startUnix: number;
  /** Inclusive, as the API reads it: 23:59:59.999 of the last day, or now for windows that end today. */
  readonly endUnix: number;
}

/** The window of a preset at `nowMs`, in the calendar's zone. Windows that include today end now. */
export function presetWindow(preset: WindowPreset, nowMs: number, calendar: ZonedCalendar): UsageWindow {
  const today = calendar.startOfDay(nowMs);
  switch (preset) {
    case 'today':
      return calendar.todayWindow(nowMs);
    case 'yesterday':
      return { startUnix: calendar.addDays(nowMs, -1), endUnix: today - 1 };
    case 'last7Days':
      return { startUnix: calendar.addDays(nowMs, -6), endUnix: nowMs };
    case 'last30Days':
      return { startUnix: calendar.addDays(nowMs, -29), endUnix: nowMs };
    case 'thisMonth':
      return { startUnix: calendar.startOfMonth(nowMs), endUnix: Math.max(nowMs, calendar.startOfMonth(nowMs) + 1) };
    case 'lastMonth':
      return { startUnix: calendar.startOfMonth(nowMs, -1), endUnix: calendar.startOfMonth(nowMs) - 1 };
    case 'last12Months':
      return { startUnix: calendar.startOfMonth(nowMs, -11), endUnix: nowMs };
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

export type DateInputResult =
  | {
      readonly ok: true;
      readonly ms: number;
      /** Set when the time does not exist in the zone (a DST gap) and was moved forward: tell the user. */
      readonly note?: string;
    }
  | { readonly ok: false; readonly message: string };

/**
 * Reads a date typed by the user, in the calendar's zone: YYYY-MM-DD, optionally with a time (YYYY-MM-DD HH:MM).
 * Refuses dates that do not exist (2026-02-30) rather than letting them roll into March; a time skipped by a
 * DST change is moved forward, with a note that says so.
 */
export function parseLocalDate(text: string, calendar: ZonedCalendar): DateInputResult {
  const trimmed = text.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(trimmed);
  if (!match) {
    return { ok: false, message: l10n.t('"{0}" is not a date: type it as YYYY-MM-DD (e.g. 2026-11-01), optionally with a time, as YYYY-MM-DD HH:MM.', trimmed) };
  }
  const [year, month, day, hour, minute] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [number, number, number, number, number];
  const onCalendar = new Date(Date.UTC(year, month - 1, day));
  if (onCalendar.getUTCFullYear() !== year || onCalendar.getUTCMonth() !== month - 1 || onCalendar.getUTCDate() !== day || hour > 23 || minute > 59) {
    return { ok: false, message: l10n.t('{0} does not exist on the calendar: check the month, day and time.', trimmed) };
  }
  const { ms, movedMs } = calendar.instant({ year, month, day, hour, minute });
  if (movedMs === 0) {
    return { ok: true, ms };
  }
  const moved = calendar.formatDateTime(ms);
  return {
    ok: true,
    ms,
    note: l10n.t('{0} does not exist in {1} (the clocks went forward {2} minutes then): using {3}.', trimmed, calendar.zone, Math.round(movedMs / 60_000), moved),
  };
}

/** Whether the end text carries a time (else the whole end day is included). */
function hasTime(text: string): boolean {
  return /\d{2}:\d{2}$/.test(text.trim());
}

/**
 * A custom window from the user's start and end texts: the end day is included whole, an end in the future is
 * cut to now. Messages say what is wrong and what to type.
 */
/** No ElevenLabs usage is older than this (the company and its API began in 2022): an earlier start is a typo. */
export const EARLIEST_USAGE_MS = Date.UTC(2022, 0, 1);

/** Why a typed start cannot begin a window (a typo in the year, or a time to come), or undefined. */
export function startProblem(startMs: number, nowMs: number, calendar: ZonedCalendar): string | undefined {
  if (startMs < EARLIEST_USAGE_MS) {
    return l10n.t('{0} is years before ElevenLabs had any usage (2022): check the year.', calendar.formatDate(startMs).split('-')[0]!);
  }
  return startMs > nowMs ? l10n.t('The start is in the future: there is no usage to show yet. Pick a start today or earlier.') : undefined;
}

export function customWindow(
  startText: string,
  endText: string,
  nowMs: number,
  calendar: ZonedCalendar,
): { ok: true; window: UsageWindow; notes: string[] } | { ok: false; message: string } {
  const start = parseLocalDate(startText, calendar);
  if (!start.ok) {
    return { ok: false, message: l10n.t('Start: {0}', start.message) };
  }
  const problem = startProblem(start.ms, nowMs, calendar);
  if (problem) {
    return { ok: false, message: problem };
  }
  const end = parseLocalDate(endText, calendar);
  if (!end.ok) {
    return { ok: false, message: l10n.t('End: {0}', end.message) };
  }
  const endMs = hasTime(endText) ? end.ms : calendar.addDays(end.ms, 1) - 1;
  if (endMs <= start.ms) {
    return { ok: false, message: l10n.t('The end is before the start: pick an end date on or after the start date.') };
  }
  const notes = [start, end].flatMap((parsed) => (parsed.note ? [parsed.note] : []));
  return { ok: true, window: { startUnix: start.ms, endUnix: Math.min(endMs, nowMs) }, notes };
}
