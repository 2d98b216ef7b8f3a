// Numbers for people: a short form for the status bar ("12.3k") and the exact figure for tooltips and
// screen readers ("12,345").

const UNITS: ReadonlyArray<{ readonly size: number; readonly suffix: string }> = [
  { size: 1e9, suffix: 'B' },
  { size: 1e6, suffix: 'M' },
  { size: 1e3, suffix: 'k' },
];

/** 999 → "999", 1234 → "1.2k", 12345 → "12.3k", 123456 → "123k", 1234567 → "1.2M". Never rounds up into "1000k". */
export function formatShort(value: number): string {
  if (!Number.isFinite(value)) {
    return '?';
  }
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  for (let i = 0; i < UNITS.length; i++) {
    const { size, suffix } = UNITS[i]!;
    if (magnitude < size) {
      continue;
    }
    const scaled = magnitude / size;
    const decimals = scaled < 100 ? 1 : 0;
    const rounded = Number(scaled.toFixed(decimals));
    if (rounded >= 1000 && i > 0) {
      // 999,960 would read "1000.0k": move up a unit instead.
      return `${sign}${formatShortIn(magnitude, UNITS[i - 1]!)}`;
    }
    return `${sign}${trimZero(rounded.toFixed(decimals))}${suffix}`;
  }
  return `${sign}${Math.round(magnitude)}`;
}

function formatShortIn(magnitude: number, unit: { size: number; suffix: string }): string {
  return `${trimZero((magnitude / unit.size).toFixed(1))}${unit.suffix}`;
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
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
