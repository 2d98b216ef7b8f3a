// The analytics source in a panel query: its fields read from untrusted input, the Show Usage arguments that ask
// for it, and its chart data from the fake: one request, the user's local days, weeks and whole windows, equal to
// the fake's event log.
import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../../src/api/client';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { parsePanelQueryShape, type PanelQuery } from '../../../src/usage/query/panelQuery';
import { fetchAnalyticsChartData, valuesOnScreen } from '../../../src/usage/query/analyticsQuery';
import { makeChartData } from '../helpers/chartData';
import { parseShowUsageArgs } from '../../../src/usage/query/showUsageArgs';
import { accountNamed } from '../../../src/status/accounts/accounts';
import { analyticsColumn } from '../../fake-api/analytics';
import { eventsBetween } from '../../fake-api/events';
import { startFakeApi, type FakeApi } from '../../fake-api/server';
import { failureOf } from '../helpers/failure';
import { localDate } from '../helpers/timeZone';

const NOW = Date.UTC(2026, 10, 24, 12);
const KATHMANDU = ZonedCalendar.for('Asia/Kathmandu');
const BASE: PanelQuery = { startUnix: Date.UTC(2026, 10, 1), endUnix: Date.UTC(2026, 10, 8), breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: true };

describe('the analytics source', () => {
  describe('in a panel query read from untrusted input', () => {
    it('keeps a source, the columns and the API’s filters', () => {
      const filters = [{ column: 'model', operation: 'in', values: ['eleven_v3', 3, true, null] }];
      assert.deepEqual(parsePanelQueryShape({ ...BASE, source: 'analytics', groupBy: ['model', 'voice_id'], filters }), { ...BASE, source: 'analytics', groupBy: ['model', 'voice_id'], filters });
    });

    it('refuses the whole query for a hostile value in any of them', () => {
      const hostile: unknown[] = [
        { source: 'characterstats' },
        { source: { toString: 'analytics' } },
        { groupBy: 'model' },
        { groupBy: ['model', 'model'] },
        { groupBy: ['../../etc'] },
        { groupBy: Array.from({ length: 18 }, (_, i) => `c${i}`) },
        { filters: {} },
        { filters: [{ column: 'model', operation: 'like', values: ['x'] }] },
        { filters: [{ column: 'model', operation: 'in', values: [] }] },
        { filters: [{ column: 'model', operation: 'in', values: [{}] }] },
        { filters: [{ column: 'model', operation: 'in', values: ['x'], extra: 1 }] },
        { filters: [{ column: 'model', operation: 'in', values: ['x'.repeat(1001)] }] },
        { filters: [{ column: 'model', operation: 'in', values: Array.from({ length: 1001 }, () => 'x') }] },
        { filters: Array.from({ length: 21 }, () => ({ column: 'model', operation: 'eq', values: ['x'] })) },
      ];
      for (const change of hostile) {
        assert.equal(parsePanelQueryShape({ ...BASE, ...(change as object) }), undefined, JSON.stringify(change).slice(0, 80));
      }
    });
  });

  it('names a column\u2019s values from the chart on screen only where it is grouped by that column alone', () => {
    const data = makeChartData({ buckets: 2, names: ['eleven_v3', 'eleven_flash_v2_5', '(none)', 'Other'] });
    const byModel: PanelQuery = { ...BASE, source: 'analytics', groupBy: ['model'] };
    assert.deepEqual(valuesOnScreen(byModel, data, 'model'), ['eleven_v3', 'eleven_flash_v2_5']);
    assert.deepEqual(valuesOnScreen(byModel, data, 'voice_id'), []);
    assert.deepEqual(valuesOnScreen({ ...byModel, groupBy: ['model', 'voice_id'] }, data, 'model'), []);
    assert.deepEqual(valuesOnScreen({ ...BASE, breakdownType: 'model' }, data, 'model'), [], 'a character-stats breakdown names other things');
    assert.deepEqual(valuesOnScreen(byModel, undefined, 'model'), []);
  });

  describe('in the Show Usage arguments', () => {
    function message(args: unknown): string {
      const result = parseShowUsageArgs(args, NOW, KATHMANDU);
      assert.ok(!result.ok, `accepted ${JSON.stringify(args)}`);
      return result.message;
    }

    it('takes source, groupBy and filters, for the whole workspace', () => {
      const result = parseShowUsageArgs({ preset: 'last7Days', source: 'analytics', groupBy: ['model'], filters: [{ column: 'actor', operation: 'eq', values: ['api_key'] }] }, NOW, KATHMANDU);
      assert.ok(result.ok, !result.ok ? result.message : '');
      assert.equal(result.query.source, 'analytics');
      assert.deepEqual(result.query.groupBy, ['model']);
      assert.equal(result.query.includeWorkspaceMetrics, true);
      assert.equal(result.query.metric, 'credits');
    });

    it('takes an account by its name, whatever its case, and refuses one that is not the user\u2019s, naming theirs', () => {
      const list = [{ id: 'default', name: 'Default' }, { id: 'a1b2c3d4', name: 'Client B' }];
      const accounts = { names: list.map((a) => a.name), named: (name: string) => accountNamed({ list, activeId: 'default' }, name) };
      const result = parseShowUsageArgs({ preset: 'last7Days', account: ' client b ' }, NOW, KATHMANDU, { accounts });
      assert.ok(result.ok, !result.ok ? result.message : '');
      assert.equal(result.query.account, 'a1b2c3d4');
      const refused = parseShowUsageArgs({ preset: 'billingPeriod', account: 'Client C' }, NOW, KATHMANDU, { accounts });
      assert.ok(!refused.ok);
      assert.equal(refused.message, 'ElevenLabs: Show Usage: "account" must be the name of one of your accounts ("Default", "Client B"); got "Client C".');
      assert.ok(!parseShowUsageArgs({ preset: 'last7Days', account: 7 }, NOW, KATHMANDU, { accounts }).ok);
      const unset = parseShowUsageArgs({ preset: 'last7Days', account: null }, NOW, KATHMANDU, { accounts });
      assert.ok(unset.ok && unset.query.account === undefined, 'null is "not set", as for every field');
      // As stored or sent back by the page: an id of the shape accounts have, or nothing at all.
      assert.equal(parsePanelQueryShape({ ...BASE, account: 'a1b2c3d4' })?.account, 'a1b2c3d4');
      for (const hostile of ['../x', '', 'A1B2', 'x'.repeat(33), 3, { id: 'a' }]) {
        assert.equal(parsePanelQueryShape({ ...BASE, account: hostile }), undefined, JSON.stringify(hostile));
      }
    });

    it('takes "compareAccounts": all of them or two to ten by name, and refuses what would not be one series per account', () => {
      const list = [{ id: 'default', name: 'Default' }, { id: 'a1b2c3d4', name: 'Client B' }, { id: 'e5f6', name: 'Client C' }];
      const accounts = { names: list.map((a) => a.name), named: (name: string) => accountNamed({ list, activeId: 'default' }, name) };
      const all = parseShowUsageArgs({ preset: 'last7Days', metric: 'tts_characters', compareAccounts: 'all' }, NOW, KATHMANDU, { accounts });
      assert.ok(all.ok, !all.ok ? all.message : '');
      assert.deepEqual(all.query.compare, ['default', 'a1b2c3d4', 'e5f6']);
      assert.equal(all.query.account, undefined);
      const two = parseShowUsageArgs({ preset: 'last7Days', compareAccounts: ['client c', 'DEFAULT'], source: 'analytics' }, NOW, KATHMANDU, { accounts });
      assert.ok(two.ok && two.query.source === 'analytics', !two.ok ? two.message : '');
      assert.deepEqual(two.query.compare, ['e5f6', 'default'], 'in the order given');
      const refusals: Array<[unknown, RegExp]> = [
        [{ preset: 'last7Days', compareAccounts: ['Default'] }, /"compareAccounts" must be "all" or a list of 2 to 10 of your accounts. names \("Default", "Client B", "Client C"\); got \["Default"\]\./],
        [{ preset: 'last7Days', compareAccounts: ['Default', 'default'] }, /"default" is named twice/],
        [{ preset: 'last7Days', compareAccounts: ['Default', 'Client D'] }, /"Client D" is none of them/],
        [{ preset: 'last7Days', compareAccounts: 'both' }, /got "both"/],
        [{ preset: 'last7Days', compareAccounts: 'all', account: 'Default' }, /give either "account" or "compareAccounts", not both/],
        [{ preset: 'last7Days', compareAccounts: 'all', breakdownType: 'voice' }, /"breakdownType" cannot be given with "compareAccounts": each account is one series/],
        [{ preset: 'last7Days', compareAccounts: 'all', source: 'analytics', groupBy: ['model'] }, /"groupBy" cannot be given with "compareAccounts"/],
        [{ preset: 'billingPeriod', compareAccounts: 'all' }, /cannot be given with "preset": "billingPeriod": it is one account.s quota/],
      ];
      for (const [args, message] of refusals) {
        const result = parseShowUsageArgs(args, NOW, KATHMANDU, { accounts });
        assert.ok(!result.ok && message.test(result.message), `${JSON.stringify(args)}: ${result.ok ? 'taken' : result.message}`);
      }
      const alone = parseShowUsageArgs({ preset: 'last7Days', compareAccounts: 'all' }, NOW, KATHMANDU, { accounts: { names: ['Default'], named: () => ({ id: 'default' }) } });
      assert.ok(!alone.ok && /needs two accounts or more: add one with "ElevenLabs: Add Account"/.test(alone.message));
      const withNone = parseShowUsageArgs({ preset: 'last7Days', compareAccounts: 'all', breakdownType: 'none' }, NOW, KATHMANDU, { accounts });
      assert.ok(withNone.ok, 'no breakdown is what it does');
    });

    it('takes the source with "This billing period", which it can chart', () => {
      const result = parseShowUsageArgs({ preset: 'billingPeriod', source: 'analytics' }, NOW, KATHMANDU);
      assert.ok(result.ok, !result.ok ? result.message : '');
      assert.equal(result.query.source, 'analytics');
      assert.equal(result.query.preset, 'billingPeriod');
      assert.equal(result.query.metric, 'credits');
    });

    it('gives arguments that name no source the successor where the credits come from it, when they ask for what it reports', () => {
      const preferred = (args: object) => parseShowUsageArgs(args, NOW, KATHMANDU, { successorPreferred: true });
      const sourceOf = (args: object): string | undefined => {
        const result = preferred(args);
        assert.ok(result.ok, !result.ok ? result.message : '');
        return result.query.source;
      };
      assert.equal(sourceOf({ preset: 'last7Days' }), 'analytics');
      assert.equal(sourceOf({ preset: 'last7Days', aggregationInterval: 'day', groupBy: ['model'] }), 'analytics');
      // Anything else is what only character-stats has: asked of it, as the arguments say.
      assert.equal(sourceOf({ preset: 'last7Days', metric: 'tts_characters' }), undefined);
      assert.equal(sourceOf({ preset: 'last7Days', breakdownType: 'voice' }), undefined);
      assert.equal(sourceOf({ preset: 'last7Days', includeWorkspaceMetrics: false }), undefined);
      assert.equal(sourceOf({ preset: 'last7Days', utcBuckets: true }), undefined);
      assert.equal(sourceOf({ preset: 'last7Days', source: 'characterStats' }), 'characterStats');
      // Without the preference, the same arguments are character-stats'.
      const plain = parseShowUsageArgs({ preset: 'last7Days' }, NOW, KATHMANDU);
      assert.ok(plain.ok && plain.query.source === undefined);
    });

    it('says what the source cannot do and where to go instead', () => {
      assert.match(message({ preset: 'last7Days', source: 'analytics', metric: 'tts_characters' }), /credits only; TTS characters come from character stats/);
      assert.match(message({ preset: 'last7Days', source: 'analytics', includeWorkspaceMetrics: false }), /whole workspace.*filter on hashed_xi_api_key/);
      assert.match(message({ preset: 'last7Days', source: 'analytics', breakdownType: 'voice' }), /use groupBy/);
      assert.match(message({ preset: 'last7Days', groupBy: ['model'] }), /"groupBy" belongs to the analytics source: add "source": "analytics"/);
      assert.match(message({ preset: 'last7Days', source: 'successor' }), /"source" must be "characterStats" or "analytics"/);
      assert.match(message({ preset: 'last7Days', source: 'analytics', filters: [{ column: 'model', op: 'in', values: ['x'] }] }), /"filters" must be a list of up to 20 filters in the API's shape/);
      assert.match(message({ preset: 'billingPeriod', source: 'analytics', groupBy: ['model'] }), /"groupBy" cannot be given with "preset": "billingPeriod": it shows the workspace's credits as one running total/);
      assert.match(message({ startUnix: Date.UTC(2019, 0, 1), endUnix: Date.UTC(2019, 1, 1), source: 'analytics' }), /"startUnix": .*before 2020-01-01/);
    });
  });

  describe('as chart data from the fake', function () {
    this.timeout(30_000);
    let api: FakeApi;
    let client: ElevenLabsClient;

    before(async () => {
      api = await startFakeApi({ seed: 21, now: () => NOW });
      client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey, retry: { maxRetries: 0 } });
    });

    after(async () => {
      await api.close();
    });

    it('names the permission a key lacks when the successor refuses it (403)', async () => {
      const limited = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.noAnalyticsKey, retry: { maxRetries: 0 } });
      const error = await failureOf(fetchAnalyticsChartData(limited, { ...BASE, source: 'analytics', aggregationInterval: 'day' }, NOW, 'Asia/Kathmandu', new AbortController().signal));
      assert.equal(error.kind, 'missingPermissions');
      assert.equal(error.message, 'The API key is valid but lacks the "workspace_analytics_full_read" permission. Enable it for this key in ElevenLabs (Developers \u2192 API Keys), or set a key that has it.');
    });

    it('charts credits by model in the user’s days, in one request, as the event log has them', async () => {
      const start = KATHMANDU.instant({ year: 2026, month: 11, day: 10 }).ms;
      const end = KATHMANDU.instant({ year: 2026, month: 11, day: 17 }).ms;
      const before = api.requests.length;
      const data = await fetchAnalyticsChartData(client, { ...BASE, source: 'analytics', startUnix: start, endUnix: end - 1, aggregationInterval: 'day', groupBy: ['model'] }, NOW, 'Asia/Kathmandu', new AbortController().signal);
      assert.equal(api.requests.length - before, 1);
      assert.deepEqual(data.buckets, { kind: 'local', unit: 'day' });
      assert.deepEqual(data.time, Array.from({ length: 7 }, (_, i) => KATHMANDU.instant({ year: 2026, month: 11, day: 10 + i }).ms));
      const oracle = new Map<string, number>();
      for (const event of eventsBetween(start, end, { seed: api.seed, now: NOW })) {
        const key = `${analyticsColumn(event, 'model')} ${localDate(event.timeMs, 'Asia/Kathmandu')}`;
        oracle.set(key, (oracle.get(key) ?? 0) + event.metrics.credits);
      }
      const charted = new Map<string, number>();
      for (const s of data.series) {
        s.values.forEach((v, i) => v && charted.set(`${s.name} ${localDate(data.time[i]!, 'Asia/Kathmandu')}`, v));
      }
      assert.ok(data.series.length >= 2);
      assert.deepEqual(new Map([...charted].sort()), new Map([...oracle].sort()));
    });

    it('adds local days up into Monday weeks and into one whole-window figure', async () => {
      const start = KATHMANDU.instant({ year: 2026, month: 11, day: 2 }).ms; // a Monday
      const end = KATHMANDU.instant({ year: 2026, month: 11, day: 16 }).ms;
      const total = eventsBetween(start, end, { seed: api.seed, now: NOW }).reduce((sum, e) => sum + e.metrics.credits, 0);
      const signal = new AbortController().signal;
      const weeks = await fetchAnalyticsChartData(client, { ...BASE, source: 'analytics', startUnix: start, endUnix: end - 1, aggregationInterval: 'week' }, NOW, 'Asia/Kathmandu', signal);
      assert.deepEqual(weeks.time, [start, KATHMANDU.instant({ year: 2026, month: 11, day: 9 }).ms]);
      assert.equal(weeks.series[0]!.total, total);
      const whole = await fetchAnalyticsChartData(client, { ...BASE, source: 'analytics', startUnix: start, endUnix: end - 1, aggregationInterval: 'cumulative' }, NOW, 'Asia/Kathmandu', signal);
      assert.ok(whole.cumulative);
      assert.deepEqual(whole.series.map((s) => s.values), [[total]]);
    });

    it('charts a quiet window as the one series at 0, and refuses characters before sending', async () => {
      const quiet = await fetchAnalyticsChartData(client, { ...BASE, source: 'analytics', startUnix: NOW + 3_600_000, endUnix: NOW + 2 * 86_400_000, aggregationInterval: 'day' }, NOW, 'UTC', new AbortController().signal);
      assert.deepEqual(quiet.series.map((s) => [s.name, s.total]), [['All', 0]]);
      const before = api.requests.length;
      const refused = await failureOf(fetchAnalyticsChartData(client, { ...BASE, source: 'analytics', metric: 'tts_characters' }, NOW, 'UTC', new AbortController().signal));
      assert.equal(refused.kind, 'invalidQuery');
      assert.equal(api.requests.length, before);
    });
  });
});
