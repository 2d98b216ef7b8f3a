import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { readMessages, spokenLanguage, useLanguage } from '../../../src/shared/locale/language';
import { displayLocale } from '../../../src/shared/locale/displayLocale';
import { plural } from '../../../src/shared/locale/plural';

describe('the language a bundle speaks (shared/locale/language)', () => {
  afterEach(() => useLanguage({ locale: 'en', messages: undefined }));

  it('translates through l10n and formats through Intl once told, and forgets a language told later', () => {
    useLanguage({ locale: 'de', messages: { 'Updated {0}': 'Aktualisiert {0}' } });
    assert.equal(l10n.t('Updated {0}', '22:17'), 'Aktualisiert 22:17');
    assert.equal(displayLocale(), 'de');
    assert.equal(spokenLanguage().locale, 'de');
    useLanguage({ locale: 'en', messages: undefined });
    assert.equal(l10n.t('Updated {0}', '10:17 PM'), 'Updated 10:17 PM', 'English again, not the German left behind');
  });

  it('keeps only string messages within bounds from a hostile bundle (a page reads it from its HTML)', () => {
    const hostile: Record<string, unknown> = { ok: 'gut', number: 42, nested: { a: 'b' }, long: 'x'.repeat(5000), ['y'.repeat(5000)]: 'z' };
    assert.deepEqual({ ...readMessages(hostile) }, { ok: 'gut' });
    for (const notABundle of [null, 'text', ['a'], 42, undefined]) {
      assert.equal(readMessages(notABundle), undefined);
    }
    const many = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`m${i}`, 'v']));
    assert.equal(Object.keys(readMessages(many)!).length, 5000);
    useLanguage({ locale: { toString: () => 'de' }, messages: hostile });
    assert.equal(displayLocale(), 'en', 'a locale that is not a string is not read');
  });

  it('chooses singular and plural as the language counts: French 0 is singular, English 0 plural, Japanese one form', () => {
    assert.equal(plural(0, 'one', 'other', 'fr'), 'one');
    assert.equal(plural(0, 'one', 'other', 'en'), 'other');
    assert.equal(plural(1, 'one', 'other', 'en'), 'one');
    assert.equal(plural(1, 'one', 'other', 'ja'), 'other');
    assert.equal(plural(1, 'one', 'other', 'pt-BR'), 'one');
  });
});
