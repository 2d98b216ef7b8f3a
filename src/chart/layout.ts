// Text layout from the width the chart gets: Vega neither wraps titles nor legends, so the subtitle's
// segments and the legend's columns are fitted here, from average glyph widths of the theme's font size.

import type { ChartSpecOptions } from './options';

/** The width assumed for layout when the caller does not say. */
const DEFAULT_AVAILABLE_WIDTH = 900;

/** About how many characters of subtitle text fit the available width (an average glyph is ~0.55 em). */
export function maxChars(options: ChartSpecOptions, fontSize = 12): number {
  const width = options.availableWidth ?? DEFAULT_AVAILABLE_WIDTH;
  return Math.max(24, Math.floor((width - 40) / (fontSize * 0.55)));
}

/** Joins segments with " · " into lines of at most `limit` characters (a longer segment gets a line alone). */
export function wrapSegments(segments: readonly string[], limit: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const segment of segments) {
    const candidate = line ? `${line} \u00b7 ${segment}` : segment;
    if (line && candidate.length > limit) {
      lines.push(line);
      line = segment;
    } else {
      line = candidate;
    }
  }
  if (line) {
    lines.push(line);
  }
  return lines;
}

/**
 * Breaks a line longer than `limit` characters at spaces (a word longer than that keeps a line of its own): for
 * subtitles whose sentences come from elsewhere (the billing period's notes) and may be longer than any panel.
 */
export function wrapWords(line: string, limit: number): string[] {
  if (line.length <= limit) {
    return [line];
  }
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && candidate.length > limit) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) {
    lines.push(current);
  }
  return lines;
}

/** Legend columns that fit the available width: as many as the longest label allows, at most four. */
export function legendColumns(keys: readonly string[], fontSize: number, options: ChartSpecOptions = {}): number {
  if (keys.length <= 1) {
    return 1;
  }
  const width = options.availableWidth ?? DEFAULT_AVAILABLE_WIDTH;
  const longest = keys.reduce((max, key) => Math.max(max, key.length), 0);
  const entry = 16 + 6 + Math.min(360, longest * (fontSize - 1) * 0.58) + 18;
  return Math.max(1, Math.min(4, keys.length, Math.floor((width - 40) / entry)));
}

