// The theme's colours and font family reach a compiled chart as Vega signals: the extension host compiles the
// chart without knowing them, and the webview, which reads them from VS Code's CSS variables, sets the signals.
// A theme change then sets signals in the view on screen instead of compiling and drawing the chart anew.
//
// The host builds the Vega-Lite spec from a theme whose colours and font family are placeholders, and the
// compiler turns each place that holds exactly a placeholder into a signal reference. A placeholder inside a longer
// text cannot be a signal: the webview writes the theme into such texts before it draws (and draws anew when the
// theme changes). Each compile's placeholders carry a random marker of their own, so that no text from the API (a
// voice's name, say) can pass for one: a text with another marker, or none, is left as it is.

import type { ChartTheme } from './theme';

/** The theme's fields that travel as signals (the font size stays in the spec: the layout depends on it). */
type ThemeText = 'foreground' | 'background' | 'mutedForeground' | 'gridColor' | 'axisColor' | 'fontFamily';
const THEME_TEXTS: readonly ThemeText[] = ['foreground', 'background', 'mutedForeground', 'gridColor', 'axisColor', 'fontFamily'];

/** Palette entries a theme has (buildChartTheme makes ten; the series are folded to ten). */
const PALETTE_SIZE = 10;

/** A marker for one compile's placeholders: letters and digits only (it goes into a regular expression). */
const MARKER = /^[A-Za-z0-9]{16,64}$/;

export function isThemeMarker(value: unknown): value is string {
  return typeof value === 'string' && MARKER.test(value);
}

function placeholderPattern(marker: string): RegExp {
  if (!isThemeMarker(marker)) {
    throw new Error('A theme marker is 16 to 64 letters and digits.');
  }
  return new RegExp(`\u27eatheme-${marker}:([A-Za-z]+(?:_\\d+)?)\u27eb`, 'g');
}

/** The signal that carries a theme field ('theme_foreground', 'theme_palette_3'). */
function signalName(field: string): string {
  return `theme_${field}`;
}

function placeholder(field: string, marker: string): string {
  return `\u27eatheme-${marker}:${field}\u27eb`;
}

/**
 * A theme for building a spec that the webview dresses: placeholders with this compile's `marker` for colours and
 * font, the real font size.
 */
export function placeholderTheme(fontSize: number, marker: string): ChartTheme {
  placeholderPattern(marker);
  return {
    // The builders do not branch on the kind (test/unit/chart/compile.test.ts holds them to it).
    kind: 'dark',
    foreground: placeholder('foreground', marker),
    background: placeholder('background', marker),
    mutedForeground: placeholder('mutedForeground', marker),
    gridColor: placeholder('gridColor', marker),
    axisColor: placeholder('axisColor', marker),
    fontFamily: placeholder('fontFamily', marker),
    fontSize,
    palette: Array.from({ length: PALETTE_SIZE }, (_, i) => placeholder(`palette_${i}`, marker)),
  };
}

/** The signal name for a text that is exactly a placeholder with this marker, else undefined. */
export function placeholderSignal(text: string, marker: string): string | undefined {
  const match = placeholderPattern(marker).exec(text);
  return match && match.index === 0 && match[0].length === text.length ? signalName(match[1]!) : undefined;
}

/** Whether a text holds a placeholder with this marker anywhere. */
export function hasPlaceholder(text: string, marker: string): boolean {
  return placeholderPattern(marker).test(text);
}

/** The value of each theme signal for this theme. */
export function themeSignalValues(theme: ChartTheme): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of THEME_TEXTS) {
    values[signalName(field)] = theme[field];
  }
  for (let i = 0; i < PALETTE_SIZE; i++) {
    values[signalName(`palette_${i}`)] = theme.palette[i % theme.palette.length]!;
  }
  return values;
}

/** A text with every placeholder with this marker replaced by the theme's value. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>, marker: string): string {
  return text.replace(placeholderPattern(marker), (whole, field: string) => values[signalName(field)] ?? whole);
}

/**
 * The keys of a Vega spec whose texts are expressions. The theme is never written into one (a font family's
 * quotes would break it): a placeholder there is not a text the webview fills in.
 */
export const EXPRESSION_KEYS: ReadonlySet<string> = new Set(['expr', 'signal', 'test', 'update', 'init']);

/** Whether a signal name is one of the theme's. */
export function isThemeSignal(name: string): boolean {
  return name.startsWith('theme_');
}
