// The theme's colours and font family reach a compiled chart as Vega signals: the extension host compiles the
// chart without knowing them, and the webview, which reads them from VS Code's CSS variables, sets the signals.
// A theme change then sets signals in the view on screen instead of compiling and drawing the chart anew.
//
// The host builds the Vega-Lite spec from a theme whose colours and font family are placeholders (unique texts
// that no chart would show), and the compiler turns each place that holds exactly a placeholder into a signal
// reference. A placeholder inside a longer text cannot be a signal: the webview writes the theme into such texts
// before it draws (and draws anew when the theme changes).

import type { ChartTheme } from './theme';

/** The theme's fields that travel as signals (the font size stays in the spec: the layout depends on it). */
type ThemeText = 'foreground' | 'background' | 'mutedForeground' | 'gridColor' | 'axisColor' | 'fontFamily';
const THEME_TEXTS: readonly ThemeText[] = ['foreground', 'background', 'mutedForeground', 'gridColor', 'axisColor', 'fontFamily'];

/** Palette entries a theme has (buildChartTheme makes ten; the series are folded to ten). */
const PALETTE_SIZE = 10;

const OPEN = '\u27eatheme:';
const CLOSE = '\u27eb';
const PLACEHOLDER = /\u27eatheme:([A-Za-z]+(?:_\d+)?)\u27eb/g;

/** The signal that carries a theme field ('theme_foreground', 'theme_palette_3'). */
function signalName(field: string): string {
  return `theme_${field}`;
}

function placeholder(field: string): string {
  return `${OPEN}${field}${CLOSE}`;
}

/** A theme for building a spec that the webview dresses: placeholders for colours and font, the real font size. */
export function placeholderTheme(fontSize: number): ChartTheme {
  return {
    // The builders do not branch on the kind (test/unit/compile.test.ts holds them to it).
    kind: 'dark',
    foreground: placeholder('foreground'),
    background: placeholder('background'),
    mutedForeground: placeholder('mutedForeground'),
    gridColor: placeholder('gridColor'),
    axisColor: placeholder('axisColor'),
    fontFamily: placeholder('fontFamily'),
    fontSize,
    palette: Array.from({ length: PALETTE_SIZE }, (_, i) => placeholder(`palette_${i}`)),
  };
}

/** The signal name for a text that is exactly a placeholder, else undefined. */
export function placeholderSignal(text: string): string | undefined {
  PLACEHOLDER.lastIndex = 0;
  const match = PLACEHOLDER.exec(text);
  return match && match.index === 0 && match[0].length === text.length ? signalName(match[1]!) : undefined;
}

/** Whether a text holds a placeholder anywhere. */
export function hasPlaceholder(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(text);
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

/** A text with every placeholder replaced by the theme's value. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, field: string) => values[signalName(field)] ?? whole);
}

/** Whether a signal name is one of the theme's. */
export function isThemeSignal(name: string): boolean {
  return name.startsWith('theme_');
}
