// The extension's own translations, as shipped in l10n/, for tests that read what a user of that language reads.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { useLanguage } from '../../../src/shared/locale/language';

/** The shipped bundle of `locale` ("de", "ja", …). */
export function shippedBundle(locale: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(__dirname, '../../../../l10n', `bundle.l10n.${locale}.json`), 'utf8')) as Record<string, string>;
}

/** `read` in `locale` with its shipped bundle loaded (until it settles); English again afterwards, whatever happens. */
export async function inShippedLanguage<T>(locale: string, read: () => T | Promise<T>): Promise<T> {
  useLanguage({ locale, messages: shippedBundle(locale) });
  try {
    return await read();
  } finally {
    useLanguage({ locale: 'en', messages: undefined });
  }
}
