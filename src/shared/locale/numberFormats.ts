// Numbers for people, in the display language: a short form for the status bar ("12.3k") and the exact figure
// for tooltips, tables and screen readers ("12,345"; "12.345" in German). Machine columns never come here.

import { formattingLocale } from './displayLocale';

// Building an Intl.NumberFormat costs far more than using one, and charts and tables format a figure per
// data point: one formatter per locale and form, made once.
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(kind: 'compact' | 'exact' | 'percent' | 'percentTenths', locale: string | undefined): Intl.NumberFormat {
  const tag = formattingLocale(locale);
  const key = `${tag}|${kind}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(tag, OPTIONS[kind]);
    formats.set(key, format);
  }
  return format;
}

const OPTIONS = {
  /**
   * Compact notation as Intl writes it ("12.3K", "1.2M"; "1,2 k" in French, "1.2万" in Japanese): three
   * significant digits at most and one decimal at most, whichever gives fewer (so 123,456 is "123K", not
   * "123.5K"), rounding up into the next unit rather than writing "1000K".
   */
  compact: {
    notation: 'compact',
    maximumFractionDigits: 1,
    maximumSignificantDigits: 3,
    // ES2023's roundingPriority, which TypeScript's ES2022 library does not name yet.
    roundingPriority: 'lessPrecision',
  } as Intl.NumberFormatOptions,
  exact: { maximumFractionDigits: 2 },
  percent: { style: 'percent', maximumFractionDigits: 0 },
  percentTenths: { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 },
} satisfies Record<string, Intl.NumberFormatOptions>;

/** 999 → "999", 1234 → "1.2k", 12345 → "12.3k", 123456 → "123k", 999,960 → "1M"; whole numbers below 1000. */
export function formatShort(value: number, locale?: string): string {
  if (!Number.isFinite(value)) {
    return '?';
  }
  const short = numberFormat('compact', locale).format(Math.abs(value) < 1000 ? Math.round(value) : value);
  // English writes the k of thousands in lower case, as SI does; other languages keep Intl's own abbreviation.
  return numberFormat('compact', locale).resolvedOptions().locale.startsWith('en') ? short.replace('K', 'k') : short;
}

/** The exact figure with grouping, e.g. 12345 → "12,345"; fractions keep up to two decimals. */
export function formatExact(value: number, locale?: string): string {
  return numberFormat('exact', locale).format(value);
}

/** "42%" with no decimals above 10%, one decimal below (so 0.4% does not read as 0%); "42 %" in German. */
export function formatPercent(fraction: number, locale?: string): string {
  const percent = fraction * 100;
  const whole = percent >= 10 || percent === 0 || !Number.isFinite(percent);
  return numberFormat(whole ? 'percent' : 'percentTenths', locale).format(whole ? Math.round(percent) / 100 : fraction);
}
