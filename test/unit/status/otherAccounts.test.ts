// The accounts that are not active, on the simulated clock against the fake API over HTTP: at most 16 requests an
// hour together for 1 to 10 of them in every fault, each at most every 15 minutes, nothing while unfocused, a
// Retry-After kept by all, also by the other windows of the profile as the focus moves between them; and with the
// active account's status bar beside them (five accounts), at most 60 requests an hour in each fault kind of issue 9.
import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../../src/api/client';
import { OTHER_MIN_INTERVAL_MS, OtherAccounts, OTHERS_REQUESTS_PER_HOUR, sanitizeTurns, WindowTurns, type SharedTurns } from '../../../src/status/accounts/otherAccounts';
import { FileTurns, TURNS_FILE_NAME } from '../../../src/status/accounts/fileTurns';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { eventsBetween } from '../../fake-api/events';
import { startFakeApi, SUBSCRIPTION_PATH, type FakeApi, type Faults } from '../../fake-api/server';
import { FAULT_KINDS, HOUR_MS, SimulatedClock, simulateStatusBar } from '../../simulation/statusBarHour';

const CALENDAR = ZonedCalendar.for('Pacific/Chatham');
/** 10:00 in Chatham (UTC+13:45): two hours stay within the day. */
const START = CALENDAR.instant({ year: 2026, month: 8, day: 20, hour: 10 }).ms;
const BUDGET_PER_HOUR = 60;

const FAULTS: ReadonlyArray<{ readonly name: string; readonly faults: Partial<Faults>; readonly works: boolean }> = [
  { name: 'healthy', faults: {}, works: true },
  { name: 'every endpoint down (503, HTML page)', faults: { byPath: { '*': { status: 503, body: 'html' } } }, works: false },
  { name: 'every endpoint 429, Retry-After: 120', faults: { byPath: { '*': { status: 429, body: 'json', retryAfterSeconds: 120 } } }, works: false },
  { name: 'every endpoint hangs', faults: { byPath: { '*': { hang: true } } }, works: false },
];

function othersOn(api: FakeApi, clock: SimulatedClock, ids: readonly string[], turns?: SharedTurns): OtherAccounts {
  const client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey, timeoutMs: 200, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
  const others = new OtherAccounts({ clientFor: async () => client, calendar: () => CALENDAR, clock, onChange: () => undefined, ...(turns ? { turns } : {}) });
  others.setAccounts(ids);
  return others;
}

describe('the accounts that are not active', function () {
  this.timeout(120_000);

  for (const count of [1, 2, 4, 9]) {
    for (const fault of FAULTS) {
      it(`${count} of them, ${fault.name}: at most ${OTHERS_REQUESTS_PER_HOUR} requests an hour together, each account at most every 15 minutes`, async () => {
        const clock = new SimulatedClock(START);
        const api = await startFakeApi({ now: () => clock.now(), faults: fault.faults });
        const ids = Array.from({ length: count }, (_, i) => `acc${i}xxxxx`);
        const others = othersOn(api, clock, ids);
        const asked: Array<{ id: string; atMs: number }> = [];
        try {
          let seen = 0;
          others.start();
          await clock.advanceTo(START + 2 * HOUR_MS, async () => {
            await others.settled();
            await new Promise((resolve) => setImmediate(resolve));
            seen = api.requests.length;
          });
          others.stop();
          assert.equal(api.requests.length, seen);
          for (let hour = 0; hour < 2; hour++) {
            const inHour = api.requests.filter((r) => r.atMs >= START + hour * HOUR_MS && r.atMs < START + (hour + 1) * HOUR_MS).length;
            assert.ok(inHour <= OTHERS_REQUESTS_PER_HOUR, `${inHour} requests in hour ${hour}`);
          }
          assert.ok(api.requests.length > 0, 'they were asked');
          // The turns go round: account i is asked at turns i, i + count, …, so its requests are a whole turn apart.
          api.requests.forEach((r, i) => asked.push({ id: ids[i % count]!, atMs: r.atMs }));
          for (const id of ids) {
            const times = asked.filter((a) => a.id === id).map((a) => a.atMs);
            times.forEach((t, i) => i === 0 || assert.ok(t - times[i - 1]! >= OTHER_MIN_INTERVAL_MS, `${id} asked again after ${(t - times[i - 1]!) / 60_000} min`));
          }
          if (fault.faults.byPath?.['*'] && 'retryAfterSeconds' in fault.faults.byPath['*']) {
            api.requests.forEach((r, i) => i === 0 || assert.ok(r.atMs - api.requests[i - 1]!.atMs >= 120_000, 'nothing within 120 s of a 429'));
          }
          for (const id of ids) {
            const figures = others.figuresOf(id);
            if (fault.works) {
              // Today's characters since Chatham's midnight, from the fake's log, and the quota.
              const characters = figures?.characters;
              assert.ok(characters && figures.quota, JSON.stringify(figures));
              const expected = eventsBetween(CALENDAR.startOfDay(characters.atMs), characters.atMs + 1, { seed: api.seed, now: characters.atMs })
                .filter((e) => e.byCaller)
                .reduce((sum, e) => sum + e.metrics.tts_characters, 0);
              assert.equal(characters.value, expected);
            } else {
              assert.ok(figures?.problem, `${id} says why it has no figures`);
            }
          }
        } finally {
          others.stop();
          await api.close();
        }
      });
    }
  }

  it('asks nothing while the window is unfocused, and keeps its spacing across focus changes', async () => {
    const clock = new SimulatedClock(START);
    const api = await startFakeApi({ now: () => clock.now() });
    const others = othersOn(api, clock, ['acc0xxxxx', 'acc1xxxxx', 'acc2xxxxx', 'acc3xxxxx']);
    try {
      const waitIdle = () => others.settled();
      others.start();
      await clock.advance(1, waitIdle);
      assert.equal(api.requests.length, 1, 'one request at the start');
      // Focus lost and regained every minute for an hour: still one turn per spacing, none while away.
      for (let minute = 0; minute < 60; minute++) {
        others.stop();
        await clock.advance(30_000, waitIdle);
        others.start();
        await clock.advance(30_000, waitIdle);
      }
      assert.ok(api.requests.length <= OTHERS_REQUESTS_PER_HOUR + 1, `${api.requests.length} requests`);
      others.stop();
      const before = api.requests.length;
      await clock.advance(3 * HOUR_MS, waitIdle);
      assert.equal(api.requests.length, before, 'nothing while unfocused');
    } finally {
      others.stop();
      await api.close();
    }
  });

  describe('in several windows of one profile', () => {
    let folder: string;
    beforeEach(() => {
      folder = mkdtempSync(path.join(tmpdir(), 'other-turns-'));
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    /** Three windows whose focus moves from one to the next every `stepMs` for two hours; the requests they made. */
    async function focusMovingAround(turnsOf: (window: number) => SharedTurns, api: FakeApi, clock: SimulatedClock, stepMs: number): Promise<Array<{ id: string; atMs: number }>> {
      const ids = ['acc0xxxxx', 'acc1xxxxx', 'acc2xxxxx'];
      const asked: Array<{ id: string; atMs: number }> = [];
      const client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey, timeoutMs: 200 });
      const windows = [0, 1, 2].map((w) => {
        const others = new OtherAccounts({
          clientFor: async (id) => {
            asked.push({ id, atMs: clock.now() });
            return client;
          },
          calendar: () => CALENDAR,
          clock,
          onChange: () => undefined,
          turns: turnsOf(w),
        });
        others.setAccounts(ids);
        return others;
      });
      const idle = async (): Promise<void> => {
        await Promise.all(windows.map((w) => w.settled()));
      };
      try {
        for (let step = 0; clock.now() < START + 2 * HOUR_MS; step++) {
          windows.forEach((w, i) => (i === step % windows.length ? w.start() : w.stop()));
          await clock.advance(stepMs, idle);
        }
      } finally {
        windows.forEach((w) => w.stop());
        await idle();
      }
      return asked;
    }

    for (const stepMs of [10_000, 60_000, 7 * 60_000]) {
      it(`keep one budget when the focus moves every ${stepMs / 1000} s: at most ${OTHERS_REQUESTS_PER_HOUR} an hour together, each account at most every 15 minutes`, async () => {
        const clock = new SimulatedClock(START);
        const api = await startFakeApi({ now: () => clock.now() });
        try {
          const shared = new FileTurns(folder);
          const asked = await focusMovingAround(() => shared, api, clock, stepMs);
          assert.equal(asked.length, api.requests.length, 'one request a turn');
          for (let hour = 0; hour < 2; hour++) {
            const inHour = api.requests.filter((r) => r.atMs >= START + hour * HOUR_MS && r.atMs < START + (hour + 1) * HOUR_MS).length;
            assert.ok(inHour > 0 && inHour <= OTHERS_REQUESTS_PER_HOUR, `${inHour} requests in hour ${hour}`);
          }
          for (const id of new Set(asked.map((a) => a.id))) {
            const times = asked.filter((a) => a.id === id).map((a) => a.atMs);
            times.forEach((t, i) => i === 0 || assert.ok(t - times[i - 1]! >= OTHER_MIN_INTERVAL_MS, `${id} asked again after ${(t - times[i - 1]!) / 60_000} min`));
          }
          assert.equal(new Set(asked.map((a) => a.id)).size, 3, 'every account has its turns');
          // Characters and quota in turn for each account, whichever window takes the turn: half the requests ask the
          // quota (which the alerts need), not only the first turn of each window.
          const quotas = api.requests.filter((r) => r.path === SUBSCRIPTION_PATH).length;
          assert.ok(Math.abs(2 * quotas - api.requests.length) <= 3, `${quotas} of ${api.requests.length} requests asked the quota`);
        } finally {
          await api.close();
        }
      });
    }

    it('would not without the shared record: each window alone asks as soon as it is focused', async () => {
      const clock = new SimulatedClock(START);
      const api = await startFakeApi({ now: () => clock.now() });
      try {
        const own = [new WindowTurns(), new WindowTurns(), new WindowTurns()];
        await focusMovingAround((w) => own[w]!, api, clock, 60_000);
        const firstHour = api.requests.filter((r) => r.atMs < START + HOUR_MS).length;
        assert.ok(firstHour > OTHERS_REQUESTS_PER_HOUR, `${firstHour} requests: the test above can fail`);
      } finally {
        await api.close();
      }
    });

    it('hold every window for a Retry-After one of them was given', async () => {
      const clock = new SimulatedClock(START);
      const api = await startFakeApi({ now: () => clock.now(), faults: { byPath: { '*': { status: 429, body: 'json', retryAfterSeconds: 1800, count: 1 } } } });
      try {
        const shared = new FileTurns(folder);
        const [a, b] = [othersOn(api, clock, ['acc0xxxxx', 'acc1xxxxx'], shared), othersOn(api, clock, ['acc0xxxxx', 'acc1xxxxx'], shared)];
        a.start();
        await clock.advance(1, () => a.settled());
        assert.equal(api.requests.length, 1);
        a.stop();
        b.start();
        await clock.advance(29 * 60_000, () => b.settled());
        assert.equal(api.requests.length, 1, 'the other window waits out the 30 minutes too');
        await clock.advance(2 * 60_000, () => b.settled());
        assert.equal(api.requests.length, 2);
        b.stop();
      } finally {
        await api.close();
      }
    });

    it('keeps its own spacing when the record cannot be read or written', async () => {
      const clock = new SimulatedClock(START);
      const api = await startFakeApi({ now: () => clock.now() });
      const broken: SharedTurns = {
        read: () => {
          throw new Error('EACCES');
        },
        write: () => {
          throw new Error('ENOSPC');
        },
      };
      try {
        const others = othersOn(api, clock, ['acc0xxxxx', 'acc1xxxxx'], broken);
        others.start();
        await clock.advance(HOUR_MS, () => others.settled());
        others.stop();
        assert.ok(api.requests.length > 0 && api.requests.length <= OTHERS_REQUESTS_PER_HOUR + 1, `${api.requests.length} requests`);
      } finally {
        await api.close();
      }
    });

    for (const [name, hostile] of [
      ['a last turn a day ahead (a clock that ran ahead, then set right)', { lastTurnAtMs: START + 24 * HOUR_MS, heldUntilMs: 0, askedAtMs: { acc0xxxxx: START + 24 * HOUR_MS } }],
      ['a hold until the year 10^290', { lastTurnAtMs: 0, heldUntilMs: 1e300, askedAtMs: {} }],
    ] as const) {
      it(`takes turns again after ${name}: at most a spacing or an hour\u2019s wait, not for good`, async () => {
        writeFileSync(path.join(folder, TURNS_FILE_NAME), JSON.stringify(hostile));
        const clock = new SimulatedClock(START);
        const api = await startFakeApi({ now: () => clock.now() });
        try {
          const others = othersOn(api, clock, ['acc0xxxxx', 'acc1xxxxx'], new FileTurns(folder));
          others.start();
          await clock.advance(3 * HOUR_MS, () => others.settled());
          others.stop();
          const first = api.requests[0]?.atMs;
          assert.ok(first !== undefined && first <= START + HOUR_MS + 1000, `first request at +${first === undefined ? 'never' : (first - START) / 60_000} min`);
          for (let hour = 0; hour < 3; hour++) {
            const inHour = api.requests.filter((r) => r.atMs >= START + hour * HOUR_MS && r.atMs < START + (hour + 1) * HOUR_MS).length;
            assert.ok(inHour <= OTHERS_REQUESTS_PER_HOUR, `${inHour} requests in hour ${hour}`);
          }
          assert.ok(api.requests.length >= 8, `${api.requests.length} requests in three hours`);
        } finally {
          await api.close();
        }
      });
    }

    it('forgets a removed account in the shared record too', async () => {
      const clock = new SimulatedClock(START);
      const api = await startFakeApi({ now: () => clock.now() });
      try {
        const shared = new FileTurns(folder);
        const others = othersOn(api, clock, ['acc0xxxxx', 'acc1xxxxx'], shared);
        others.start();
        await clock.advance(HOUR_MS, () => others.settled());
        others.stop();
        assert.deepEqual(Object.keys((shared.read() as { askedAtMs: object }).askedAtMs).sort(), ['acc0xxxxx', 'acc1xxxxx']);
        others.setAccounts(['acc0xxxxx']);
        assert.deepEqual(Object.keys((shared.read() as { askedAtMs: object }).askedAtMs), ['acc0xxxxx']);
      } finally {
        await api.close();
      }
    });

    it('reads a hostile record as bounded: times from the future are now, a hold is an hour at most, ten accounts of the shape ids have', () => {
      const now = START;
      assert.deepEqual(sanitizeTurns({ lastTurnAtMs: 1e300, heldUntilMs: 1e300, askedAtMs: { acc0: 1e300 } }, now), { lastTurnAtMs: now, heldUntilMs: now + HOUR_MS, askedAtMs: { acc0: now }, lastAsked: {} });
      const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`a${i}`, 1]));
      assert.equal(Object.keys(sanitizeTurns({ askedAtMs: many }, now)!.askedAtMs).length, 10);
      assert.deepEqual(sanitizeTurns({ lastTurnAtMs: 'soon', heldUntilMs: null, askedAtMs: { '../x': 1, __proto__: 5, ok1: 'x' } }, now), { lastTurnAtMs: 0, heldUntilMs: 0, askedAtMs: { ok1: 0 }, lastAsked: {} });
      assert.deepEqual(sanitizeTurns({ lastAsked: { ok1: 'quota', ok2: 'voices', '../x': 'quota' } }, now)?.lastAsked, { ok1: 'quota' });
      for (const raw of [null, 'x', 7, undefined]) {
        assert.equal(sanitizeTurns(raw, now), undefined);
      }
      // A file too large to be a record is not read; a broken one is none.
      writeFileSync(path.join(folder, TURNS_FILE_NAME), `{"lastTurnAtMs":1,"pad":"${'x'.repeat(10_000)}"}`);
      assert.equal(new FileTurns(folder).read(), undefined);
      writeFileSync(path.join(folder, TURNS_FILE_NAME), '{"lastTurnAtMs":');
      assert.equal(new FileTurns(folder).read(), undefined);
    });
  });

  for (const kind of FAULT_KINDS) {
    it(`five accounts, ${kind.name}: the active one and the four others make at most ${BUDGET_PER_HOUR} requests an hour`, async () => {
      const clock = new SimulatedClock(START);
      const api = await startFakeApi({ now: () => clock.now(), faults: kind.faults });
      const others = othersOn(api, clock, ['acc1xxxxx', 'acc2xxxxx', 'acc3xxxxx', 'acc4xxxxx']);
      try {
        others.start();
        const result = await simulateStatusBar({ api, clock, calendar: CALENDAR, durationMs: HOUR_MS });
        others.stop();
        await others.settled();
        const inHour = api.requests.filter((r) => r.atMs < START + HOUR_MS).length;
        assert.ok(inHour <= BUDGET_PER_HOUR, `${inHour} requests (the active account ${result.requests})`);
      } finally {
        others.stop();
        await api.close();
      }
    });
  }
});
