// The display language's number forms for what Vega itself writes: the value axis ("4.000" in German). Vega formats
// with D3's locales; this one is made here from Intl, so no locale table ships with the extension and every language
// Intl knows works. Times Vega never formats: the host writes the time axes' labels (timeAxis.ts).

import { displayLocale } from '../../shared/locale/displayLocale';

/** D3's number locale (https://github.com/d3/d3-format#formatLocale) for `locale`. */
export interface NumberLocale {
  readonly decimal: string;
  readonly thousands: string;
  readonly grouping: readonly number[];
  readonly currency: readonly [string, string];
}

const part = (parts: Intl.NumberFormatPart[], type: string, fallback: string): string => parts.find((p) => p.type === type)?.value ?? fallback;

export function numberLocale(locale = displayLocale()): NumberLocale {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  return { decimal: part(parts, 'decimal', '.'), thousands: part(parts, 'group', ''), grouping: [3], currency: ['', ''] };
}

/** Vega-Lite's config.locale for the display language. */
export function vegaLocale(locale = displayLocale()): { number: NumberLocale } {
  return { number: numberLocale(locale) };
}
