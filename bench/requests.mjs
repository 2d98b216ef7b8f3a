// Requests per hour made by the status bar at default settings: the real RefreshScheduler + TodayUsage +
// ElevenLabsClient (compiled, from out/) against the real fake API over real HTTP, with a simulated clock
// (out/test/simulation/statusBarHour.js, the same simulation test/unit/status/politeness.test.ts asserts on), so one
// simulated hour takes a second or two. Every HTTP request is counted by the fake (its request log) and by the
// client (onAttempt). Healthy, unfocused, and each fault kind of issues 9 and 12 (FAULT_KINDS), the fault holding
// for the whole hour from the first refresh on; the last 7 days' credits requests are counted apart too. Then
// issue 17's hostile servers (HOSTILE_KINDS) the same way, and several windows of one profile in an outage,
// focus going round them every 20 s: one window, three sharing the pause file as the extension does, and three
// each with its own (what the shared pause saves). Last, the successor: character-stats retired (404) for the hour,
// and elevenlabsUsage.source "analytics" (character-stats never asked), with the requests to each endpoint apart.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
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
  const { DEFAULT_INTERVAL_MS, FAULT_KINDS, HOSTILE_KINDS, HOUR_MS, LAST_7_DAYS, SimulatedClock, simulateStatusBar, simulateWindows } = require(path.join(out, 'test/simulation/statusBarHour.js'));
  const { FilePause } = require(path.join(out, 'src/status/schedule/filePause.js'));
  const { ZonedCalendar, systemTimeZone } = require(path.join(out, 'src/usage/calendar/timeZone.js'));
  const calendar = ZonedCalendar.for(systemTimeZone());

  // 09:00 today in this machine's zone: the simulated hour does not cross midnight (a new day asks for the quota
  // again).
  const today = calendar.wallClock(Date.now());
  const nineAm = calendar.instant({ year: today.year, month: today.month, day: today.day, hour: 9 }).ms;
  const hour = async (options, faults = {}, apiOptions = {}) => {
    const clock = new SimulatedClock(nineAm);
    const api = await startFakeApi({ now: () => clock.now(), faults, ...apiOptions });
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
  const hostile = {};
  for (const kind of HOSTILE_KINDS) hostile[kind.name] = await hour({ focused: true }, kind.faults);
  const successor = {
    'character-stats retired (404)': await hour({ focused: true }, {}, { retireCharacterStats: 404 }),
    'elevenlabsUsage.source "analytics"': await hour({ focused: true, successorChosen: true }),
  };
  const windows = await measureWindows({ startFakeApi, SimulatedClock, simulateWindows, FilePause, calendar, startMs: nineAm, durationMs: HOUR_MS });
  return { intervalSeconds: DEFAULT_INTERVAL_MS / 1000, focused, unfocusedAfterStart, unfocusedFromStart, faults, hostile, successor, windows };
}

/** Requests an hour from N windows of one profile while every endpoint answers 503 with an HTML page. */
async function measureWindows({ startFakeApi, SimulatedClock, simulateWindows, FilePause, calendar, startMs, durationMs }) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pause-'));
  const run = async (windows, pauseFor) => {
    const clock = new SimulatedClock(startMs);
    const api = await startFakeApi({ now: () => clock.now(), faults: { byPath: { '*': { status: 503, body: 'html' } } } });
    try {
      return (await simulateWindows({ api, clock, calendar, durationMs, windows, switchFocusEveryMs: 20_000, pause: pauseFor })).requests;
    } finally {
      await api.close();
    }
  };
  try {
    return {
      switchFocusEverySeconds: 20,
      oneWindow: await run(1, () => new FilePause(path.join(folder, 'one'), 'host')),
      threeWindowsSharedPause: await run(3, () => new FilePause(path.join(folder, 'shared'), 'host')),
      threeWindowsOwnPause: await run(3, (index) => new FilePause(path.join(folder, `own-${index}`), 'host')),
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
