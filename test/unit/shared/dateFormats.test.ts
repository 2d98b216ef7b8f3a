import * as assert from 'node:assert/strict';
import { formatInstant, formatWallTime } from '../../../src/shared/locale/dateFormats';
import { canonicalLocale, displayLocale, setDisplayLocale } from '../../../src/shared/locale/displayLocale';

// Intl puts narrow no-break spaces before "PM" and inside some dates; the assertions read as a person does.
const plain = (text: string): string => text.replace(/[\u202f\u00a0]/g, ' ');

// Thu 17 Dec 2026, 16:32 UTC: 22:17 in Kathmandu (+05:45), 13:02 in St John's (−03:30), 05:32 next day in Auckland.
const MOMENT = Date.UTC(2026, 11, 17, 16, 32);

describe('one rule for dates and times (shared/locale/dateFormats)', () => {
  afterEach(() => setDisplayLocale('en'));

  it('writes a 12-hour language with AM/PM and a 24-hour one without, in the zone asked for', () => {
    assert.equal(plain(formatInstant(MOMENT, 'time', 'Asia/Kathmandu', 'en')), '10:17 PM');
    assert.equal(formatInstant(MOMENT, 'time', 'Asia/Kathmandu', 'de'), '22:17');
    assert.equal(formatInstant(MOMENT, 'time', 'America/St_Johns', 'ja'), '13:02');
    assert.equal(plain(formatInstant(MOMENT, 'time', 'America/St_Johns', 'en-GB')), '13:02');
  });

  it('names the day in the zone, not in UTC: a far-east zone is already on the next day', () => {
    assert.equal(formatInstant(MOMENT, 'weekdayDate', 'Pacific/Auckland', 'en'), 'Fri, Dec 18, 2026');
    assert.equal(formatInstant(MOMENT, 'weekdayDate', 'Pacific/Auckland', 'de'), 'Fr., 18. Dez. 2026');
    assert.equal(formatInstant(MOMENT, 'date', 'Pacific/Auckland', 'ja'), '2026年12月18日');
    assert.equal(formatInstant(MOMENT, 'weekdayDate', 'America/St_Johns', 'zh-CN'), '2026年12月17日周四');
  });

  it('follows the display language when no locale is given, as every caller in the extension does', () => {
    setDisplayLocale('fr');
    assert.equal(plain(formatInstant(MOMENT, 'weekdayDateTime', 'Asia/Kathmandu')), 'jeu. 17 déc. 2026, 22:17');
    setDisplayLocale('pt-br');
    assert.equal(displayLocale(), 'pt-BR');
    assert.equal(formatInstant(MOMENT, 'monthLong', 'Asia/Kathmandu'), 'dezembro de 2026');
    setDisplayLocale('es');
    assert.equal(formatInstant(MOMENT, 'month', 'Asia/Kathmandu'), 'dic 2026');
  });

  it('writes a wall clock already read in the user zone the same way as the instant itself', () => {
    const wall = { year: 2026, month: 12, day: 17, hour: 22, minute: 17 };
    for (const locale of ['en', 'de', 'ja', 'zh-CN', 'fr', 'es', 'pt-BR']) {
      for (const form of ['time', 'weekdayDateTime', 'monthDay', 'month'] as const) {
        assert.equal(formatWallTime(wall, form, locale), formatInstant(MOMENT, form, 'Asia/Kathmandu', locale), `${locale} ${form}`);
      }
    }
  });

  it('keeps English for a display language Intl cannot read, and never throws on a hostile value', () => {
    for (const hostile of ['', 'not a locale!', 'x'.repeat(10_000), 42, undefined, '__proto__']) {
      assert.equal(setDisplayLocale(hostile), 'en', String(hostile).slice(0, 20));
      assert.equal(plain(formatInstant(MOMENT, 'time', 'Asia/Kathmandu')), '10:17 PM');
    }
    assert.equal(canonicalLocale('zh-cn'), 'zh-CN');
  });

  it('writes an unknown zone in UTC and a non-finite instant as "?" rather than throwing', () => {
    assert.equal(formatInstant(MOMENT, 'time', 'Mars/Olympus_Mons', 'de'), '16:32');
    assert.equal(formatInstant(Number.NaN, 'date', 'UTC', 'de'), '?');
  });
});
