// WCAG contrast for the chart's marks: a series colour must stand out from the background by at least 3:1 (WCAG
// 2.1, 1.4.11 non-text contrast), whatever the theme's variables say; a theme can set --vscode-charts-orange to a
// grey that vanishes on its own background, or to a translucent colour that mostly shows the background. Pure:
// CSS colours in, CSS colours out.

/** WCAG 1.4.11: lines, bars and other marks against what is behind them. */
export const MARK_CONTRAST = 3;

/** WCAG 1.4.3: text (axis labels, titles, the chart's own labels) against what is behind it. */
export const TEXT_CONTRAST = 4.5;

type Rgb = readonly [number, number, number];

/** "#abc", "#aabbcc", "#aabbccdd", "rgb(1, 2, 3)", "rgba(1, 2, 3, 0.5)" → [r, g, b] (0–255); undefined otherwise. */
export function parseCssColour(text: string): Rgb | undefined {
  return parseWithAlpha(text)?.rgb;
}

/** The colour and its opacity (0–1). */
export function parseWithAlpha(text: string): { readonly rgb: Rgb; readonly alpha: number } | undefined {
  const value = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(value);
  if (hex) {
    const digits = hex[1]!;
    const full = digits.length <= 4 ? [...digits].map((d) => d + d).join('') : digits;
    const alpha = full.length === 8 ? parseInt(full.slice(6, 8), 16) / 255 : 1;
    return { rgb: [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb, alpha };
  }
  const rgb = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*([\d.]+)(%?)\s*)?\)$/.exec(value);
  if (rgb) {
    const channels = rgb.slice(1, 4).map(Number);
    const alpha = rgb[4] === undefined ? 1 : Math.min(1, Number(rgb[4]) / (rgb[5] === '%' ? 100 : 1));
    return channels.every((c) => c <= 255) && Number.isFinite(alpha) ? { rgb: channels as unknown as Rgb, alpha } : undefined;
  }
  return undefined;
}

/** A colour as it shows over `behind`: a translucent one (a theme's "#ffffff40") is mostly the background. */
function shownOver(colour: string, behind: Rgb): Rgb | undefined {
  const parsed = parseWithAlpha(colour);
  return parsed ? (parsed.rgb.map((c, i) => c * parsed.alpha + behind[i]! * (1 - parsed.alpha)) as unknown as Rgb) : undefined;
}

function luminance([r, g, b]: Rgb): number {
  const linear = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * `colour`, or the first of `alternatives` that stands out from `background` by `minimum` (MARK_CONTRAST unless
 * said), or else `colour` mixed towards white (on a dark background) or black (on a light one) until it does. A
 * colour or background that cannot be read is left as it is.
 */
export function withMarkContrast(colour: string, background: string, alternatives: readonly string[] = [], minimum = MARK_CONTRAST): string {
  const behind = parseCssColour(background);
  const own = behind && shownOver(colour, behind);
  if (!behind || !own) {
    return colour;
  }
  for (const candidate of [colour, ...alternatives]) {
    const rgb = shownOver(candidate, behind);
    if (rgb && contrastRatio(rgb, behind) >= minimum) {
      return candidate;
    }
  }
  const towards: Rgb = luminance(behind) < 0.18 ? [255, 255, 255] : [0, 0, 0];
  for (let step = 1; step <= 10; step++) {
    const t = step / 10;
    const mixed = own.map((c, i) => c + (towards[i]! - c) * t) as unknown as Rgb;
    if (contrastRatio(mixed, behind) >= minimum) {
      return hex(mixed);
    }
  }
  return hex(towards);
}
