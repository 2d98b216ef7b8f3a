// Every wait the extension arms is bounded, whatever the settings, the service's headers, the shared pause record
// or the clock say (issue 17): a property-based test drives the real scheduler with arbitrary outcomes, focus
// changes, interval settings, pause records and clock jumps, and checks every timer it arms. Beside it, the parts
// that bound a wait: boundedDelay, chainedTimeout (Node's 2^31 - 1 ms limit), the refresh interval setting, and
// the shared pause file with hostile content.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { boundedDelay, MAX_TIMER_MS } from '../../../src/status/schedule/boundedDelay';
import { FilePause, pauseFileName, readPauseRecord } from '../../../src/status/schedule/filePause';
import {
  chainedTimeout,
  MAX_WAIT_MS,
  MIN_REARM_MS,
  plausiblePause,
  RefreshScheduler,
  WindowPause,
  type PauseRecord,
  type RawTimers,
  type RefreshOutcome,
  type SharedPause,
} from '../../../src/status/schedule/refreshScheduler';
import { settle, SimulatedClock } from '../../simulation/simulatedClock';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 11, 6, 9);

/** Numbers at their most hostile: what a setting, a header or a computation gone wrong can give. */
const anyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 0, 1, MAX_TIMER_MS, MAX_TIMER_MS + 1, 1e20, -1e20),
  fc.integer({ min: -10 * DAY, max: 400 * DAY }),
);

const outcome: fc.Arbitrary<RefreshOutcome | 'throws'> = fc.oneof(
  fc.constant('throws' as const),
  fc.record({ ok: fc.boolean(), retryAfterMs: anyNumber, againInMs: anyNumber, halt: fc.boolean() }, { requiredKeys: ['ok'] }),
);

type Command =
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'focus'; readonly focused: boolean }
  | { readonly kind: 'dayChanged' }
  | { readonly kind: 'interval'; readonly ms: number }
  | { readonly kind: 'refreshNow' }
  | { readonly kind: 'restart' }
  | { readonly kind: 'jump'; readonly ms: number }
  | { readonly kind: 'record'; readonly record: PauseRecord | undefined; readonly relative: boolean };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3 * HOUR }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('focus' as const), focused: fc.boolean() }) },
  fc.record({ kind: fc.constant('dayChanged' as const) }),
  fc.record({ kind: fc.constant('interval' as const), ms: anyNumber }),
  fc.record({ kind: fc.constant('refreshNow' as const) }),
  fc.record({ kind: fc.constant('restart' as const) }),
  fc.record({ kind: fc.constant('jump' as const), ms: fc.integer({ min: -40 * DAY, max: 40 * DAY }) }),
  fc.record({
    kind: fc.constant('record' as const),
    relative: fc.boolean(),
    record: fc.option(fc.record({ untilMs: anyNumber, setAtMs: anyNumber, failures: anyNumber }), { nil: undefined }),
  }),
);

/**
 * The wall clock the scheduler reads can jump (a machine clock set right, a laptop back from sleep) while timers
 * run on their own monotonic time, as Node's do. Every delay armed is recorded.
 */
class JumpingClock extends SimulatedClock {
  offset = 0;
  readonly armed: number[] = [];

  override now(): number {
    return super.now() + this.offset;
  }

  override setTimeout(callback: () => void, ms: number): unknown {
    this.armed.push(ms);
    return super.setTimeout(callback, ms);
  }
}

/** The profile's pause, with records another window (or a hand-edited file) may have written put in at will. */
class WritablePause implements SharedPause {
  private readonly own = new WindowPause();
  written: PauseRecord | undefined;

  read(): PauseRecord | undefined {
    return this.written ?? this.own.read();
  }

  extend(record: PauseRecord): void {
    this.written = undefined;
    this.own.extend(record);
  }

  liftIfSetBy(ms: number): void {
    this.own.liftIfSetBy(ms);
  }
}

async function drive(
  intervalMs: number,
  outcomes: ReadonlyArray<RefreshOutcome | 'throws'>,
  commands: readonly Command[],
): Promise<{ armed: number[]; automaticRunGaps: number[] }> {
  const clock = new JumpingClock(START);
  const pause = new WritablePause();
  const queue = [...outcomes];
  const runsAt: number[] = [];
  const scheduler = new RefreshScheduler(
    async () => {
      runsAt.push(monotonic(clock));
      const next = queue.shift() ?? { ok: true };
      if (next === 'throws') {
        throw new Error('the request failed');
      }
      return next;
    },
    intervalMs,
    clock,
    pause,
  );
  scheduler.start(true);
  await settle();
  for (const step of commands) {
    switch (step.kind) {
      case 'advance':
        await clock.advance(step.ms);
        break;
      case 'focus':
        scheduler.setFocused(step.focused);
        break;
      case 'dayChanged':
        scheduler.dayChanged();
        break;
      case 'interval':
        scheduler.setIntervalMs(step.ms);
        break;
      case 'refreshNow':
        void scheduler.refreshNow();
        break;
      case 'restart':
        void scheduler.restart();
        break;
      case 'jump':
        clock.offset += step.ms;
        break;
      case 'record':
        pause.written = step.record && step.relative
          ? { ...step.record, untilMs: clock.now() + step.record.untilMs, setAtMs: clock.now() + step.record.setAtMs }
          : step.record;
        break;
    }
    await settle();
  }
  scheduler.dispose();
  return { armed: clock.armed, automaticRunGaps: runsAt.slice(1).map((t, i) => t - runsAt[i]!) };
}

/** The timers' own time, which clock jumps do not move. */
function monotonic(clock: JumpingClock): number {
  return clock.now() - clock.offset;
}

describe('bounded waits (property-based)', function () {
  this.timeout(120_000);

  it('arms no timer outside [0, MAX_WAIT_MS], for any settings, outcomes, focus, pause records and clock jumps', async () => {
    await fc.assert(
      fc.asyncProperty(anyNumber, fc.array(outcome, { maxLength: 30 }), fc.array(command, { maxLength: 40 }), async (interval, outcomes, commands) => {
        const { armed } = await drive(interval, outcomes, commands);
        for (const ms of armed) {
          assert.ok(Number.isFinite(ms) && ms >= 0 && ms <= MAX_WAIT_MS, `armed ${ms} ms`);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 400) },
    );
  });

  it('starts no two refreshes of its own less than MIN_REARM_MS apart, whatever the service and the shared record say', async () => {
    // Without what legitimately asks for a refresh at once (the user, a new key, a new day) or a clock jump.
    const ownCommands = command.filter((c) => c.kind !== 'refreshNow' && c.kind !== 'restart' && c.kind !== 'dayChanged' && c.kind !== 'jump');
    await fc.assert(
      fc.asyncProperty(anyNumber, fc.array(outcome, { maxLength: 30 }), fc.array(ownCommands, { maxLength: 40 }), async (interval, outcomes, commands) => {
        const { automaticRunGaps } = await drive(interval, outcomes, commands);
        for (const gap of automaticRunGaps) {
          assert.ok(gap >= MIN_REARM_MS, `two refreshes ${gap} ms apart`);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });
});

describe('bounded waits', () => {
  it('boundedDelay keeps a delay within its bounds, and reads NaN as the longest wait', () => {
    assert.equal(boundedDelay(5, 10, 100), 10);
    assert.equal(boundedDelay(500, 10, 100), 100);
    assert.equal(boundedDelay(50, 10, 100), 50);
    assert.equal(boundedDelay(Number.NaN, 10, 100), 100);
    assert.equal(boundedDelay(Number.POSITIVE_INFINITY, 10, 100), 100);
    assert.equal(boundedDelay(Number.NEGATIVE_INFINITY, 10, 100), 10);
  });

  /** Raw timers that record what was asked and fire when told. */
  function recordingTimers(): RawTimers & { asked: number[]; fireNext(): void; pending: number } {
    const queue: Array<() => void> = [];
    const asked: number[] = [];
    return {
      asked,
      get pending() {
        return queue.length;
      },
      setTimeout(callback, ms) {
        asked.push(ms);
        queue.push(callback);
        return queue.length;
      },
      clearTimeout() {
        queue.length = 0;
      },
      fireNext() {
        queue.shift()?.();
      },
    };
  }

  it('chainedTimeout waits any length in links Node keeps to, and fires once at the end', () => {
    const timers = recordingTimers();
    let fired = 0;
    chainedTimeout(() => fired++, 60 * DAY, timers);
    while (timers.pending > 0) {
      timers.fireNext();
    }
    assert.equal(fired, 1);
    assert.ok(timers.asked.every((ms) => ms >= 0 && ms <= MAX_TIMER_MS), String(timers.asked));
    assert.equal(timers.asked.reduce((a, b) => a + b, 0), 60 * DAY);
    assert.equal(timers.asked.length, 3, 'three links for 60 days');
  });

  it('chainedTimeout: NaN and negative waits fire at once, Infinity never; cancel stops a chain midway', () => {
    for (const ms of [Number.NaN, -5, Number.NEGATIVE_INFINITY]) {
      const timers = recordingTimers();
      chainedTimeout(() => undefined, ms, timers);
      assert.deepEqual(timers.asked, [0], String(ms));
    }
    const never = recordingTimers();
    chainedTimeout(() => assert.fail('fired'), Number.POSITIVE_INFINITY, never);
    assert.equal(never.pending, 0);

    const timers = recordingTimers();
    let fired = false;
    const chain = chainedTimeout(() => (fired = true), 50 * DAY, timers);
    timers.fireNext();
    chain.cancel();
    timers.fireNext();
    assert.equal(fired, false);
  });

  it('a pause record from a clock set back, or written by hand, holds no window longer than MAX_WAIT_MS', () => {
    const now = START;
    assert.equal(plausiblePause({ untilMs: now + 400 * DAY, setAtMs: now + 399 * DAY, failures: 3 }, now), undefined, 'set in the future');
    assert.deepEqual(plausiblePause({ untilMs: Date.UTC(9999, 0), setAtMs: now - HOUR / 2, failures: 1e9 }, now), {
      untilMs: now - HOUR / 2 + MAX_WAIT_MS,
      setAtMs: now - HOUR / 2,
      failures: 1000,
    });
    assert.equal(plausiblePause({ untilMs: Number.NaN, setAtMs: now, failures: 0 }, now), undefined);
    assert.deepEqual(plausiblePause({ untilMs: now + 60_000, setAtMs: now, failures: -2 }, now), { untilMs: now + 60_000, setAtMs: now, failures: 0 });
  });

  it('a record of year 9999 in the shared file delays a focused window by at most an hour', async () => {
    const clock = new SimulatedClock(START);
    const pause = new WritablePause();
    pause.written = { untilMs: Date.UTC(9999, 0), setAtMs: START - 1000, failures: 0 };
    const runs: number[] = [];
    const scheduler = new RefreshScheduler(async () => {
      runs.push(clock.now());
      return { ok: true };
    }, 5 * 60_000, clock, pause);
    scheduler.start(true);
    await clock.advance(3 * HOUR);
    scheduler.dispose();
    assert.ok(runs.length > 0 && runs[0]! - START <= MAX_WAIT_MS, `first refresh after ${(runs[0]! - START) / 60_000} min`);
    assert.ok(runs.length >= 20, `${runs.length} refreshes in 3 h: back at the interval once the record is outlived`);
  });
});

describe('the shared pause file', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'pause-'));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('is one file per host, named with safe characters only', () => {
    assert.equal(pauseFileName('api.elevenlabs.io'), 'request-pause-api.elevenlabs.io.json');
    assert.equal(pauseFileName('127.0.0.1:8080'), 'request-pause-127.0.0.1_8080.json');
    assert.match(pauseFileName('../../etc/passwd'), /^request-pause-[a-z0-9._-]+\.json$/);
    assert.ok(!pauseFileName('../../etc/passwd').includes('/'));
    assert.ok(pauseFileName('x'.repeat(10_000)).length < 160);
  });

  it('is shared by every window of the host, and not by another host', () => {
    const first = new FilePause(folder, 'api.elevenlabs.io');
    const second = new FilePause(folder, 'api.elevenlabs.io');
    const other = new FilePause(folder, 'api.eu.residency.elevenlabs.io');
    first.extend({ untilMs: START + 120_000, setAtMs: START, failures: 1 });
    assert.deepEqual(second.read(), { untilMs: START + 120_000, setAtMs: START, failures: 1 });
    assert.equal(other.read(), undefined);
    second.extend({ untilMs: START + 60_000, setAtMs: START + 1000, failures: 2 });
    assert.deepEqual(first.read(), { untilMs: START + 120_000, setAtMs: START + 1000, failures: 2 }, 'never shortened');
    first.liftIfSetBy(START + 1000);
    assert.equal(second.read()?.untilMs, 0, 'lifted by an answer that came after it');
    assert.deepEqual(readdirSync(folder).sort(), ['request-pause-api.elevenlabs.io.json'], 'no temporary file left');
  });

  it('reads hostile content as no pause, and replaces it whole on the next write', () => {
    const pause = new FilePause(folder, 'api.elevenlabs.io');
    const file = path.join(folder, pauseFileName('api.elevenlabs.io'));
    const hostile = [
      'not json',
      '',
      'null',
      '[1,2,3]',
      '{"untilMs":"tomorrow","setAtMs":1,"failures":1}',
      '{"untilMs":1e400,"setAtMs":1,"failures":1}',
      '{"setAtMs":1,"failures":1}',
      JSON.stringify({ untilMs: 1, setAtMs: 1, failures: 1, padding: 'x'.repeat(1_000_000) }),
    ];
    for (const text of hostile) {
      writeFileSync(file, text);
      const record = pause.read();
      assert.ok(record === undefined || (record.untilMs === 1 && record.failures === 1), text.slice(0, 60));
    }
    writeFileSync(file, JSON.stringify({ untilMs: START, setAtMs: START, failures: 1e12 }));
    assert.equal(pause.read()?.failures, 1000, 'failures bounded');
    writeFileSync(file, JSON.stringify({ untilMs: START + 400 * DAY, setAtMs: START + 400 * DAY, failures: 5 }));
    pause.extend({ untilMs: START + 60_000, setAtMs: START, failures: 1 });
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { untilMs: START + 60_000, setAtMs: START, failures: 1 }, 'a record from the future is not merged');
  });

  it('readPauseRecord takes only finite numbers and a whole count of failures', () => {
    assert.equal(readPauseRecord({ untilMs: Number.POSITIVE_INFINITY, setAtMs: 0, failures: 0 }), undefined);
    assert.deepEqual(readPauseRecord({ untilMs: 5, setAtMs: 4, failures: 2.5 }), { untilMs: 5, setAtMs: 4, failures: 0 });
    assert.deepEqual(readPauseRecord({ untilMs: 5, setAtMs: 4, failures: -3 }), { untilMs: 5, setAtMs: 4, failures: 0 });
  });
});
