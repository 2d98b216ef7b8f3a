// Where a line of chart text may break, and how wide it is, in every language the extension speaks. Vega draws
// titles and labels without wrapping them, so textLayout.ts breaks them itself; a break at spaces alone leaves
// Japanese and Chinese (written without spaces) one unbreakable line, and counting characters takes their
// full-width glyphs, about twice a Latin letter's average, as narrow. Words come from Intl.Segmenter (ICU's
// dictionaries for Japanese and Chinese), so the built-in segmenter does what a line-break library would.

import { displayLocale } from '../../shared/locale/displayLocale';

/** East Asian Wide and Fullwidth characters (Unicode UAX #11): CJK, kana, Hangul, fullwidth forms. */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;
/** Punctuation that opens: it stays with what follows it ("(Pacific", "（12月"). */
const OPENING = /^[([{\u00ab\u2018\u201c\u3008\u300a\u300c\u300e\u3010\u3014\uff08\uff3b\uff5b]/u;

/**
 * How wide `text` is, in average Latin glyphs: a full-width character counts two. Chart layout budgets lines in
 * these units (textLayout.ts maxChars).
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    width += WIDE.test(char) ? 2 : 1;
  }
  return width;
}

/** A piece of text to set on a line, and what stands between it and the piece before it on the same line. */
export interface LinePiece {
  readonly text: string;
  readonly joiner: string;
}

const segmenters = new Map<string, Intl.Segmenter>();

function wordSegmenter(): Intl.Segmenter {
  const locale = displayLocale();
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/**
 * The line's unbreakable pieces, each joined to the one before by the space that stood there (or nothing): a
 * break may fall at a space, or between two words where either side is full-width; punctuation stays with the
 * word before it (no line starts with "," or "、"), an opening bracket with the word after it.
 */
function pieces(line: string): LinePiece[] {
  const found: Array<{ text: string; joiner: string }> = [];
  let spaced = false;
  let opened = false;
  for (const { segment, isWordLike } of wordSegmenter().segment(line)) {
    if (/^\s+$/u.test(segment)) {
      spaced = true;
      continue;
    }
    const last = found.at(-1);
    const wideJoin = last !== undefined && (WIDE.test(last.text.slice(-1)) || WIDE.test(segment.slice(0, 1)));
    const punctuation = !isWordLike && !OPENING.test(segment);
    if (last && !spaced && (opened || punctuation || !wideJoin)) {
      last.text += segment;
    } else {
      found.push({ text: segment, joiner: spaced ? ' ' : '' });
    }
    opened = OPENING.test(segment.slice(-1));
    spaced = false;
  }
  return found;
}

/**
 * The pieces, in order, greedily in lines at most `limit` wide (displayWidth); a piece wider than the limit keeps
 * a line of its own. The one fill of every wrap: breakLine's words, textLayout.ts wrapSegments' segments.
 */
export function fillLines(pieces: readonly LinePiece[], limit: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const candidate = current ? `${current}${piece.joiner}${piece.text}` : piece.text;
    if (current && displayWidth(candidate) > limit) {
      lines.push(current);
      current = piece.text;
    } else {
      current = candidate;
    }
  }
  if (current) {
    lines.push(current);
  }
  return lines;
}

/**
 * `line` in lines at most `limit` wide (displayWidth), broken where the language allows; a piece wider than the
 * limit keeps a line of its own.
 */
export function breakLine(line: string, limit: number): string[] {
  return displayWidth(line) <= limit ? [line] : fillLines(pieces(line), limit);
}

/**
 * `line` broken as breakLine breaks it, into as few lines, but of even widths: the narrowest limit that needs no
 * more lines. For a label of a few lines, where a greedy break leaves one word alone on the last. The line is
 * segmented once, whatever the number of limits tried.
 */
export function balancedLines(line: string, limit: number): string[] {
  const fewest = breakLine(line, limit);
  if (fewest.length === 1) {
    return fewest;
  }
  const split = pieces(line);
  let best = fewest;
  for (let narrower = limit - 1; narrower > 0; narrower--) {
    const lines = fillLines(split, narrower);
    if (lines.length > fewest.length || lines.some((l) => displayWidth(l) > narrower)) {
      break;
    }
    best = lines;
  }
  return best;
}
