// Numbers for people: a short form for the status bar ("12.3k") and the exact figure for tooltips and
// screen readers ("12,345").

/**
 * Compact notation as Intl writes it ("12.3K", "1.2M", "2.5B", "1T"): three significant digits at most and one
 * decimal at most, whichever gives fewer (so 123,456 is "123K", not "123.5K"), rounding up into the next unit
 * rather than writing "1000K". The k of thousands in lower case, as SI writes it.
 */
const COMPACT = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumFractionDigits: 1,
  maximumSignificantDigits: 3,
  // ES2023's roundingPriority, which TypeScript's ES2022 library does not name yet.
  roundingPriority: 'lessPrecision',
} as Intl.NumberFormatOptions);

/** 999 → "999", 1234 → "1.2k", 12345 → "12.3k", 123456 → "123k", 999,960 → "1M"; whole numbers below 1000. */
export function formatShort(value: number): string {
  if (!Number.isFinite(value)) {
    return '?';
  }
  return COMPACT.format(Math.abs(value) < 1000 ? Math.round(value) : value).replace('K', 'k');
}

// Building an Intl.NumberFormat costs far more than using one, and charts and tables format a figure per
// data point: one formatter per locale, made once.
const exactFormats = new Map<string, Intl.NumberFormat>();

/** The exact figure with grouping, e.g. 12345 → "12,345"; fractions keep up to two decimals. */
export function formatExact(value: number, locale = 'en-US'): string {
  let format = exactFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    exactFormats.set(locale, format);
  }
  return format.format(value);
}

/** "42%" with no decimals above 10%, one decimal below (so 0.4% does not read as 0%). */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  return `${percent >= 10 || percent === 0 ? Math.round(percent) : percent.toFixed(1)}%`;
}
