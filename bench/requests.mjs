// Requests per hour made by the status bar at default settings: the real RefreshScheduler + TodayUsage +
// ElevenLabsClient (compiled, from out/) against the real fake API over real HTTP, with a simulated clock
// (out/test/simulation/statusBarHour.js, the same simulation test/unit/politeness.test.ts asserts on), so one
// simulated hour takes a second or two. Every HTTP request is counted by the fake (its request log) and by the
// client (onAttempt). Healthy, unfocused, and each fault kind of issues 9 and 12 (FAULT_KINDS), the fault holding
// for the whole hour from the first refresh on; the last 7 days' credits requests are counted apart too.
import { createRequire } from 'node:module';
import path from 'node:path';

function summarize(result, last7DaysPath) {
  return {
    simulatedMs: result.durationMs,
    refreshes: result.refreshes.length,
    requests: result.requests,
    clientAttempts: result.clientAttempts,
    requestsAfterFirstRefresh: result.requestsAfterFirstRefresh,
    maxRequestsPerRefresh: result.maxRequestsPerRefresh,
    refreshTimesSimSeconds: result.refreshes.map((r) => Math.round(r.atMs / 1000)),
    perRefresh: result.refreshes.map((r) => r.requests),
    allOk: result.refreshes.every((r) => r.ok),
    paths: result.paths,
    last7DaysRequests: result.paths[last7DaysPath] ?? 0,
    finalState: result.finalState.kind,
  };
}

export async function measureRequests(repoRoot) {
  const out = path.join(repoRoot, 'out');
  const require = createRequire(import.meta.url);
  const { startFakeApi } = require(path.join(out, 'test/fake-api/server.js'));
  const { DEFAULT_INTERVAL_MS, FAULT_KINDS, HOUR_MS, LAST_7_DAYS, SimulatedClock, simulateStatusBar } = require(path.join(out, 'test/simulation/statusBarHour.js'));
  const { ZonedCalendar, systemTimeZone } = require(path.join(out, 'src/usage/timeZone.js'));
  const calendar = ZonedCalendar.for(systemTimeZone());

  // 09:00 today in this machine's zone: the simulated hour does not cross midnight (a new day asks for the quota
  // again).
  const today = calendar.wallClock(Date.now());
  const nineAm = calendar.instant({ year: today.year, month: today.month, day: today.day, hour: 9 }).ms;
  const hour = async (options, faults = {}) => {
    const clock = new SimulatedClock(nineAm);
    const api = await startFakeApi({ now: () => clock.now(), faults });
    try {
      return summarize(await simulateStatusBar({ api, clock, calendar, durationMs: HOUR_MS, ...options }), LAST_7_DAYS);
    } finally {
      await api.close();
    }
  };
  const focused = await hour({ focused: true });
  const unfocusedAfterStart = await hour({ focused: true, unfocusAfterFirst: true });
  const unfocusedFromStart = await hour({ focused: false });
  const faults = {};
  for (const kind of FAULT_KINDS) faults[kind.name] = await hour({ focused: true }, kind.faults);
  return { intervalSeconds: DEFAULT_INTERVAL_MS / 1000, focused, unfocusedAfterStart, unfocusedFromStart, faults };
}
