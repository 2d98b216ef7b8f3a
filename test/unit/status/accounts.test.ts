// The accounts model: the single key of older versions as "Default" with nothing to do, names that cannot collide
// or break the status bar, and a list read from globalState that is whole and consistent or not taken at all.
import * as assert from 'node:assert/strict';
import {
  accountNamed,
  activeAccount,
  addAccount,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_ACCOUNT_NAME,
  forPeople,
  forStorage,
  initialAccounts,
  MAX_ACCOUNTS,
  nameProblem,
  newAccountId,
  parseAccounts,
  removeAccount,
  renameAccount,
  secretNameOf,
  switchAccount,
  type Accounts,
  type AccountsChange,
} from '../../../src/status/accounts/accounts';
import { otherAccountWords, quotasOfOthers, withAccounts } from '../../../src/status/accounts/accountWords';
import { inShippedLanguage } from '../helpers/shippedLanguage';
import type { OtherAccountFigures } from '../../../src/status/accounts/otherAccounts';
import type { SubscriptionQuota } from '../../../src/api/types';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';

const EU = 'https://api.eu.residency.elevenlabs.io';

function changed(change: AccountsChange): Accounts {
  assert.ok(change.ok, !change.ok ? change.message : '');
  return change.accounts;
}

function refused(change: AccountsChange): string {
  assert.ok(!change.ok, 'the change was made');
  return change.message;
}

describe('accounts', () => {
  it('start as Default alone, whose key is the single-key versions\u2019 secret and whose host is the setting', () => {
    const accounts = parseAccounts(undefined);
    assert.deepEqual(accounts, initialAccounts());
    assert.deepEqual(activeAccount(accounts), { id: DEFAULT_ACCOUNT_ID, name: 'Default' });
    assert.equal(secretNameOf(DEFAULT_ACCOUNT_ID), 'elevenlabsUsage.apiKey');
    assert.equal(secretNameOf('a1b2c3d4'), 'elevenlabsUsage.apiKey.a1b2c3d4');
  });

  it('add one with its own host, made active; rename, switch and remove keep the list consistent', () => {
    let accounts = changed(addAccount(initialAccounts(), { id: 'a1b2c3d4', name: '  Client A ', baseUrl: EU }));
    assert.deepEqual(activeAccount(accounts), { id: 'a1b2c3d4', name: 'Client A', baseUrl: EU });
    accounts = changed(renameAccount(accounts, DEFAULT_ACCOUNT_ID, 'Personal'));
    assert.equal(accountNamed(accounts, 'personal')?.id, DEFAULT_ACCOUNT_ID);
    accounts = changed(switchAccount(accounts, DEFAULT_ACCOUNT_ID));
    assert.equal(activeAccount(accounts).name, 'Personal');
    // Removing the active one makes the first left active; the last one cannot go.
    accounts = changed(removeAccount(accounts, DEFAULT_ACCOUNT_ID));
    assert.deepEqual(accounts, { list: [{ id: 'a1b2c3d4', name: 'Client A', baseUrl: EU }], activeId: 'a1b2c3d4' });
    assert.match(refused(removeAccount(accounts, 'a1b2c3d4')), /only account\. To forget its key, run "ElevenLabs: Remove API Key"/);
    // And what a stored list round-trips as.
    assert.deepEqual(parseAccounts(JSON.parse(JSON.stringify(accounts))), accounts);
  });

  it('refuses a duplicate name whatever its case or spaces, an empty or unprintable one, and an eleventh account', () => {
    const accounts = changed(addAccount(initialAccounts(), { id: 'a1b2c3d4', name: 'Client A', baseUrl: EU }));
    assert.match(refused(addAccount(accounts, { id: 'b1b2c3d4', name: ' client a ', baseUrl: EU })), /already named "Client A"/);
    assert.match(refused(renameAccount(accounts, DEFAULT_ACCOUNT_ID, 'CLIENT A')), /already named "Client A"/);
    assert.ok(renameAccount(accounts, 'a1b2c3d4', 'client a').ok, 'an account may change its own name\u2019s case');
    assert.match(refused(addAccount(accounts, { id: 'b1b2c3d4', name: '   ', baseUrl: EU })), /Type a name/);
    assert.match(refused(addAccount(accounts, { id: 'b1b2c3d4', name: 'Line\nbreak', baseUrl: EU })), /printable characters only/);
    assert.match(refused(addAccount(accounts, { id: 'b1b2c3d4', name: 'x'.repeat(41), baseUrl: EU })), /40 characters or fewer/);
    let full = initialAccounts();
    for (let i = 1; i < MAX_ACCOUNTS; i++) {
      full = changed(addAccount(full, { id: `acc${i}xxxxx`, name: `Account ${i}`, baseUrl: EU }));
    }
    assert.match(refused(addAccount(full, { id: 'lastxxxxx', name: 'One more', baseUrl: EU })), /At most 10 accounts/);
    assert.match(refused(switchAccount(accounts, 'gone0000')), /no longer exists/);
  });

  it('reads a stored list as untrusted: anything but a whole, consistent one is the initial list', () => {
    const good = { list: [{ id: DEFAULT_ACCOUNT_ID, name: 'Default' }, { id: 'a1b2c3d4', name: 'Client A', baseUrl: EU }], activeId: 'a1b2c3d4' };
    assert.deepEqual(parseAccounts(good), good);
    const hostile: unknown[] = [
      null,
      'accounts',
      [],
      { list: [], activeId: DEFAULT_ACCOUNT_ID },
      { ...good, activeId: 'nobody00' },
      { ...good, activeId: 7 },
      { ...good, list: [...good.list, { id: 'a1b2c3d4', name: 'Twin', baseUrl: EU }] },
      { ...good, list: [...good.list, { id: 'b1b2c3d4', name: 'client a', baseUrl: EU }] },
      { ...good, list: [{ id: DEFAULT_ACCOUNT_ID, name: 'Default', baseUrl: 'https://collector.example.com' }] },
      { ...good, list: [good.list[0], { id: 'a1b2c3d4', name: 'Client A' }] },
      { ...good, list: [good.list[0], { id: '../../etc', name: 'Client A', baseUrl: EU }] },
      { ...good, list: [good.list[0], { id: 'a1b2c3d4', name: 'Client\u2028A', baseUrl: EU }] },
      { ...good, list: [good.list[0], { id: 'a1b2c3d4', name: ' padded ', baseUrl: EU }] },
      { ...good, list: [good.list[0], { id: 'a1b2c3d4', name: 'Client A', baseUrl: `https://${'x'.repeat(300)}` }] },
      { list: Array.from({ length: 11 }, (_, i) => ({ id: `acc${i}xxxxx`, name: `A${i}`, baseUrl: EU })), activeId: 'acc0xxxxx' },
    ];
    for (const raw of hostile) {
      assert.deepEqual(parseAccounts(raw), initialAccounts(), JSON.stringify(raw)?.slice(0, 100));
    }
  });

  it('gives a new account an id of its own, never Default\u2019s or one in use', () => {
    const accounts = changed(addAccount(initialAccounts(), { id: 'aaaaaaaa', name: 'A', baseUrl: EU }));
    const draws = ['AAAA-AAAA', 'de', 'default', 'aaaaaaaa', 'b1c2d3e4f5a6b7'];
    assert.equal(newAccountId(accounts, () => draws.shift()!), 'b1c2d3e4f5a6');
  });
});

describe('the item and tooltip with several accounts', () => {
  const CALENDAR_WORDS = { nowMs: Date.UTC(2026, 11, 7, 6), calendar: ZonedCalendar.for('Asia/Kathmandu'), locale: 'en-US' };
  const view = { text: '$(unmute) 12.3k chars', accessibilityLabel: 'ElevenLabs: 12,345 characters today', tooltipMarkdown: 'figures', background: undefined, command: 'x' };

  it('reads as always with one account, and names the active one with several, its name never drawn as an icon', () => {
    assert.deepEqual(withAccounts(view, { names: [{ id: 'default', name: 'Default' }], activeId: 'default' }, CALENDAR_WORDS), view);
    const shown = withAccounts(view, { names: [{ id: 'default', name: 'Default' }, { id: 'a1b2c3d4', name: '$(alert) B' }], activeId: 'a1b2c3d4' }, CALENDAR_WORDS);
    assert.equal(shown.text, '$(unmute) $\u200b(alert) B: 12.3k chars');
    assert.equal(shown.accessibilityLabel, 'ElevenLabs, $(alert) B: 12,345 characters today');
    assert.match(shown.tooltipMarkdown, /^\*\*Account:\*\* \\\$\\\(alert\\\) B \(2 of 2\)/);
    assert.match(shown.tooltipMarkdown, /- \[Default\]\(command:elevenlabsUsage\.switchAccount\?%5B%22default%22%5D\): not asked yet/);
    // An icon alone stays an icon.
    assert.equal(withAccounts({ ...view, text: '$(unmute)' }, { names: [{ id: 'default', name: 'Default' }, { id: 'b1', name: 'B' }], activeId: 'b1' }, CALENDAR_WORDS).text, '$(unmute)');
  });

  it('puts the account\u2019s name before its figures as the language punctuates (French: a space before the colon)', async () => {
    const accounts = { names: [{ id: 'default', name: 'Default' }, { id: 'b1', name: 'Client B' }], activeId: 'b1' };
    const french = await inShippedLanguage('fr', () => withAccounts(view, accounts, { ...CALENDAR_WORDS, locale: 'fr' }));
    assert.equal(french.text, '$(unmute) Client B : 12.3k chars');
    assert.match(french.tooltipMarkdown, /^- \[Default\]\(command:[^)]+\) : /m);
    const japanese = await inShippedLanguage('ja', () => withAccounts(view, accounts, { ...CALENDAR_WORDS, locale: 'ja' }));
    assert.equal(japanese.text, '$(unmute) Client B\uff1a12.3k chars');
  });

  it('words another account\u2019s figures with their times, and why they are old', () => {
    const at = CALENDAR_WORDS.nowMs - 20 * 60_000;
    // Resets at 23:00 UTC on 16 Dec: 17 Dec in Kathmandu (UTC+5:45), the user's day.
    const quota = { tier: 'creator', used: 45_000, limit: 100_000, resetsAtMs: Date.UTC(2026, 11, 16, 23) } as unknown as SubscriptionQuota;
    assert.equal(
      otherAccountWords({ characters: { value: 12_345, atMs: at }, quota: { value: quota, atMs: at }, problem: { message: 'ElevenLabs had a server error (HTTP 503).', atMs: CALENDAR_WORDS.nowMs } }, CALENDAR_WORDS),
      '12,345 characters today (at 11:25 AM) · 45% of the quota, resets Dec 17, 2026 (at 11:25 AM) · the last request failed at 11:45 AM: ElevenLabs had a server error (HTTP 503).',
    );
    assert.match(otherAccountWords({ quota: { value: { ...quota, resetsAtMs: CALENDAR_WORDS.nowMs - 1 }, atMs: at } }, CALENDAR_WORDS), /45% of the quota, its period has ended/);
    assert.match(otherAccountWords({ quota: { value: { ...quota, resetsAtMs: undefined }, atMs: at } }, CALENDAR_WORDS), /^45% of the quota \(at/);
    assert.match(otherAccountWords({ characters: { value: 5, atMs: at - 86_400_000 } }, CALENDAR_WORDS), /^5 characters on an earlier day/);
  });

  it('hands every other account\u2019s last quota, with its name, to the quota alerts; never the active one\u2019s twice', () => {
    const quota = (account: string) => ({ tier: 'creator', used: 91_000, limit: 100_000, account }) as unknown as SubscriptionQuota;
    const figures: Record<string, OtherAccountFigures> = { b1: { quota: { value: quota('hb'), atMs: 1 } }, c1: { characters: { value: 5, atMs: 1 } }, default: { quota: { value: quota('hd'), atMs: 1 } } };
    const names = [{ id: 'default', name: 'Default' }, { id: 'b1', name: 'B' }, { id: 'c1', name: 'C' }];
    assert.deepEqual(quotasOfOthers({ names, activeId: 'default', figuresOf: (id) => figures[id] }), [{ quota: figures['b1']!.quota!.value, name: 'B' }]);
    assert.deepEqual(
      quotasOfOthers({ names, activeId: 'c1', figuresOf: (id) => figures[id] }).map((q) => q.name),
      ['Default', 'B'],
    );
  });

  it('adds up today\u2019s characters of every account with a figure of today when asked to (statusBar.accounts "sum"), saying how many', () => {
    const names = [{ id: 'default', name: 'Default' }, { id: 'b1', name: 'B' }, { id: 'c1', name: 'C' }];
    const today = CALENDAR_WORDS.nowMs - 30 * 60_000;
    const figures: Record<string, OtherAccountFigures> = { b1: { characters: { value: 1_000, atMs: today } }, c1: { characters: { value: 99, atMs: today - 86_400_000 } } };
    const accounts = { names, activeId: 'default', mode: 'sum' as const, activeCharactersToday: 12_345, figuresOf: (id: string) => figures[id] };
    const shown = withAccounts(view, accounts, CALENDAR_WORDS);
    assert.equal(shown.text, '$(unmute) 13.3k chars (2 of 3 accounts)');
    assert.equal(shown.accessibilityLabel, 'ElevenLabs, 2 of 3 accounts: 13,345 characters today');
    assert.match(shown.tooltipMarkdown, /^\*\*All accounts today:\*\* 13,345 characters \(2 of 3 accounts; the others as of their last figure\)/);
    figures['c1'] = { characters: { value: 5, atMs: today } };
    assert.equal(withAccounts(view, accounts, CALENDAR_WORDS).text, '$(unmute) 13.4k chars (3 accounts)');
    // Without a figure of today for the active account, the item shows it as it stands (no sum of the others alone).
    assert.equal(withAccounts(view, { ...accounts, activeCharactersToday: undefined }, CALENDAR_WORDS).text, '$(unmute) Default: 12.3k chars');
  });
});

describe('the Default account in the display language', () => {
  it('is read as the language names it while it keeps its name, and stored as "Default" whatever the language', async () => {
    const stored = { list: [{ id: DEFAULT_ACCOUNT_ID, name: DEFAULT_ACCOUNT_NAME }, { id: 'b1', name: 'Client B' }], activeId: 'b1' };
    const german = await inShippedLanguage('de', () => forPeople(stored));
    assert.deepEqual(german.list.map((a) => a.name), ['Standard', 'Client B']);
    assert.deepEqual(await inShippedLanguage('de', () => forStorage(german)), stored);
    assert.deepEqual((await inShippedLanguage('ja', () => forPeople(stored))).list.map((a) => a.name), ['既定', 'Client B']);
    // A name the user gave it is theirs, in any language; another account named "Default" is not Default.
    const renamed = { list: [{ id: DEFAULT_ACCOUNT_ID, name: 'Privat' }, { id: 'b1', name: 'Default' }], activeId: 'b1' };
    assert.deepEqual(await inShippedLanguage('de', () => forPeople(renamed)), renamed);
    assert.deepEqual(forPeople(stored), stored, 'English reads it as stored');
  });

  it('never gives two accounts one name, and Default still answers to "Default" where it reads otherwise', async () => {
    const stored = { list: [{ id: DEFAULT_ACCOUNT_ID, name: DEFAULT_ACCOUNT_NAME }, { id: 'b1', name: 'Client B' }], activeId: 'b1' };
    await inShippedLanguage('de', () => {
      const german = forPeople(stored);
      // A task's {"account": "Default"} and a new account named "Default" both find Default, shown as "Standard".
      assert.equal(accountNamed(german, 'default')?.id, DEFAULT_ACCOUNT_ID);
      assert.match(nameProblem(german, 'Default') ?? '', /heißt bereits "Standard"/);
      // Another account named "Standard" (named in English): Default reads as stored, not a second "Standard".
      const standard = { ...stored, list: [stored.list[0]!, { id: 'b1', name: 'Standard' }] };
      assert.deepEqual(forPeople(standard), standard);
      // A list from elsewhere with another "Default": Default is stored by its shown name, and the list survives being read back.
      const clash = { ...stored, list: [{ id: DEFAULT_ACCOUNT_ID, name: 'Standard' }, { id: 'b1', name: 'Default', baseUrl: 'https://api.elevenlabs.io' }] };
      assert.deepEqual(parseAccounts(forStorage(clash)), clash);
    });
  });
});
