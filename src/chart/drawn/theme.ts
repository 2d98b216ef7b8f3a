// The chart's colours and font, read from VS Code's theme CSS variables (the webview gets them on its <html>
// element and updates them on a theme change). Pure: the reader is passed in, so tests use a plain map.

import { TEXT_CONTRAST, withMarkContrast } from './contrast';

/** Which family of theme is active; VS Code says so with a class on <body>. */
export type ThemeKind = 'dark' | 'light' | 'high-contrast' | 'high-contrast-light';

export interface ChartTheme {
  readonly kind: ThemeKind;
  readonly foreground: string;
  readonly background: string;
  /** Axis titles, subtitles, notes. */
  readonly mutedForeground: string;
  readonly gridColor: string;
  /** Axis domain lines and ticks. */
  readonly axisColor: string;
  readonly fontFamily: string;
  /** Base font size in pixels. */
  readonly fontSize: number;
  /** Series colours, at least ten, in the order series are assigned them. */
  readonly palette: readonly string[];
}

/** Reads one CSS custom property, e.g. `--vscode-editor-foreground`; '' when it is not set. */
export type CssVariableReader = (name: string) => string;

/** The <body> class list → theme kind (the high-contrast classes come with vscode-dark/-light too). */
export function themeKindFromClasses(classes: Iterable<string>): ThemeKind {
  const set = new Set(classes);
  if (set.has('vscode-high-contrast-light')) {
    return 'high-contrast-light';
  }
  if (set.has('vscode-high-contrast')) {
    return 'high-contrast';
  }
  if (set.has('vscode-light')) {
    return 'light';
  }
  return 'dark';
}

interface Fallbacks {
  readonly foreground: string;
  readonly background: string;
  readonly muted: string;
  readonly grid: string;
  /** VS Code's six chart colours, then four more so that ten series never share a colour. */
  readonly palette: readonly string[];
}

// The first six are VS Code's own defaults for --vscode-charts-{blue,orange,green,red,purple,yellow}.
const FALLBACKS: Readonly<Record<ThemeKind, Fallbacks>> = {
  dark: {
    foreground: '#cccccc',
    background: '#1f1f1f',
    muted: '#9d9d9d',
    grid: 'rgba(204, 204, 204, 0.16)',
    palette: ['#3794ff', '#d18616', '#89d185', '#f14c4c', '#b180d7', '#cca700', '#4ec9b0', '#f48fb1', '#a1887f', '#90a4ae'],
  },
  light: {
    foreground: '#3b3b3b',
    background: '#ffffff',
    muted: '#6e6e6e',
    grid: 'rgba(59, 59, 59, 0.14)',
    palette: ['#1a85ff', '#d18616', '#388a34', '#e51400', '#652d90', '#bf8803', '#00796b', '#c2185b', '#6d4c41', '#546e7a'],
  },
  'high-contrast': {
    foreground: '#ffffff',
    background: '#000000',
    muted: '#ffffff',
    grid: 'rgba(255, 255, 255, 0.35)',
    palette: ['#3794ff', '#ff9f1c', '#89d185', '#f48771', '#d7a0ff', '#ffd700', '#4ec9b0', '#ff80c0', '#c8a27c', '#c0c0c0'],
  },
  'high-contrast-light': {
    foreground: '#292929',
    background: '#ffffff',
    muted: '#292929',
    grid: 'rgba(41, 41, 41, 0.35)',
    palette: ['#0f4a85', '#b5200d', '#116329', '#8f1d1d', '#5c2d91', '#7a5a00', '#00585c', '#9c1458', '#5d4037', '#37474f'],
  },
};

const EXTRA_VARIABLES = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-red', '--vscode-charts-purple', '--vscode-charts-yellow'];

const DEFAULT_FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif';

/** A CSS size like "13px" → 13; falls back for anything else (em, empty, nonsense). */
export function parsePixelSize(text: string, fallback: number): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/.exec(text);
  if (!match) {
    return fallback;
  }
  const size = Number(match[1]);
  return size >= 6 && size <= 48 ? size : fallback;
}

/** A colour value as CSS gives it, or undefined when unset. Refuses anything with characters no colour has. */
function colour(read: CssVariableReader, name: string): string | undefined {
  const value = read(name).trim();
  return value && /^[#a-zA-Z0-9(),.%\s-]+$/.test(value) ? value : undefined;
}

/**
 * The chart theme for the current VS Code theme. Each colour comes from the first variable that is set, else
 * from a fallback for the theme kind. In high-contrast themes the grid uses the contrast border colour at
 * reduced opacity and every text is the full foreground, so nothing depends on faint greys.
 */
export function buildChartTheme(read: CssVariableReader, kind: ThemeKind = 'dark'): ChartTheme {
  const fallback = FALLBACKS[kind];
  const highContrast = kind === 'high-contrast' || kind === 'high-contrast-light';
  const first = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = colour(read, name);
      if (value) {
        return value;
      }
    }
    return undefined;
  };

  const background = first('--vscode-editor-background') ?? fallback.background;
  // Text reads at 4.5:1 and the axis lines at 3:1 against the background, whatever the theme's variables say (a
  // theme's faint description grey, say); the kind's own colour is the first alternative. The grid is left as
  // the theme has it: faint on purpose, and the figures do not depend on it.
  const foreground = withMarkContrast(first('--vscode-editor-foreground', '--vscode-foreground') ?? fallback.foreground, background, [fallback.foreground], TEXT_CONTRAST);
  const mutedForeground = highContrast
    ? foreground
    : withMarkContrast(first('--vscode-descriptionForeground', '--vscode-charts-foreground') ?? fallback.muted, background, [fallback.muted, foreground], TEXT_CONTRAST);
  const contrastBorder = first('--vscode-contrastBorder');
  const gridColor = highContrast
    ? fallback.grid
    : (first('--vscode-charts-lines', '--vscode-editorIndentGuide-background1', '--vscode-editorIndentGuide-background') ?? fallback.grid);
  const axisColor = withMarkContrast(highContrast ? (contrastBorder ?? foreground) : (first('--vscode-charts-foreground') ?? fallback.muted), background, [fallback.muted, foreground]);

  // The theme's chart colours where it sets them; each made to stand out from the background (3:1), the kind's
  // own colour for that place first.
  const palette = fallback.palette.map((fallbackColour, i) => {
    const themed = i < EXTRA_VARIABLES.length ? (first(EXTRA_VARIABLES[i]!) ?? fallbackColour) : fallbackColour;
    return withMarkContrast(themed, background, [fallbackColour]);
  });

  const fontFamily = read('--vscode-font-family').trim() || DEFAULT_FONT_FAMILY;
  const fontSize = parsePixelSize(read('--vscode-font-size'), 13);

  return { kind, foreground, background, mutedForeground, gridColor, axisColor, fontFamily, fontSize, palette };
}

/** The background for exported images: the theme's, unless it is (partly) transparent. */
export function opaqueBackground(theme: Pick<ChartTheme, 'background' | 'kind'>): string {
  const value = theme.background.trim().toLowerCase();
  const rgba = /^rgba\(\s*[\d.]+\s*,\s*[\d.]+\s*,\s*[\d.]+\s*,\s*([\d.]+%?)\s*\)$/.exec(value);
  const transparent =
    value === 'transparent' ||
    (rgba !== null && (rgba[1]!.endsWith('%') ? Number(rgba[1]!.slice(0, -1)) < 100 : Number(rgba[1]) < 1)) ||
    /^#[0-9a-f]{8}$/.test(value) && !value.endsWith('ff') ||
    /^#[0-9a-f]{4}$/.test(value) && !value.endsWith('f');
  return transparent ? FALLBACKS[theme.kind].background : theme.background;
}
