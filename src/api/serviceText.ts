// Text that came from the service, or from anything between it and us, quoted in messages the user sees.
// VS Code turns `[label](https://…)`, `[label](command:…)` and `[label](file:…)` in a notification's message
// into links (its linkedText parser, after turning newlines into spaces; a backslash does not escape them), and
// Markdown renderers do the same. Every such link needs the two characters "](" side by side: writing them as
// "] (" leaves the text readable and makes no link, whatever comes before or after it.
//
// Such text may also echo the request back, the xi-api-key header with it (a proxy's debug page, a 400 that
// quotes its input). The key, any part of it, and anything that looks like an ElevenLabs key are taken out
// before the text is shortened: a text cut first could keep the part of a key the cut went through.

/** Service text longer than this is cut: a proxy may send a whole page as a "message". */
const MAX_QUOTED_LENGTH = 300;

export const REDACTED = '[redacted]';

/** A run of this many characters of the key, anywhere in a text, is taken for part of the key. */
export const MIN_KEY_FRAGMENT = 8;

/** ElevenLabs keys are "sk_" and 48 hex digits; anything shaped like one is nobody's business in a message. */
const KEY_LIKE = /\bsk_[A-Za-z0-9_]{6,}/g;
/** The header echoed by name ("xi-api-key: …", '"xi-api-key": "…"'): its value, whatever the key looks like. */
const HEADER_ECHO = /xi-api-key["']?\s*[:=]\s*["']?([^\s"',;}]+)/gi;

/** Breaks every `](` so that no `[label](target)` link can be read in the text. Idempotent. */
export function withoutLinks(text: string): string {
  return text.replace(/\]\(/g, '] (');
}

/** One line, without control characters. */
function oneLine(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

type Span = readonly [start: number, end: number];

/** Where `text` holds the secret, a run of at least MIN_KEY_FRAGMENT of its characters, a key-like word or the header. */
function secretSpans(text: string, secret: string | undefined): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(KEY_LIKE)) {
    spans.push([match.index, match.index + match[0].length]);
  }
  for (const match of text.matchAll(HEADER_ECHO)) {
    const value = match[1]!;
    const start = match.index + match[0].length - value.length;
    spans.push([start, start + value.length]);
  }
  if (secret && secret.length >= MIN_KEY_FRAGMENT) {
    // The longest run of the key's characters starting at each place: O(text × key), for texts of a few hundred.
    for (let i = 0; i + MIN_KEY_FRAGMENT <= text.length; i++) {
      let longest = 0;
      for (let j = 0; j + MIN_KEY_FRAGMENT <= secret.length; j++) {
        let k = 0;
        while (i + k < text.length && j + k < secret.length && text[i + k] === secret[j + k]) {
          k++;
        }
        longest = Math.max(longest, k);
      }
      if (longest >= MIN_KEY_FRAGMENT) {
        spans.push([i, i + longest]);
      }
    }
  } else if (secret) {
    let from = text.indexOf(secret);
    while (from >= 0) {
      spans.push([from, from + secret.length]);
      from = text.indexOf(secret, from + secret.length);
    }
  }
  return spans;
}

/**
 * Whether `text` may hold the key or part of it (a run of MIN_KEY_FRAGMENT of its characters), something shaped
 * like a key, or the header echoed: a quick test, linear in the text, for the many short texts (series names)
 * that almost never do, before the slower redactSecrets.
 */
export function mayHoldSecret(text: string, secret: string | undefined): boolean {
  KEY_LIKE.lastIndex = 0;
  HEADER_ECHO.lastIndex = 0;
  if (KEY_LIKE.test(text) || HEADER_ECHO.test(text)) {
    return true;
  }
  if (!secret) {
    return false;
  }
  if (secret.length < MIN_KEY_FRAGMENT) {
    return text.includes(secret);
  }
  const fragments = new Set<string>();
  for (let j = 0; j + MIN_KEY_FRAGMENT <= secret.length; j++) {
    fragments.add(secret.slice(j, j + MIN_KEY_FRAGMENT));
  }
  for (let i = 0; i + MIN_KEY_FRAGMENT <= text.length; i++) {
    if (fragments.has(text.slice(i, i + MIN_KEY_FRAGMENT))) {
      return true;
    }
  }
  return false;
}

/**
 * The first `maxLength` characters of `text`, with every part that may be the key (see secretSpans) written as
 * [redacted]; "…" when the text was longer. The spans are found in the text beyond the cut as well, so that a key
 * the cut goes through is redacted whole, not shortened into a part that survives.
 */
export function redactSecrets(text: string, secret: string | undefined, maxLength: number): string {
  // The whole key is taken out of the whole text at once (fast for any length); its parts and look-alikes are
  // looked for in the part that can be shown, with room past the cut for a key that the cut goes through.
  const exact = secret ? text.split(secret).join(REDACTED) : text;
  const cut = Math.min(exact.length, maxLength);
  const searched = exact.slice(0, cut + (secret?.length ?? 0) + 128);
  const spans = secretSpans(searched, secret).sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (start >= cut) {
      break;
    }
    if (end <= at) {
      continue;
    }
    out += exact.slice(at, Math.max(at, start)) + (start >= at ? REDACTED : '');
    at = Math.max(at, end);
  }
  out += at < cut ? exact.slice(at, cut) : '';
  return exact.length > cut ? `${out}\u2026` : out;
}

/**
 * Service text fit to quote in a message: one line, no control characters, at most 300 characters, no links, and
 * no key: the `secret` sent with the request (any part of it) and anything shaped like a key are redacted first.
 */
export function quoteServiceText(text: string, secret?: string): string {
  return withoutLinks(redactSecrets(oneLine(text), secret, MAX_QUOTED_LENGTH));
}
