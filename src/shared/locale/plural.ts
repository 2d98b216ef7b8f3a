// Choosing between a message's singular and plural as the display language counts: French says "0 compte",
// English "0 accounts", Japanese has one form for every count. Both messages go through l10n.t, so each
// translation brings its own pair; a language with more forms than two (none shipped yet) would need more.

import { displayLocale } from './displayLocale';

const rules = new Map<string, Intl.PluralRules>();

/** `one` when the display language calls `count` singular, `other` otherwise. */
export function plural(count: number, one: string, other: string, locale = displayLocale()): string {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  return rule.select(count) === 'one' ? one : other;
}
