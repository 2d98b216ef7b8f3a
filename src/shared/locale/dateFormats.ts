// The one rule for every date and time a user reads: the display language's own forms (Intl), in the user's
// zone. The status bar's tooltip, the notifications, the picker, the panel's axis, table and subtitle all ask
// here, so the same moment reads the same everywhere ("10:17 PM" in English, "22:17" in German, and so on).
// Machine columns of the exports stay ISO and never come here.

import { formattingLocale } from './displayLocale';

/**
 * The forms, by what they name: `time` "10:17 PM"; `date` "Dec 17, 2026"; `weekdayDate` "Thu, Dec 17, 2026";
 * `timeSeconds` "10:17:05 PM" (when a page was updated); `dateTime` and `weekdayDateTime` with the time; `monthDay` "Dec 17" (an axis's day, and "Dec 6 09:14" for
 * another day's time); `weekdayDay` "Thu 17"; `month` "Dec 2026"; `monthLong` "December 2026".
 */
export type DateForm = 'time' | 'timeSeconds' | 'date' | 'weekdayDate' | 'dateTime' | 'weekdayDateTime' | 'monthDay' | 'monthDayTime' | 'weekdayDay' | 'month' | 'monthLong';

const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };

const FORMS: Record<DateForm, Intl.DateTimeFormatOptions> = {
  time: TIME,
  timeSeconds: { ...TIME, second: '2-digit' },
  date: DATE,
  weekdayDate: { weekday: 'short', ...DATE },
  dateTime: { ...DATE, ...TIME },
  weekdayDateTime: { weekday: 'short', ...DATE, ...TIME },
  monthDay: { month: 'short', day: 'numeric' },
  monthDayTime: { month: 'short', day: 'numeric', ...TIME },
  weekdayDay: { weekday: 'short', day: 'numeric' },
  month: { year: 'numeric', month: 'short' },
  monthLong: { year: 'numeric', month: 'long' },
};

/** A wall clock in some zone, as the calendar reads it (month 1–12). */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

// A formatter costs far more to build than to use, and a chart formats a label per bucket. Zones and locales
// in one session are few; the bound only stops a hostile stream of zone names from growing the map forever.
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 256;

function formatter(form: DateForm, timeZone: string, locale: string | undefined): Intl.DateTimeFormat {
  const tag = formattingLocale(locale);
  const key = `${tag}|${timeZone}|${form}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(tag, { ...FORMS[form], timeZone });
    } catch {
      // A zone Intl does not know (callers validate theirs; this is the last guard): UTC, never a throw.
      format = new Intl.DateTimeFormat(tag, { ...FORMS[form], timeZone: 'UTC' });
    }
    if (formatters.size >= MAX_FORMATTERS) {
      formatters.clear();
    }
    formatters.set(key, format);
  }
  return format;
}

/**
 * An instant in `timeZone`, in the display language (or `locale`). ICU releases differ on the narrow no-break
 * space before "PM" (Node's and the webview's Chromium may disagree), so it is written as a plain space: the
 * host's labels and the page's then match.
 */
export function formatInstant(ms: number, form: DateForm, timeZone: string, locale?: string): string {
  return Number.isFinite(ms) ? formatter(form, timeZone, locale).format(ms).replace(/\u202f/g, ' ') : '?';
}

/** A wall clock already read in the user's zone (a bucket's start), written as `formatInstant` writes instants. */
export function formatWallTime(wall: WallTime, form: DateForm, locale?: string): string {
  return formatInstant(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute), form, 'UTC', locale);
}
