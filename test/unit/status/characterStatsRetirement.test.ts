// When character-stats counts as retired, and when it is asked again: once a day, whatever the clock does.
import * as assert from 'node:assert/strict';
import { ElevenLabsError } from '../../../src/api/errors';
import { CharacterStatsRetirement, isRetiredAnswer, RECHECK_MS } from '../../../src/status/characterStatsRetirement';

const T = Date.UTC(2026, 11, 7, 6);

describe('character-stats retirement', () => {
  it('counts a 404 or a 410 as retired, nothing else', () => {
    assert.equal(isRetiredAnswer(new ElevenLabsError('http', 'gone', { status: 404 })), true);
    assert.equal(isRetiredAnswer(new ElevenLabsError('http', 'gone', { status: 410 })), true);
    for (const other of [new ElevenLabsError('server', 'down', { status: 503 }), new ElevenLabsError('offline', 'no network'), new Error('404'), { status: 404 }, undefined]) {
      assert.equal(isRetiredAnswer(other), false, String(other));
    }
  });

  it('asks while it serves, then once a day from the first refusal, and forgets it when it serves again', () => {
    const retirement = new CharacterStatsRetirement();
    assert.ok(retirement.shouldAsk(T));
    retirement.retired(T);
    assert.equal(retirement.since, T);
    assert.ok(!retirement.shouldAsk(T + RECHECK_MS - 1));
    assert.ok(retirement.shouldAsk(T + RECHECK_MS));
    retirement.retired(T + RECHECK_MS);
    assert.equal(retirement.since, T, 'retired since the first refusal');
    assert.ok(!retirement.shouldAsk(T + 2 * RECHECK_MS - 1));
    retirement.served();
    assert.equal(retirement.since, undefined);
    assert.ok(retirement.shouldAsk(T + RECHECK_MS + 1));
  });

  it('asks again within a day of now when the clock is set back by years', () => {
    const retirement = new CharacterStatsRetirement();
    retirement.retired(Date.UTC(2040, 0, 1));
    assert.ok(!retirement.shouldAsk(T));
    assert.ok(retirement.shouldAsk(T + RECHECK_MS), 'not in 2040');
  });
});
