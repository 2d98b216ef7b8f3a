// The display language's number and time forms for what Vega itself writes: the value axis ("4.000" in German),
// and the billing period's day ticks ("7. Dez."). Vega formats with D3's locales; they are made here from Intl,
// so no locale table ships with the extension and every language Intl knows works.

import { displayLocale } from '../../shared/locale/displayLocale';

/** D3's number locale (https://github.com/d3/d3-format#formatLocale) for `locale`. */
export interface NumberLocale {
  readonly decimal: string;
  readonly thousands: string;
  readonly grouping: readonly number[];
  readonly currency: readonly [string, string];
}

/** D3's time locale (https://github.com/d3/d3-time-format#timeFormatLocale) for `locale`. */
export interface TimeLocale {
  readonly dateTime: string;
  readonly date: string;
  readonly time: string;
  readonly periods: readonly [string, string];
  readonly days: readonly string[];
  readonly shortDays: readonly string[];
  readonly months: readonly string[];
  readonly shortMonths: readonly string[];
}

const part = (parts: Intl.NumberFormatPart[], type: string, fallback: string): string => parts.find((p) => p.type === type)?.value ?? fallback;

export function numberLocale(locale = displayLocale()): NumberLocale {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  return { decimal: part(parts, 'decimal', '.'), thousands: part(parts, 'group', ''), grouping: [3], currency: ['', ''] };
}

export function timeLocale(locale = displayLocale()): TimeLocale {
  const utc = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  // 2023-01-01 was a Sunday, the first of D3's days.
  const days = (style: 'long' | 'short') => Array.from({ length: 7 }, (_, i) => utc({ weekday: style }).format(Date.UTC(2023, 0, 1 + i)));
  const months = (style: 'long' | 'short') => Array.from({ length: 12 }, (_, i) => utc({ month: style }).format(Date.UTC(2023, i, 15)));
  const period = (hour: number) => utc({ hour: 'numeric', hour12: true }).formatToParts(Date.UTC(2023, 0, 1, hour)).find((p) => p.type === 'dayPeriod')?.value ?? (hour < 12 ? 'AM' : 'PM');
  return {
    // Vega's own axes use explicit formats; these three are only D3's %c, %x and %X.
    dateTime: '%x, %X',
    date: '%Y-%m-%d',
    time: '%H:%M:%S',
    periods: [period(9), period(21)],
    days: days('long'),
    shortDays: days('short'),
    months: months('long'),
    shortMonths: months('short'),
  };
}

/** Vega-Lite's config.locale for the display language. */
export function vegaLocale(locale = displayLocale()): { number: NumberLocale; time: TimeLocale } {
  return { number: numberLocale(locale), time: timeLocale(locale) };
}
