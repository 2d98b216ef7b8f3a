// Times and dates as the tooltip writes them: in the user's zone and locale, next to the moment of writing.

import type { ZonedCalendar } from '../usage/calendar/timeZone';

/** What the words about the quota need besides the figures: the moment, the user's zone and the locale. */
export interface WordOptions {
  readonly nowMs: number;
  /** The user's zone: "today", the times and the dates in the tooltip are in it. */
  readonly calendar: ZonedCalendar;
  readonly locale?: string;
}

/** "09:14" today, "Dec 6 09:14" on another day, in the user's zone. */
export function clock(ms: number, options: WordOptions): string {
  const { calendar, locale } = options;
  const time = new Date(ms).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone: calendar.zone });
  if (calendar.isSameDay(ms, options.nowMs)) {
    return time;
  }
  return `${new Date(ms).toLocaleDateString(locale, { month: 'short', day: 'numeric', timeZone: calendar.zone })} ${time}`;
}

/** "Dec 7, 2026" in the user's zone. */
export function longDate(ms: number, options: WordOptions): string {
  return new Date(ms).toLocaleDateString(options.locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: options.calendar.zone });
}
