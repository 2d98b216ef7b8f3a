// What an API key can hold. It travels in the xi-api-key header, whose value is bytes: a zero-width space or a
// curly quote copied along with the key cannot be sent at all, and fetch's refusal would otherwise read as
// "offline". ElevenLabs keys are printable ASCII.

export type ApiKeyFormatProblem = 'empty' | 'whitespace' | 'notPrintableAscii';

/** What keeps `key` (already trimmed) from being an API key, before any request; undefined when nothing does. */
export function apiKeyFormatProblem(key: string): ApiKeyFormatProblem | undefined {
  if (key === '') {
    return 'empty';
  }
  // Anything but printable ASCII and ASCII spacing: a zero-width or non-breaking space, a curly quote, a letter
  // with an accent. Invisible or not, none of them is in a key.
  if (/[^\x20-\x7e\t\n\v\f\r]/.test(key)) {
    return 'notPrintableAscii';
  }
  return /\s/.test(key) ? 'whitespace' : undefined;
}
