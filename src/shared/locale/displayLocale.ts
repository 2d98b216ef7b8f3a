// The language every word, date and number is written in: VS Code's display language (`vscode.env.language`),
// set once at activation (changing it restarts the window), read by pure code without the vscode module.

let current = 'en';

/**
 * Takes VS Code's display language ("de", "ja", "zh-cn", "pt-br") as Intl spells it; a tag Intl cannot read
 * (a hostile or garbled value) leaves English, so no formatter ever throws on it.
 */
export function setDisplayLocale(tag: unknown): string {
  current = canonicalLocale(tag) ?? 'en';
  return current;
}

/** The display language as an Intl locale tag ("en", "de", "ja", "zh-CN", "pt-BR"). */
export function displayLocale(): string {
  return current;
}

/** `tag` as Intl spells it, or undefined when it is not a locale tag Intl can format with. */
export function canonicalLocale(tag: unknown): string | undefined {
  if (typeof tag !== 'string' || tag.length === 0 || tag.length > 35) {
    return undefined;
  }
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical && Intl.DateTimeFormat.supportedLocalesOf(canonical).length > 0 ? canonical : undefined;
  } catch {
    return undefined;
  }
}

// Formatters ask for a tag at every call that names a locale (the tooltip passes vscode.env.language): the
// answer of Intl's canonicalisation is kept per tag asked. The tags asked in a session are one or two; the bound
// only stops a hostile stream of tags from growing the map.
const resolved = new Map<string, string | undefined>();
const MAX_RESOLVED = 64;

/** The Intl tag a formatter uses for `locale`: its canonical form, or the display language when absent or unreadable. */
export function formattingLocale(locale?: string): string {
  if (locale === undefined) {
    return current;
  }
  if (!resolved.has(locale)) {
    if (resolved.size >= MAX_RESOLVED) {
      resolved.clear();
    }
    resolved.set(locale, canonicalLocale(locale));
  }
  return resolved.get(locale) ?? current;
}
