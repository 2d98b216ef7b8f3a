// Quota alerts: which one is due, its words, and that it is shown once per threshold per billing period across
// windows and restarts.
//
// Two windows are two extension hosts sharing two things: globalState (every window of a profile sees the same
// values, but a write reaches the other windows only after a moment, and there is no compare-and-set) and the
// extension's global storage folder on disk. The record of what was shown lives in globalState; who shows an alert
// is decided by a claim file created with O_EXCL in the storage folder. The tests below run the real QuotaAlerts
// and FileClaims for two windows on one folder, with a globalState whose writes reach the other window late, and
// check that one notification comes of two windows checking at the same moment (and that, without the claims, two
// would: the race is real). Then separate processes contend for the same claims at the same instant: O_EXCL is
// decided by the kernel whichever process asks, so this is what two extension hosts do. That is why this is
// enough without two VS Code windows: the only thing two real windows add is that VS Code gives them the same
// globalStorageUri, which it does by design for every window of a profile.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { settle } from '../../simulation/simulatedClock';
import { accountIdOf } from '../../../src/api/accountId';
import type { SubscriptionQuota } from '../../../src/api/types';
import { FileClaims } from '../../../src/status/schedule/fileClaims';
import {
  ALERT_RECORD_KEY,
  alertMessage,
  dueAlert,
  MAX_ALERT_ACCOUNTS,
  periodKey,
  QuotaAlerts,
  reachedThresholds,
  readThresholds,
  type ClaimRegistry,
  type SharedStore,
} from '../../../src/status/quotaAlerts';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { useLanguage } from '../../../src/shared/locale/language';
import { shippedBundle } from '../helpers/shippedLanguage';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 9, 0);
const RESET = Date.UTC(2026, 11, 7, 8, 14, 26);
const CALENDAR = ZonedCalendar.for('Europe/Berlin');
/** Account ids as the client makes them (src/api/accountId.ts). */
const ACCOUNT = accountIdOf('https://api.elevenlabs.io', 'sk_first_account_key');
const OTHER_ACCOUNT = accountIdOf('https://api.elevenlabs.io', 'sk_second_account_key');

function quota(used: number, overrides: Partial<SubscriptionQuota> = {}): SubscriptionQuota {
  return { tier: 'creator', used, limit: 1_219_705, resetsAtMs: RESET, status: 'active', billingPeriod: 'monthly_period', ...overrides };
}

/**
 * globalState as windows share it: each window reads its own copy at once, and a write reaches the other windows
 * `lagMs` later (in VS Code, after a round trip through the main process). No compare-and-set.
 */
class SharedGlobalState {
  /** What is stored on disk, which a window opened later starts from. */
  private readonly stored = new Map<string, unknown>();
  private readonly copies: Array<Map<string, unknown>> = [];

  constructor(private readonly lagMs: number) {}

  window(): SharedStore {
    const mine = new Map(this.stored);
    this.copies.push(mine);
    return {
      get: (key) => mine.get(key),
      update: async (key, value) => {
        mine.set(key, value);
        setTimeout(() => {
          this.stored.set(key, value);
          this.copies.filter((copy) => copy !== mine).forEach((copy) => copy.set(key, value));
        }, this.lagMs);
      },
    };
  }
}

/**
 * Until the notification's choice is handled and stored: its promise chain (microtasks), then the store's
 * propagation, a timer of lagMs 0 that Node runs before any timer of 0 set after it. An order, not a duration.
 */
async function choiceHandled(): Promise<void> {
  await settle();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A registry without any exclusion: every contender wins. What globalState alone amounts to. */
const everyoneWins: ClaimRegistry = { claim: async () => true, forget: async () => undefined };

function alertsFor(store: SharedStore, claims: ClaimRegistry, shown: string[], choice?: string) {
  const problems: string[] = [];
  const alerts = new QuotaAlerts({
    store,
    claims,
    notify: async (message) => {
      shown.push(message);
      return choice;
    },
    showUsage: () => undefined,
    now: () => NOW,
    calendar: () => CALENDAR,
    locale: 'en-US',
    onProblem: (message) => problems.push(message),
  });
  return { alerts, problems };
}

describe('quota alerts', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'elevenlabs-usage-claims-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  describe('which alert is due', () => {
    it('reads the setting: ascending without repeats, leaving out what is not a percent', () => {
      assert.deepEqual(readThresholds([100, 75, 90, 75]), { thresholds: [75, 90, 100], ignored: [] });
      assert.deepEqual(readThresholds([]), { thresholds: [], ignored: [] }, 'an empty list turns alerts off');
      assert.deepEqual(readThresholds([50, 0, -5, '80', 2000, null, 150]), { thresholds: [50, 150], ignored: [0, -5, '80', 2000, null] });
      assert.deepEqual(readThresholds(90), { thresholds: [75, 90, 100], ignored: [90] }, 'not a list: the default');
    });

    it('reaches a threshold at exactly that share, without rounding', () => {
      const limit = { limit: 100_000 };
      assert.deepEqual(reachedThresholds(quota(89_999, limit), [75, 90, 100]), [75]);
      assert.deepEqual(reachedThresholds(quota(90_000, limit), [75, 90, 100]), [75, 90]);
      assert.deepEqual(reachedThresholds(quota(112_000, limit), [75, 90, 100, 110, 150]), [75, 90, 100, 110]);
      assert.deepEqual(reachedThresholds(quota(5, { limit: 0 }), [75]), [], 'no limit, nothing reached');
    });

    it('names the highest threshold reached, once per period, and none after \u201cDon\u2019t Alert Again This Period\u201d', () => {
      const at91 = quota(1_109_932);
      const due = dueAlert(ACCOUNT, at91, [75, 90, 100], undefined, NOW);
      assert.deepEqual(due, { account: ACCOUNT, period: 'reset-2026-12-07', threshold: 90, reached: [75, 90] });
      assert.equal(dueAlert(ACCOUNT, at91, [75, 90, 100], { period: 'reset-2026-12-07', shown: [75, 90], silenced: false }, NOW), undefined);
      assert.equal(dueAlert(ACCOUNT, at91, [75, 90, 100], { period: 'reset-2026-12-07', shown: [75], silenced: true }, NOW), undefined);
      assert.deepEqual(dueAlert(ACCOUNT, at91, [75, 90, 100], { period: 'reset-2026-11-07', shown: [75, 90], silenced: true }, NOW)?.threshold, 90, 'a new period starts again');
      assert.equal(dueAlert(ACCOUNT, at91, [75, 90, 100], undefined, RESET + 1), undefined, 'figures of an ended period alert nothing');
      assert.equal(dueAlert(ACCOUNT, at91, [], undefined, NOW), undefined, 'alerts off');
    });

    it('keys the period by its reset day, so a reset time a second off is the same period', () => {
      assert.equal(periodKey(quota(1, { resetsAtMs: RESET + 1000 })), periodKey(quota(1)));
      assert.notEqual(periodKey(quota(1, { resetsAtMs: RESET + 30 * DAY })), periodKey(quota(1)));
      assert.equal(periodKey(quota(1, { resetsAtMs: undefined })), 'no-reset');
    });

    it('words the notification with the figures and the reset in the user\u2019s days', () => {
      assert.equal(alertMessage(quota(1_109_932), 90, NOW, CALENDAR, 'en-US'), 'ElevenLabs quota 90% used: 1,109,932 of 1,219,705 credits, resets in 7 days');
      assert.equal(alertMessage(quota(1_109_932, { resetsAtMs: NOW + DAY }), 90, NOW, CALENDAR, 'en-US'), 'ElevenLabs quota 90% used: 1,109,932 of 1,219,705 credits, resets tomorrow');
      assert.equal(alertMessage(quota(1_300_000, { resetsAtMs: undefined }), 100, NOW, CALENDAR, 'en-US'), 'ElevenLabs quota 100% used: 1,300,000 of 1,219,705 credits');
      // With several accounts, whose quota it is.
      assert.equal(alertMessage(quota(1_109_932), 90, NOW, CALENDAR, 'en-US', 'Client A'), 'ElevenLabs quota of Client A 90% used: 1,109,932 of 1,219,705 credits, resets in 7 days');
    });

    it('words it as each language does: its percent sign and spacing, its order, its punctuation around the reset', () => {
      try {
        useLanguage({ locale: 'de', messages: shippedBundle('de') });
        // German writes "90 %" (a no-break space), and the reset after a comma.
        assert.match(alertMessage(quota(1_109_932), 90, NOW, CALENDAR), /^ElevenLabs-Kontingent zu 90\u00a0% verbraucht: 1\.109\.932 von 1\.219\.705 Credits, wird .+ zurückgesetzt$/);
        // French: "90 %" with a no-break space, thousands apart by narrow ones.
        useLanguage({ locale: 'fr', messages: shippedBundle('fr') });
        assert.match(alertMessage(quota(1_109_932), 90, NOW, CALENDAR, undefined, 'Client A'), /^Quota ElevenLabs de Client A utilisé à 90\u00a0% : 1\u202f109\u202f932 crédits sur 1\u202f219\u202f705, réinitialisation .+$/);
        useLanguage({ locale: 'ja', messages: shippedBundle('ja') });
        // Japanese: the reset in brackets, no comma.
        assert.match(alertMessage(quota(1_109_932), 90, NOW, CALENDAR), /^ElevenLabs のクォータの 90% を使用しました: 1,219,705 クレジット中 1,109,932（.+にリセット）$/);
        assert.doesNotMatch(alertMessage(quota(1_109_932, { resetsAtMs: undefined }), 90, NOW, CALENDAR), /リセット/);
      } finally {
        useLanguage({ locale: 'en', messages: undefined });
      }
    });
  });

  describe('once per threshold per period, across windows and restarts', () => {
    it('notifies once in a window, however often the quota is seen; a restart does not repeat it', async () => {
      const state = new SharedGlobalState(0);
      const store = state.window();
      const shown: string[] = [];
      const { alerts } = alertsFor(store, new FileClaims(folder, 'window-1'), shown);
      assert.equal((await alerts.check(quota(1_109_932), [75, 90, 100], ACCOUNT))?.threshold, 90);
      await alerts.check(quota(1_109_932), [75, 90, 100], ACCOUNT);
      await alerts.check(quota(1_110_000), [75, 90, 100], ACCOUNT);
      assert.deepEqual(shown, ['ElevenLabs quota 90% used: 1,109,932 of 1,219,705 credits, resets in 7 days']);
      assert.deepEqual(store.get(ALERT_RECORD_KEY), { accounts: { [ACCOUNT]: { period: 'reset-2026-12-07', shown: [75, 90], silenced: false } } });
      const afterRestart = alertsFor(store, new FileClaims(folder, 'window-1-again'), shown).alerts;
      await afterRestart.check(quota(1_109_932), [75, 90, 100], ACCOUNT);
      assert.equal(shown.length, 1);
      await afterRestart.check(quota(1_219_705), [75, 90, 100], ACCOUNT);
      assert.equal(shown[1], 'ElevenLabs quota 100% used: 1,219,705 of 1,219,705 credits, resets in 7 days', 'the next threshold does');
    });

    it('starts again in a new period, and cleans up the claims of the ended one', async () => {
      const store = new SharedGlobalState(0).window();
      const shown: string[] = [];
      const { alerts } = alertsFor(store, new FileClaims(folder, 'w'), shown);
      await alerts.check(quota(1_109_932), [75, 90, 100], ACCOUNT);
      const nextPeriod = quota(1_109_932, { resetsAtMs: RESET + 31 * DAY });
      await alerts.check(nextPeriod, [75, 90, 100], ACCOUNT);
      assert.equal(shown.length, 2);
      assert.deepEqual(readdirSync(folder).sort(), [`quota-alert-${ACCOUNT}-reset-2027-01-07-75`, `quota-alert-${ACCOUNT}-reset-2027-01-07-90`]);
    });

    it('after \u201cDon\u2019t Alert Again This Period\u201d, no window alerts until the period changes', async () => {
      const state = new SharedGlobalState(0);
      const shown: string[] = [];
      const first = alertsFor(state.window(), new FileClaims(folder, 'a'), shown, "Don't Alert Again This Period").alerts;
      await first.check(quota(950_000), [75, 90, 100], ACCOUNT);
      await choiceHandled();
      const other = alertsFor(state.window(), new FileClaims(folder, 'b'), shown).alerts;
      await other.check(quota(1_200_000), [75, 90, 100], ACCOUNT);
      await other.check(quota(1_300_000), [75, 90, 100], ACCOUNT);
      assert.deepEqual(shown, ['ElevenLabs quota 75% used: 950,000 of 1,219,705 credits, resets in 7 days']);
      await other.check(quota(1_300_000, { resetsAtMs: RESET + 31 * DAY }), [75, 90, 100], ACCOUNT);
      assert.equal(shown.length, 2);
    });

    it('keys alerts by account: another account with the same reset day still gets its own alerts', async () => {
      const store = new SharedGlobalState(0).window();
      const shown: string[] = [];
      const { alerts } = alertsFor(store, new FileClaims(folder, 'w'), shown, "Don't Alert Again This Period");
      await alerts.check(quota(1_109_932), [75, 90, 100], ACCOUNT);
      await alerts.check(quota(1_000_000), [75, 90, 100], OTHER_ACCOUNT);
      assert.deepEqual(shown, [
        'ElevenLabs quota 90% used: 1,109,932 of 1,219,705 credits, resets in 7 days',
        'ElevenLabs quota 75% used: 1,000,000 of 1,219,705 credits, resets in 7 days',
      ]);
      await choiceHandled();
      // Both were silenced by the choice; each silences its own account only.
      await alerts.check(quota(1_219_705), [75, 90, 100], ACCOUNT);
      await alerts.check(quota(1_219_705), [75, 90, 100], OTHER_ACCOUNT);
      assert.equal(shown.length, 2);
      const silencedOne = alertsFor(new SharedGlobalState(0).window(), new FileClaims(mkdtempSync(path.join(folder, 'x-')), 'w'), shown, "Don't Alert Again This Period").alerts;
      await silencedOne.check(quota(1_109_932), [75, 90, 100], ACCOUNT);
      await choiceHandled();
      await silencedOne.check(quota(1_109_932), [75, 90, 100], OTHER_ACCOUNT);
      assert.equal(shown.length, 4, 'silencing one account leaves the other\u2019s alerts on');
    });

    it('forgets a removed account whole: its record and claims go, the other account\u2019s stay', async () => {
      const store = new SharedGlobalState(0).window();
      const claimFolder = mkdtempSync(path.join(folder, 'forget-'));
      const shown: string[] = [];
      const { alerts } = alertsFor(store, new FileClaims(claimFolder, 'w'), shown);
      await alerts.check(quota(1_109_932), [75, 90, 100], ACCOUNT);
      await alerts.check(quota(1_109_932), [75, 90, 100], OTHER_ACCOUNT);
      assert.equal(shown.length, 2);
      const claimsOf = (account: string): string[] => readdirSync(claimFolder).filter((name) => name.includes(account.replace(/[^A-Za-z0-9]/g, '_')));
      assert.ok(claimsOf(ACCOUNT).length > 0 && claimsOf(OTHER_ACCOUNT).length > 0);
      await alerts.forgetAccount(ACCOUNT);
      assert.deepEqual(claimsOf(ACCOUNT), []);
      assert.ok(claimsOf(OTHER_ACCOUNT).length > 0, 'the other account\u2019s claims stay');
      const records = (store.get(ALERT_RECORD_KEY) as { accounts: Record<string, unknown> }).accounts;
      assert.deepEqual(Object.keys(records), [OTHER_ACCOUNT]);
    });

    it('takes over the record of a version before accounts, so an upgrade does not repeat an alert', async () => {
      const store = new SharedGlobalState(0).window();
      await store.update(ALERT_RECORD_KEY, { period: 'reset-2026-12-07', shown: [75, 90], silenced: false });
      const shown: string[] = [];
      const { alerts } = alertsFor(store, new FileClaims(folder, 'w'), shown);
      await alerts.check(quota(1_109_932), [75, 90, 100], ACCOUNT);
      assert.deepEqual(shown, []);
      assert.deepEqual(store.get(ALERT_RECORD_KEY), { accounts: { [ACCOUNT]: { period: 'reset-2026-12-07', shown: [75, 90], silenced: false } } });
      await alerts.check(quota(1_109_932), [75, 90, 100], OTHER_ACCOUNT);
      assert.equal(shown.length, 1, 'the legacy record went to one account, not to every account');
    });

    it('keeps the records of 20 accounts at most, however many a shared state holds', async () => {
      const crowded = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`acct${i}`, { period: 'reset-2026-12-07', shown: [75], silenced: false }]));
      const store = new SharedGlobalState(0).window();
      await store.update(ALERT_RECORD_KEY, { accounts: crowded });
      const { alerts } = alertsFor(store, new FileClaims(folder, 'w'), []);
      await alerts.check(quota(1_109_932), [75, 90, 100], ACCOUNT);
      const kept = Object.keys((store.get(ALERT_RECORD_KEY) as { accounts: object }).accounts);
      assert.equal(kept.length, MAX_ALERT_ACCOUNTS);
      assert.equal(kept[kept.length - 1], ACCOUNT, 'the account just checked is kept');
    });

    it('two windows seeing 91% at the same moment: one notification, in 50 periods out of 50', async () => {
      for (let round = 0; round < 50; round++) {
        const state = new SharedGlobalState(50);
        const shown: string[] = [];
        const a = alertsFor(state.window(), new FileClaims(folder, 'window-a'), shown).alerts;
        const b = alertsFor(state.window(), new FileClaims(folder, 'window-b'), shown).alerts;
        const q = quota(1_109_932, { resetsAtMs: RESET + round * 31 * DAY });
        await Promise.all([a.check(q, [75, 90, 100], ACCOUNT), b.check(q, [75, 90, 100], ACCOUNT)]);
        assert.equal(shown.length, 1, `round ${round}: ${JSON.stringify(shown)}`);
      }
    });

    it('without the claims, globalState alone would let both windows notify (the race the claims close)', async () => {
      const state = new SharedGlobalState(50);
      const shown: string[] = [];
      const a = alertsFor(state.window(), everyoneWins, shown).alerts;
      const b = alertsFor(state.window(), everyoneWins, shown).alerts;
      await Promise.all([a.check(quota(1_109_932), [75, 90, 100], ACCOUNT), b.check(quota(1_109_932), [75, 90, 100], ACCOUNT)]);
      assert.equal(shown.length, 2);
    });

    it('a window that saw 80% a moment before another saw 91% leaves 90% to the other: each threshold once', async () => {
      const state = new SharedGlobalState(50);
      const shown: string[] = [];
      const early = alertsFor(state.window(), new FileClaims(folder, 'early'), shown).alerts;
      const late = alertsFor(state.window(), new FileClaims(folder, 'late'), shown).alerts;
      await Promise.all([early.check(quota(980_000), [75, 90, 100], ACCOUNT), late.check(quota(1_109_932), [75, 90, 100], ACCOUNT)]);
      const thresholds = shown.map((message) => /quota (\d+)% used/.exec(message)![1]).sort();
      assert.ok(thresholds.includes('90'), JSON.stringify(shown));
      assert.equal(new Set(thresholds).size, thresholds.length, `no threshold twice: ${JSON.stringify(shown)}`);
    });

    it('shows the alert anyway when the claim folder cannot be written, and says why', async () => {
      const shown: string[] = [];
      const broken: ClaimRegistry = { claim: async () => Promise.reject(new Error('EROFS: read-only file system')), forget: async () => undefined };
      const { alerts, problems } = alertsFor(new SharedGlobalState(0).window(), broken, shown);
      await alerts.check(quota(1_109_932), [75, 90, 100], ACCOUNT);
      assert.equal(shown.length, 1);
      assert.match(problems.join('\n'), /Quota alert 90%: could not check whether another window showed it \(EROFS: read-only file system\); showing it here\./);
    });
  });

  describe('claims across processes', function () {
    this.timeout(30_000);
    const contender = path.join(__dirname, '..', 'helpers', 'claimContender.js');

    /**
     * Starts a contender per owner and, once every one has said it is ready, tells them all to go at once: a
     * process that started late on a busy machine still races the others. Resolves to the names each won.
     */
    async function contendTogether(owners: readonly string[], names: readonly string[]): Promise<string[][]> {
      const children = owners.map((owner) => {
        const child = spawn(process.execPath, [contender, folder, owner, ...names], { stdio: ['pipe', 'pipe', 'pipe'], timeout: 20_000 });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        const ready = new Promise<void>((resolve, reject) => {
          const onData = (): void => {
            if (stdout.startsWith('ready\n')) {
              child.stdout.off('data', onData);
              resolve();
            }
          };
          child.stdout.on('data', onData);
          child.once('exit', (code) => reject(new Error(`${owner} exited (${code}) before it was ready\n${stderr}`)));
        });
        const won = new Promise<string[]>((resolve, reject) => {
          child.once('exit', (code) => {
            if (code !== 0) {
              reject(new Error(`${owner} exited ${code}\n${stderr}`));
              return;
            }
            resolve(JSON.parse(stdout.slice('ready\n'.length)) as string[]);
          });
        });
        won.catch(() => undefined);
        return { child, ready, won };
      });
      try {
        await Promise.all(children.map((c) => c.ready));
        for (const { child } of children) {
          child.stdin.end('go\n');
        }
        return await Promise.all(children.map((c) => c.won));
      } finally {
        for (const { child } of children) {
          if (child.exitCode === null) {
            child.kill();
          }
        }
      }
    }

    it('three processes claiming the same 500 names at the same instant: each name is won by exactly one', async () => {
      // Rounds until the processes overlapped (two or more won some): all start on one signal, but a machine can
      // still run one to the end before the others are scheduled, which proves nothing about a race.
      for (let round = 0; round < 5; round++) {
        const names = Array.from({ length: 500 }, (_, i) => `quota-alert-round${round}-${i}`);
        const won = await contendTogether(['window-a', 'window-b', 'window-c'], names);
        const all = won.flat();
        assert.equal(all.length, names.length, `every name won once: ${won.map((w) => w.length).join(' + ')}`);
        assert.deepEqual(new Set(all), new Set(names));
        if (won.filter((w) => w.length > 0).length >= 2) {
          return;
        }
      }
      assert.fail('the processes never overlapped in 5 rounds; nothing was raced');
    });
  });
});
