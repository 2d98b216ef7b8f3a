// When character-stats counts as retired, and when it is asked again: once a day, whatever the clock does; and what a
// chart of it says then.
import * as assert from 'node:assert/strict';
import { ElevenLabsError } from '../../../src/api/errors';
import { ElevenLabsClient } from '../../../src/api/client';
import { CharacterStatsRetirement, isRetiredAnswer, RECHECK_MS } from '../../../src/status/characterStatsRetirement';
import { fetchPanelData } from '../../../src/status/panelData';
import { ANALYTICS_PATH, startFakeApi } from '../../fake-api/server';
import { failureOf } from '../helpers/failure';

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

  it('a character-stats chart once it is retired says so and where the credits are now, and asks nothing else', async () => {
    const api = await startFakeApi({ now: () => T, retireCharacterStats: 404 });
    try {
      const client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey, retry: { maxRetries: 0 } });
      const chart = (metric: string) =>
        fetchPanelData(
          { preset: 'last7Days', startUnix: T - 7 * 86_400_000, endUnix: T, aggregationInterval: 'day', breakdownType: 'none', metric, includeWorkspaceMetrics: true },
          { client, nowMs: T, timeZone: 'Asia/Kathmandu', signal: new AbortController().signal },
        );
      const credits = await failureOf(chart('credits'));
      assert.match(credits.message, /^ElevenLabs no longer serves character stats: it answered as for a retired endpoint \(HTTP 404\)\. Its successor has the workspace\u2019s credits: run "ElevenLabs: Show Usage" and choose "Workspace credits \(analytics\)", or set elevenlabsUsage\.source to "analytics"\.$/);
      const characters = await failureOf(chart('tts_characters'));
      assert.match(characters.message, /TTS characters came only from it; its successor has the workspace\u2019s credits/);
      assert.ok(!api.requests.some((r) => r.path === ANALYTICS_PATH), 'the successor is not asked behind the user\u2019s back');
    } finally {
      await api.close();
    }
  });
});
