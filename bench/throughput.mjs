// Parse-and-shape throughput of the client on a one-year hourly response broken down by 50 series: JSON.parse +
// parseUsageResponse (validation) + shapeUsage (sort, grid fill, fold to 10 series), timed over many iterations.
// Also the same through ElevenLabsClient.getCharacterStats with an injected fetch (adds Response.text() and the
// query check), so the client's own path is covered. Uses the compiled sources in out/src.
import { createRequire } from 'node:module';
import path from 'node:path';
import { summary, round } from './stats.mjs';

const HOUR = 3_600_000;

/** A deterministic one-year hourly body with `seriesCount` series, as the API would send it (dense). */
export function oneYearHourlyBody(seriesCount = 50, startUnix = Date.UTC(2025, 0, 1)) {
  const buckets = 8760;
  const time = Array.from({ length: buckets }, (_, i) => startUnix + i * HOUR);
  let state = 12345;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const usage = {};
  for (let s = 0; s < seriesCount; s++) {
    const scale = 2_000_000 / Math.sqrt(s + 1);
    usage[`Voice ${String(s + 1).padStart(2, '0')} (bench)`] = time.map(() => (rand() < 0.1 ? 0 : Math.round(rand() * scale)));
  }
  return { text: JSON.stringify({ time, usage }), startUnix, endUnix: startUnix + buckets * HOUR, buckets };
}

export async function measureThroughput(repoRoot, { iterations = 20, warmup = 5 } = {}) {
  const require = createRequire(import.meta.url);
  const { parseUsageResponse } = require(path.join(repoRoot, 'out/src/api/parse.js'));
  const { shapeUsage } = require(path.join(repoRoot, 'out/src/usage/chartData.js'));
  const { ElevenLabsClient } = require(path.join(repoRoot, 'out/src/api/client.js'));
  const body = oneYearHourlyBody(50);
  const bytes = Buffer.byteLength(body.text);
  const query = {
    startUnix: body.startUnix,
    endUnix: body.endUnix,
    aggregationInterval: 'hour',
    breakdownType: 'voice',
    metric: 'tts_characters',
    includeWorkspaceMetrics: false,
  };
  const parseMs = [];
  const validateMs = [];
  const shapeMs = [];
  const totalMs = [];
  let shaped;
  for (let i = 0; i < warmup + iterations; i++) {
    const t0 = performance.now();
    const json = JSON.parse(body.text);
    const t1 = performance.now();
    const usage = parseUsageResponse(json);
    const t2 = performance.now();
    shaped = shapeUsage(usage, query);
    const t3 = performance.now();
    if (i >= warmup) {
      parseMs.push(t1 - t0);
      validateMs.push(t2 - t1);
      shapeMs.push(t3 - t2);
      totalMs.push(t3 - t0);
    }
  }
  // Through the client (Response.text() + JSON.parse + validation), then shape.
  const client = new ElevenLabsClient({
    baseUrl: 'http://127.0.0.1:9',
    apiKey: 'sk_bench_not_a_key',
    fetch: async () => new Response(body.text, { status: 200, headers: { 'content-type': 'application/json' } }),
  });
  const clientMs = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const t0 = performance.now();
    const usage = await client.getCharacterStats(query);
    shapeUsage(usage, query);
    if (i >= warmup) clientMs.push(performance.now() - t0);
  }
  const total = summary(totalMs);
  const client_ = summary(clientMs);
  const mb = bytes / 1e6;
  return {
    input: { bytes, buckets: body.buckets, series: 50, points: body.buckets * 50, shapedSeries: shaped.series.length, foldedSeries: shaped.foldedSeries },
    iterations,
    warmup,
    jsonParseMs: summary(parseMs),
    validateMs: summary(validateMs),
    shapeMs: summary(shapeMs),
    totalMs: total,
    mbPerSecondMedian: round(mb / (total.median / 1000)),
    mbPerSecondBest: round(mb / (total.min / 1000)),
    viaClientMs: client_,
    viaClientMbPerSecondMedian: round(mb / (client_.median / 1000)),
  };
}
