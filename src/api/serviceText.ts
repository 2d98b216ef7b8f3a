// Text that came from the service, or from anything between it and us, quoted in messages the user sees.
// VS Code turns `[label](https://…)`, `[label](command:…)` and `[label](file:…)` in a notification's message
// into links (its linkedText parser, after turning newlines into spaces; a backslash does not escape them), and
// Markdown renderers do the same. Every such link needs the two characters "](" side by side: writing them as
// "] (" leaves the text readable and makes no link, whatever comes before or after it.

/** Service text longer than this is cut: a proxy may send a whole page as a "message". */
const MAX_QUOTED_LENGTH = 300;

/** Breaks every `](` so that no `[label](target)` link can be read in the text. Idempotent. */
export function withoutLinks(text: string): string {
  return text.replace(/\]\(/g, '] (');
}

/** Service text fit to quote in a message: one line, no control characters, at most 300 characters, no links. */
export function quoteServiceText(text: string): string {
  const oneLine = text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const short = oneLine.length > MAX_QUOTED_LENGTH ? `${oneLine.slice(0, MAX_QUOTED_LENGTH)}\u2026` : oneLine;
  return withoutLinks(short);
}
