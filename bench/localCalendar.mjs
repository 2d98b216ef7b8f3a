// Issue 11's figure: a year by local day in a zone far from UTC (Asia/Kathmandu, +05:45) in about 20 series,
// against the same query in the API's UTC day buckets: the time the extension host takes from the query to the
// chart it posts (fetchChartData through the real client over HTTP to the fake API, then compileChart), and the
// number of requests each makes. Local days are summed from 15-minute buckets there (the finest offset is 45
// minutes past the hour), so the year needs 35,040 fine buckets: four requests of at most 10,000, two in flight.
// The fake API runs with dense buckets and splitSeries 3 (its 7 voices become 21 series, which the chart shows as
// 10 and "Other"). The webview's part (drawing 365 bars either way) is not in this figure. Uses out/src.
import { createRequire } from 'node:module';
import path from 'node:path';
import { hostRunFigures, round, summary } from './stats.mjs';

export async function measureLocalCalendar(repoRoot, { reps = 5, warmup = 1, timeZone = 'Asia/Kathmandu' } = {}) {
  const require = createRequire(import.meta.url);
  const { startFakeApi } = require(path.join(repoRoot, 'out/test/fake-api/server.js'));
  const { ElevenLabsClient } = require(path.join(repoRoot, 'out/src/api/client.js'));
  const { fetchChartData } = require(path.join(repoRoot, 'out/src/usage/query/chartQuery.js'));
  const { compileChart } = require(path.join(repoRoot, 'out/src/chart/compile/compile.js'));
  const { specOptions } = require(path.join(repoRoot, 'out/src/chart/spec/specOptions.js'));
  const { ZonedCalendar } = require(path.join(repoRoot, 'out/src/usage/calendar/timeZone.js'));
  const api = await startFakeApi({ denseBuckets: true, splitSeries: 3 });
  try {
    const client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey });
    const calendar = ZonedCalendar.for(timeZone);
    // 365 whole local days, ending at the local midnight two days ago.
    const end = calendar.startOfDay(calendar.addDays(Date.now(), -2));
    const startUnix = calendar.addDays(end, -365);
    const endUnix = end - 1; // the window's last millisecond
    const query = { startUnix, endUnix, aggregationInterval: 'day', breakdownType: 'voice', metric: 'tts_characters', includeWorkspaceMetrics: false };
    const variants = { local: { utcBuckets: false }, utc: { utcBuckets: true } };
    const runs = { local: [], utc: [] };
    const shape = {};
    // Alternating, so that a change in the machine's load falls on both.
    for (let i = 0; i < warmup + reps; i++) {
      for (const [name, options] of Object.entries(variants)) {
        const before = api.requests.length;
        const t0 = performance.now();
        const data = await fetchChartData(client, query, Date.now(), timeZone, new AbortController().signal, options);
        const t1 = performance.now();
        await compileChart(data, specOptions(data, query, 900), 13);
        const t2 = performance.now();
        const requests = api.requests.slice(before).filter((r) => r.path === '/v1/usage/character-stats').length;
        // The fake runs in this process, so its own work is in fetchMs: the same requests again, timed from Node.
        const sent = api.requests.slice(before).filter((r) => r.path === '/v1/usage/character-stats');
        const f0 = performance.now();
        await Promise.all(
          [0, 1].map(async (lane) => {
            // Two in flight, as the extension sends them.
            for (let k = lane; k < sent.length; k += 2) {
              const url = new URL(api.url + sent[k].path);
              url.search = new URLSearchParams(sent[k].query).toString();
              const response = await fetch(url, { headers: { 'xi-api-key': api.validKey } });
              await response.text();
            }
          }),
        );
        const fakeMs = performance.now() - f0;
        if (i >= warmup) runs[name].push({ fetchMs: t1 - t0, compileMs: t2 - t1, totalMs: t2 - t0, fakeMs, requests });
        shape[name] = { buckets: data.time.length, series: data.series.length, foldedSeries: data.foldedSeries, bucketKind: data.buckets.kind };
      }
    }
    const figures = hostRunFigures(runs, shape);
    const pairs = runs.local.map((r, i) => r.totalMs / runs.utc[i].totalMs);
    // Without the fake's own work (an estimate: its answers timed again, subtracted).
    const pairsWithoutFake = runs.local.map((r, i) => (r.totalMs - r.fakeMs) / (runs.utc[i].totalMs - runs.utc[i].fakeMs));
    return {
      timeZone,
      window: { startUnix, endUnix, days: 365 },
      fakeApi: 'dense buckets, splitSeries 3 (21 series)',
      ...figures,
      ratioLocalToUtc: summary(pairs),
      ratioLocalToUtcWithoutFake: summary(pairsWithoutFake),
      ratioOfMedians: figures.utc.totalMs.median ? round(figures.local.totalMs.median / figures.utc.totalMs.median) : undefined,
    };
  } finally {
    await api.close();
  }
}
