// Accounts side by side against the fake API over HTTP: two accounts on two servers with their own keys and logs,
// one series each equal to what that account's own chart shows; an account failing (503, a refused key) leaves the
// others on screen and is named in the notes; none answering fails with each reason; a cancel stops the turn; the
// billing period (one account's quota) is refused. The same query in the user's zone far from UTC.
import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../../src/api/client';
import { ElevenLabsError } from '../../../src/api/errors';
import { fetchPanelData } from '../../../src/status/panelData';
import type { ChartData } from '../../../src/usage/chartData';
import { fetchComparedAccounts, mergeAccountCharts, oneAccountQuery, type ComparedAccount } from '../../../src/usage/comparedAccounts';
import { parsePanelQueryShape, type PanelQuery } from '../../../src/usage/query/panelQuery';
import { startFakeApi, type FakeApi } from '../../fake-api/server';
import { failureOf } from '../helpers/failure';
import { makeChartData } from '../helpers/chartData';
import { parseChartData } from '../../../src/page/hostMessages';
import { subtitleLines } from '../../../src/chart/spec/chartWords';

const TIME_ZONE = 'Asia/Kathmandu';
const NOW = Date.UTC(2026, 10, 24, 12);
const QUERY: PanelQuery = {
  startUnix: Date.UTC(2026, 10, 16, 18, 15),
  endUnix: Date.UTC(2026, 10, 23, 18, 15),
  aggregationInterval: 'day',
  breakdownType: 'none',
  metric: 'tts_characters',
  includeWorkspaceMetrics: false,
  compare: ['default', 'clientb', 'clientc'],
};
const ACCOUNTS: readonly ComparedAccount[] = [
  { id: 'default', name: 'Default' },
  { id: 'clientb', name: 'Client B' },
  { id: 'clientc', name: 'Client C' },
];
const KEY_B = 'sk_demo_b_000000000000000000000000000000000000000';

describe('accounts compared', function () {
  this.timeout(20_000);
  let apiA: FakeApi;
  let apiB: FakeApi;
  let apiC: FakeApi;

  beforeEach(async () => {
    apiA = await startFakeApi({ now: () => NOW, seed: 11 });
    apiB = await startFakeApi({ now: () => NOW, seed: 4242, validKey: KEY_B });
    apiC = await startFakeApi({ now: () => NOW, seed: 99 });
  });
  afterEach(async () => {
    await Promise.all([apiA.close(), apiB.close(), apiC.close()]);
  });

  /** One account's chart as its own panel would fetch it: its key to its host only. */
  function fetchOf(signal: AbortSignal): (query: PanelQuery) => Promise<ChartData> {
    const servers: Record<string, FakeApi> = { default: apiA, clientb: apiB, clientc: apiC };
    return (query) => {
      const api = servers[query.account!]!;
      const client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey, retry: { maxRetries: 0 } });
      return fetchPanelData(query, { client, nowMs: NOW, timeZone: TIME_ZONE, signal });
    };
  }

  it('gives one series per account, each equal to that account\u2019s own chart, asking each host with its own key', async () => {
    const signal = new AbortController().signal;
    const progress: string[] = [];
    const data = await fetchComparedAccounts(QUERY, ACCOUNTS, fetchOf(signal), signal, (done, total) => progress.push(`${done}/${total}`));
    assert.deepEqual(
      data.series.map((s) => s.name),
      ['Default', 'Client B', 'Client C'],
    );
    assert.deepEqual(progress, ['1/3', '2/3', '3/3']);
    for (const [i, id] of ['default', 'clientb', 'clientc'].entries()) {
      const own = await fetchOf(signal)({ ...oneAccountQuery(QUERY, id) });
      assert.equal(own.series.length, 1);
      assert.deepEqual(data.series[i]!.values, own.series[0]!.values, `${id}'s values`);
      assert.equal(data.series[i]!.total, own.series[0]!.total);
    }
    assert.ok(data.series[0]!.total !== data.series[1]!.total, 'the logs differ, so do the series');
    // The user's days in Kathmandu (UTC+5:45): each bucket starts at 18:15 UTC.
    assert.ok(data.time.every((t) => new Date(t).getUTCHours() === 18 && new Date(t).getUTCMinutes() === 15));
    assert.equal(data.notes, undefined);
    for (const api of [apiA, apiB, apiC]) {
      assert.ok(api.requests.length > 0 && api.requests.every((r) => r.ownKey), 'each server saw only its own key');
      assert.ok(api.requests.every((r) => r.query['breakdown_type'] === 'none'), 'no breakdown: the account is the series');
    }
  });

  it('keeps the others when one account\u2019s host fails or its key is refused, naming it in the notes', async () => {
    apiB.setFaults({ byPath: { '*': { status: 503, body: 'html' } } });
    const signal = new AbortController().signal;
    const fetchOne = fetchOf(signal);
    const refusedC = (query: PanelQuery): Promise<ChartData> =>
      query.account === 'clientc'
        ? fetchPanelData(query, { client: new ElevenLabsClient({ baseUrl: apiC.url, apiKey: KEY_B, retry: { maxRetries: 0 } }), nowMs: NOW, timeZone: TIME_ZONE, signal })
        : fetchOne(query);
    const data = await fetchComparedAccounts(QUERY, ACCOUNTS, refusedC, signal);
    assert.deepEqual(
      data.series.map((s) => s.name),
      ['Default'],
    );
    assert.equal(data.notes?.length, 2);
    assert.match(data.notes![0]!, /^No figures from Client B: .*(503|unavailable|server)/i);
    assert.match(data.notes![1]!, /^No figures from Client C: .*key/i);
    assert.doesNotMatch(data.notes!.join(' '), /sk_demo/, 'no key in the words');
  });

  it('fails with every account\u2019s reason when none answers, and stops at a cancel', async () => {
    for (const api of [apiA, apiB, apiC]) {
      api.setFaults({ byPath: { '*': { status: 503, body: 'json' } } });
    }
    const signal = new AbortController().signal;
    const failure = await failureOf(fetchComparedAccounts(QUERY, ACCOUNTS, fetchOf(signal), signal));
    assert.ok(failure instanceof ElevenLabsError);
    assert.equal(failure.kind, 'server');
    assert.match(failure.message, /^No account answered\. Default: .* Client B: .* Client C: /);

    const controller = new AbortController();
    let asked = 0;
    const cancelled = await failureOf(
      fetchComparedAccounts(QUERY, ACCOUNTS, async () => {
        asked++;
        controller.abort();
        throw new ElevenLabsError('cancelled', 'The request was cancelled.');
      }, controller.signal),
    );
    assert.ok(cancelled instanceof ElevenLabsError && cancelled.kind === 'cancelled');
    assert.equal(asked, 1, 'no account is asked after the cancel');
    // Cancelled after the first account answered: the second is not asked either.
    const later = new AbortController();
    const answered: string[] = [];
    const afterAnswer = await failureOf(
      fetchComparedAccounts(QUERY, ACCOUNTS, async (query) => {
        answered.push(query.account!);
        later.abort();
        return makeChartData({ buckets: 1, names: ['All'] });
      }, later.signal),
    );
    assert.equal(afterAnswer.kind, 'cancelled');
    assert.deepEqual(answered, ['default']);
  });

  it('refuses the billing period, which is one account\u2019s quota, before asking anyone', async () => {
    const signal = new AbortController().signal;
    const failure = await failureOf(fetchComparedAccounts({ ...QUERY, preset: 'billingPeriod' }, ACCOUNTS, fetchOf(signal), signal));
    assert.ok(failure instanceof ElevenLabsError && failure.kind === 'invalidQuery');
    assert.match(failure.message, /one account.s quota/);
    assert.equal(apiA.requests.length + apiB.requests.length + apiC.requests.length, 0);
  });
});

describe('accounts compared, merged', () => {
  it('puts a gap where an account lacks a bucket, and combines a series per account as its metric combines', () => {
    const a = makeChartData({ buckets: 4, names: ['All'], value: (_s, b) => b + 1 });
    const shorter = makeChartData({ buckets: 3, names: ['All'], value: () => 10 });
    const peaks = makeChartData({ buckets: 4, names: ['x', 'y'], combine: 'max', value: (s, b) => (s === 0 ? b : 10 - b) });
    const merged = mergeAccountCharts([
      { name: 'A', data: a },
      { name: 'B', data: shorter },
    ]);
    assert.deepEqual(merged.series[1]!.values, [10, 10, 10, null]);
    assert.equal(merged.notes, undefined, 'a bucket missing is a gap, nothing lost');
    const longer = mergeAccountCharts([
      { name: 'B', data: shorter },
      { name: 'A', data: a },
    ]);
    assert.deepEqual(longer.notes, ['A: 1 value in buckets the first account\u2019s answer does not have left out']);
    assert.equal(merged.series[1]!.total, 30);
    assert.equal(merged.series[0]!.total, 10);
    const max = mergeAccountCharts([{ name: 'P', data: peaks }]);
    assert.deepEqual(max.series[0]!.values, [10, 9, 8, 7]);
    assert.equal(max.series[0]!.total, 10);
  });

  it('reaches the page whole, says in its subtitle who did not answer, and a page refuses hostile notes', () => {
    const merged = mergeAccountCharts([
      { name: 'A', data: makeChartData({ buckets: 3, names: ['All'] }) },
      { name: 'Client B', error: new ElevenLabsError('server', 'The ElevenLabs service is unavailable (HTTP 503).') },
    ]);
    assert.deepEqual(parseChartData(JSON.parse(JSON.stringify(merged))), merged);
    assert.ok(subtitleLines(merged, { availableWidth: 2000 }).join(' ').includes('No figures from Client B: The ElevenLabs service is unavailable (HTTP 503).'));
    for (const notes of ['x', [1], ['x'.repeat(401)], Array.from({ length: 11 }, () => 'x')]) {
      assert.equal(parseChartData({ ...JSON.parse(JSON.stringify(merged)), notes }), undefined, JSON.stringify(notes).slice(0, 40));
    }
  });

  it('cuts a long failure to the length a page accepts', () => {
    const merged = mergeAccountCharts([
      { name: 'A', data: makeChartData({ buckets: 1, names: ['All'] }) },
      { name: 'B', error: new ElevenLabsError('server', 'x'.repeat(5000)) },
    ]);
    assert.equal(merged.notes![0]!.length, 400);
  });
});

describe('a compared query read from untrusted input', () => {
  const BASE = { startUnix: 0, endUnix: 1, breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: true };
  it('keeps two to ten different account ids, and refuses anything else', () => {
    assert.deepEqual(parsePanelQueryShape({ ...BASE, compare: ['default', 'abc123'] })?.compare, ['default', 'abc123']);
    const hostile: unknown[] = [[], ['default'], ['a', 'a'], ['a', 'B'], ['a', '../b'], 'default', [1, 2], Array.from({ length: 11 }, (_, i) => `a${i}`), ['a', 'x'.repeat(33)]];
    for (const compare of hostile) {
      assert.equal(parsePanelQueryShape({ ...BASE, compare }), undefined, JSON.stringify(compare));
    }
  });
});
