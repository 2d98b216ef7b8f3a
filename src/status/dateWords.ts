// Times and dates as the tooltip, the notifications and the picker write them: the one rule of
// shared/locale/dateFormats.ts, in the user's zone, next to the moment of writing.

import type { ZonedCalendar } from '../usage/calendar/timeZone';
import { formatInstant } from '../shared/locale/dateFormats';

/** What the words about the quota need besides the figures: the moment, the user's zone and the locale. */
export interface WordOptions {
  readonly nowMs: number;
  /** The user's zone: "today", the times and the dates in the tooltip are in it. */
  readonly calendar: ZonedCalendar;
  /** The display language; the one set at activation when absent. */
  readonly locale?: string;
}

/** "09:14 AM" today, "Dec 6, 09:14 AM" on another day, in the user's zone. */
export function clock(ms: number, options: WordOptions): string {
  const { calendar, locale } = options;
  return formatInstant(ms, calendar.isSameDay(ms, options.nowMs) ? 'time' : 'monthDayTime', calendar.zone, locale);
}

/** "Dec 7, 2026" in the user's zone. */
export function longDate(ms: number, options: WordOptions): string {
  return formatInstant(ms, 'date', options.calendar.zone, options.locale);
}
