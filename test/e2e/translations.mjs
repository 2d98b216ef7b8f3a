// What a language's user reads, as the tests expect it: the extension's own bundles (l10n/bundle.l10n.<locale>.json),
// never the English, with placeholders filled or matched.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './harness.mjs';
import { escapeRegExp } from './ui.mjs';

/** The words of `locale` for an English message, placeholders filled: the bundle's, never the English. */
export function wordsOf(locale) {
  const bundle = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', `bundle.l10n.${locale}.json`), 'utf8'));
  return (message, ...args) => {
    const words = bundle[message];
    // A name may stay as it is in a language ("Character stats" in Japanese), but it must be there.
    assert.ok(typeof words === 'string', `bundle.l10n.${locale}.json has ${JSON.stringify(message)}`);
    return words.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
  };
}

/** A pattern for a translated message whose placeholders hold what `holes` match (each captured; any text when absent). */
export function patternOf(words, message, ...holes) {
  const marker = '\u0000';
  const template = words(message, ...Array.from({ length: 6 }, (_, i) => `${marker}${i}${marker}`));
  return new RegExp(escapeRegExp(template).replace(new RegExp(`${marker}(\\d)${marker}`, 'g'), (_, i) => `(${holes[Number(i)] ?? '.+?'})`));
}
