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

/** A piece of a line no break falls inside, and whether a space stood before it. */
interface Unit {
  readonly text: string;
  readonly spaced: boolean;
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
 * The line's unbreakable pieces: a break may fall at a space, or between two words where either side is
 * full-width; punctuation stays with the word before it (no line starts with "," or "、"), an opening bracket
 * with the word after it.
 */
function units(line: string): Unit[] {
  const found: Array<{ text: string; spaced: boolean }> = [];
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
      found.push({ text: segment, spaced });
    }
    opened = OPENING.test(segment.slice(-1));
    spaced = false;
  }
  return found;
}

/**
 * `line` in lines at most `limit` wide (displayWidth), broken where the language allows; a piece wider than the
 * limit keeps a line of its own.
 */
export function breakLine(line: string, limit: number): string[] {
  if (displayWidth(line) <= limit) {
    return [line];
  }
  const lines: string[] = [];
  let current = '';
  for (const unit of units(line)) {
    const candidate = current ? `${current}${unit.spaced ? ' ' : ''}${unit.text}` : unit.text;
    if (current && displayWidth(candidate) > limit) {
      lines.push(current);
      current = unit.text;
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
 * `line` broken as breakLine breaks it, into as few lines, but of even widths: the narrowest limit that needs no
 * more lines. For a label of a few lines, where a greedy break leaves one word alone on the last.
 */
export function balancedLines(line: string, limit: number): string[] {
  const fewest = breakLine(line, limit);
  let best = fewest;
  for (let narrower = limit - 1; narrower > 0; narrower--) {
    const lines = breakLine(line, narrower);
    if (lines.length > fewest.length || lines.some((l) => displayWidth(l) > narrower)) {
      break;
    }
    best = lines;
  }
  return best;
}
