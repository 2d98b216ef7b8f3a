// Issue 19's figure, the extension host's part: a year of local days by model in a zone far from UTC
// (Asia/Kathmandu, +05:45) from the successor endpoint (fetchAnalyticsChartData: one request, the service makes the
// days) against the same from character-stats (fetchChartData: 15-minute buckets summed into local days, four
// requests), each through the real client over HTTP to the fake API, then compileChart; alternating. The fake
// runs in this process, so its answers are timed again from Node and listed. Uses out/src.
import { createRequire } from 'node:module';
import path from 'node:path';
import { hostRunFigures, round, summary } from './stats.mjs';

export const SUCCESSOR_ZONE = 'Asia/Kathmandu';

/** The two queries of the comparison, as Show Usage's arguments: 365 whole local days ending two days ago. */
export function successorArgs(calendar, nowMs = Date.now()) {
  const end = calendar.startOfDay(calendar.addDays(nowMs, -2));
  const window = { startUnix: calendar.addDays(end, -365), endUnix: end - 1, aggregationInterval: 'day' };
  return {
    characterStats: { ...window, breakdownType: 'model', metric: 'credits', includeWorkspaceMetrics: true },
    analytics: { ...window, source: 'analytics', groupBy: ['model'] },
  };
}

export async function measureSuccessor(repoRoot, { reps = 5, warmup = 1, timeZone = SUCCESSOR_ZONE } = {}) {
  const require = createRequire(import.meta.url);
  const { startFakeApi } = require(path.join(repoRoot, 'out/test/fake-api/server.js'));
  const { ElevenLabsClient } = require(path.join(repoRoot, 'out/src/api/client.js'));
  const { fetchChartData } = require(path.join(repoRoot, 'out/src/usage/query/chartQuery.js'));
  const { fetchAnalyticsChartData } = require(path.join(repoRoot, 'out/src/usage/query/analyticsQuery.js'));
  const { parseShowUsageArgs } = require(path.join(repoRoot, 'out/src/usage/query/showUsageArgs.js'));
  const { compileChart } = require(path.join(repoRoot, 'out/src/chart/compile/compile.js'));
  const { specOptions } = require(path.join(repoRoot, 'out/src/chart/spec/specOptions.js'));
  const { ZonedCalendar } = require(path.join(repoRoot, 'out/src/usage/calendar/timeZone.js'));
  const api = await startFakeApi({ denseBuckets: true });
  try {
    const client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey });
    const calendar = ZonedCalendar.for(timeZone);
    const nowMs = Date.now();
    const queries = Object.fromEntries(
      Object.entries(successorArgs(calendar, nowMs)).map(([name, args]) => {
        const parsed = parseShowUsageArgs(args, nowMs, calendar);
        if (!parsed.ok) throw new Error(parsed.message);
        return [name, parsed.query];
      }),
    );
    const fetchers = {
      characterStats: (query) => fetchChartData(client, query, Date.now(), timeZone, new AbortController().signal),
      analytics: (query) => fetchAnalyticsChartData(client, query, Date.now(), timeZone, new AbortController().signal),
    };
    const runs = { characterStats: [], analytics: [] };
    const shape = {};
    for (let i = 0; i < warmup + reps; i++) {
      for (const name of ['characterStats', 'analytics']) {
        const before = api.requests.length;
        const t0 = performance.now();
        const data = await fetchers[name](queries[name]);
        const t1 = performance.now();
        await compileChart(data, specOptions(data, queries[name], 900), 13);
        const t2 = performance.now();
        const sent = api.requests.slice(before);
        const f0 = performance.now();
        for (const request of sent) {
          const url = new URL(api.url + request.path);
          url.search = new URLSearchParams(request.query).toString();
          const init = request.method === 'POST' ? { method: 'POST', body: JSON.stringify(request.body), headers: { 'xi-api-key': api.validKey, 'content-type': 'application/json' } } : { headers: { 'xi-api-key': api.validKey } };
          await (await fetch(url, init)).text();
        }
        const fakeMs = performance.now() - f0;
        if (i >= warmup) runs[name].push({ fetchMs: t1 - t0, compileMs: t2 - t1, totalMs: t2 - t0, fakeMs, requests: sent.length });
        shape[name] = { buckets: data.time.length, series: data.series.length, total: data.series.reduce((sum, s) => sum + (s.total ?? 0), 0) };
      }
    }
    const figures = hostRunFigures(runs, shape);
    return {
      timeZone,
      window: { days: 365 },
      ...figures,
      // The same credits either way, or the comparison compares different charts.
      sameTotals: Math.abs(figures.analytics.total - figures.characterStats.total) < 1e-6,
      ratioAnalyticsToCharacterStats: summary(runs.analytics.map((r, i) => r.totalMs / runs.characterStats[i].totalMs)),
      ratioWithoutFake: summary(runs.analytics.map((r, i) => (r.totalMs - r.fakeMs) / (runs.characterStats[i].totalMs - runs.characterStats[i].fakeMs))),
      ratioOfMedians: figures.characterStats.totalMs.median ? round(figures.analytics.totalMs.median / figures.characterStats.totalMs.median) : undefined,
    };
  } finally {
    await api.close();
  }
}
