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

/**
 * A value axis' label expression for a language that leaves four-digit numbers ungrouped ("4000" but "12.345" in
 * Spanish: Intl's minimum grouping digits), which D3's locale cannot say: below 10,000 its separator goes. None for
 * a language that groups them (German "4.000", English "4,000") or never groups.
 */
export function valueAxisLabels(locale = displayLocale()): { labelExpr?: string } {
  const { thousands } = numberLocale(locale);
  const groupsFourDigits = new Intl.NumberFormat(locale).formatToParts(1234).some((p) => p.type === 'group');
  return thousands === '' || groupsFourDigits ? {} : { labelExpr: `abs(datum.value) < 10000 ? replace(datum.label, ${JSON.stringify(thousands)}, '') : datum.label` };
}

/** Vega-Lite's config.locale for the display language. */
export function vegaLocale(locale = displayLocale()): { number: NumberLocale } {
  return { number: numberLocale(locale) };
}
