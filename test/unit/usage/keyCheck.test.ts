// Checking a key before it is stored, against the fake API: what the key can read decides the verdict.
import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../../src/api/client';
import { checkApiKey } from '../../../src/usage/keyCheck';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { eventsBetween } from '../../fake-api/events';
import { ANALYTICS_PATH, startFakeApi, SUBSCRIPTION_PATH, type FakeApi } from '../../fake-api/server';

const CALENDAR = ZonedCalendar.for('Asia/Kolkata');
/** 09:00 in the user's zone on a fixed day: no test reads the wall clock. */
const NOW = CALENDAR.instant({ year: 2026, month: 8, day: 20, hour: 9 }).ms;

describe('checking a key before it is stored', () => {
  let api: FakeApi;
  before(async () => {
    api = await startFakeApi({ now: () => NOW });
  });
  after(() => api.close());
  afterEach(() => api.clearFaults());

  const check = (key: string) => checkApiKey(new ElevenLabsClient({ baseUrl: api.url, apiKey: key, retry: { maxRetries: 0 } }), CALENDAR.todayWindow(NOW), CALENDAR);

  it('accepts a key that reads usage and the quota', async () => {
    const result = await check(api.validKey);
    assert.equal(result.outcome, 'valid');
    assert.ok(result.outcome === 'valid' && result.quota.limit > 0 && result.today.unit === 'characters' && result.today.amount > 0);
  });

  it('calls a key that reads usage but lacks user_read limited, not refused, and names what is missing', async () => {
    const result = await check(api.restrictedKey);
    assert.equal(result.outcome, 'limited');
    assert.ok(result.outcome === 'limited');
    assert.ok(result.today.amount > 0, 'today\u2019s usage was read');
    assert.equal(result.missing, 'quota');
    assert.equal(result.error.kind, 'missingPermissions');
    assert.equal(result.error.permission, 'user_read');
  });

  it('reads today\u2019s credits from the successor where character-stats answers as retired, and still refuses an unknown key', async () => {
    for (const status of [404, 410] as const) {
      api.retireCharacterStats(status);
      try {
        const result = await check(api.validKey);
        assert.ok(result.outcome === 'valid', JSON.stringify(result));
        const window = CALENDAR.todayWindow(NOW);
        const expected = eventsBetween(window.startUnix, window.endUnix + 1, { seed: api.seed, now: NOW }).reduce((sum, e) => sum + e.metrics.credits, 0);
        assert.deepEqual(result.today, { amount: expected, unit: 'credits' });
        assert.equal((await check('sk_not_known')).outcome, 'refused');
      } finally {
        api.retireCharacterStats(undefined);
      }
    }
  });

  it('reads today\u2019s credits from the successor alone where the user chose it (elevenlabsUsage.source), character-stats not asked', async () => {
    const before = api.requests.length;
    const client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey, retry: { maxRetries: 0 } });
    const result = await checkApiKey(client, CALENDAR.todayWindow(NOW), CALENDAR, { successorChosen: true });
    assert.ok(result.outcome === 'valid', JSON.stringify(result));
    const window = CALENDAR.todayWindow(NOW);
    const expected = eventsBetween(window.startUnix, window.endUnix + 1, { seed: api.seed, now: NOW }).reduce((sum, e) => sum + e.metrics.credits, 0);
    assert.deepEqual(result.today, { amount: expected, unit: 'credits' });
    assert.deepEqual(api.requests.slice(before).map((r) => r.path), [ANALYTICS_PATH, SUBSCRIPTION_PATH]);
  });

  it('refuses a key the successor refuses for a missing permission where the figures come from it, naming the permission', async () => {
    const client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.noAnalyticsKey, retry: { maxRetries: 0 } });
    const result = await checkApiKey(client, CALENDAR.todayWindow(NOW), CALENDAR, { successorChosen: true });
    assert.ok(result.outcome === 'refused', JSON.stringify(result));
    assert.equal(result.error.status, 403);
    assert.equal(result.error.permission, 'workspace_analytics_full_read');
    // With character-stats serving, the same key reads today\u2019s characters: the successor is not asked.
    assert.equal((await check(api.noAnalyticsKey)).outcome, 'valid');
  });

  it('refuses a key the service does not know', async () => {
    const result = await check('sk_not_known');
    assert.equal(result.outcome, 'refused');
  });

  it('refuses a key that cannot read usage, whatever it may read besides', async () => {
    api.setFaults({ byPath: { '/v1/usage/character-stats': { status: 401, body: { json: { detail: { status: 'missing_permissions', message: 'The API key you used is missing the permission usage_read to execute this operation.' } } } } } });
    const result = await check(api.validKey);
    assert.equal(result.outcome, 'refused');
    assert.ok(result.outcome === 'refused' && result.error.permission === 'usage_read');
  });

  it('has no verdict when the service is down', async () => {
    api.setFaults({ byPath: { '*': { status: 503, body: 'html' } } });
    assert.equal((await check(api.validKey)).outcome, 'unchecked');
  });
});
