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
