// Requests per hour made by the status bar at default settings: the real RefreshScheduler + TodayUsage +
// ElevenLabsClient (compiled, from out/src) against the real fake API over real HTTP, with a simulated clock: the
// scheduler's timers and TodayUsage's now() follow a manual clock, so one simulated hour takes a second or two.
// Every HTTP request is counted by the fake (its request log) and by the client (onAttempt).
import { createRequire } from 'node:module';
import path from 'node:path';

const DEFAULT_INTERVAL_SECONDS = 300; // package.json: elevenlabsUsage.refreshIntervalSeconds default
const HOUR = 3_600_000;

/** The scheduler's clock: time moves only when advance() is called; due timers fire in order. */
class SimulatedClock {
  constructor(start) {
    this.time = start;
    this.nextId = 1;
    this.timers = new Map();
  }
  now() {
    return this.time;
  }
  setTimeout(callback, ms) {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle) {
    this.timers.delete(handle);
  }
  /** Moves to `end`, firing due timers; after each, waits for the refresh it started (real HTTP) to finish. */
  async advanceTo(end, waitIdle) {
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at < end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await waitIdle();
    }
    this.time = end;
  }
}

async function simulateHour(out, api, { focused, unfocusAfterFirst }) {
  const require = createRequire(import.meta.url);
  const { RefreshScheduler } = require(path.join(out, 'src/status/refreshScheduler.js'));
  const { TodayUsage } = require(path.join(out, 'src/status/todayUsage.js'));
  const { ElevenLabsClient } = require(path.join(out, 'src/api/client.js'));

  const start = Date.now();
  const clock = new SimulatedClock(start);
  let attempts = 0;
  const client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey, onAttempt: () => attempts++ });
  const states = [];
  const today = new TodayUsage({ getClient: async () => client, now: () => clock.now(), onState: (s) => states.push(s.kind) });
  const refreshes = []; // { atSimMs, requests }
  let current;
  const scheduler = new RefreshScheduler(
    (signal) => {
      const before = api.requests.length;
      const entry = { atSimMs: clock.now() - start, requests: 0 };
      refreshes.push(entry);
      current = today.refresh(signal).then((outcome) => {
        entry.requests = api.requests.length - before;
        entry.ok = outcome.ok;
        return outcome;
      });
      return current;
    },
    DEFAULT_INTERVAL_SECONDS * 1000,
    clock,
  );
  const waitIdle = async () => {
    if (current) await current;
    await new Promise((r) => setImmediate(r)); // let the scheduler arm its next timer
  };
  const requestsBefore = api.requests.length;
  scheduler.start(focused);
  await waitIdle();
  const afterFirst = api.requests.length - requestsBefore;
  if (unfocusAfterFirst) scheduler.setFocused(false);
  await clock.advanceTo(start + HOUR, waitIdle);
  scheduler.dispose();
  const total = api.requests.length - requestsBefore;
  return {
    simulatedMs: HOUR,
    refreshes: refreshes.length,
    requests: total,
    clientAttempts: attempts,
    requestsAfterFirstRefresh: total - afterFirst,
    maxRequestsPerRefresh: Math.max(0, ...refreshes.map((r) => r.requests)),
    refreshTimesSimSeconds: refreshes.map((r) => Math.round(r.atSimMs / 1000)),
    perRefresh: refreshes.map((r) => r.requests),
    allOk: refreshes.every((r) => r.ok),
    paths: summarizePaths(api.requests.slice(requestsBefore)),
  };
}

function summarizePaths(requests) {
  const counts = {};
  for (const r of requests) {
    const key = r.path + (r.query.metric ? `?metric=${r.query.metric}` : '');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export async function measureRequests(repoRoot) {
  const out = path.join(repoRoot, 'out');
  const require = createRequire(import.meta.url);
  const { startFakeApi } = require(path.join(out, 'test/fake-api/server.js'));
  const api = await startFakeApi({});
  try {
    const focused = await simulateHour(out, api, { focused: true, unfocusAfterFirst: false });
    const unfocusedAfterStart = await simulateHour(out, api, { focused: true, unfocusAfterFirst: true });
    const unfocusedFromStart = await simulateHour(out, api, { focused: false, unfocusAfterFirst: false });
    return { intervalSeconds: DEFAULT_INTERVAL_SECONDS, focused, unfocusedAfterStart, unfocusedFromStart };
  } finally {
    await api.close();
  }
}
