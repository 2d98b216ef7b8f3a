import * as assert from 'node:assert/strict';
import { statusView, type StatusState, type StatusViewOptions, type UsageSnapshot } from '../../src/status/statusModel';
import { ZonedCalendar } from '../../src/usage/timeZone';
import { inTimeZone } from './helpers/timeZone';

const NOW = Date.UTC(2026, 10, 24, 14, 5);
const options: StatusViewOptions = { display: 'full', warningThreshold: 0.8, errorThreshold: 0.95, nowMs: NOW, calendar: ZonedCalendar.for('UTC'), locale: 'en-US' };

function snapshot(overrides: Partial<UsageSnapshot> = {}): UsageSnapshot {
  return {
    charactersToday: 12345,
    creditsToday: 6789,
    creditsFetchedAtMs: NOW - 60_000,
    quota: { tier: 'creator', used: 45_000, limit: 100_000, resetsAtMs: Date.UTC(2026, 11, 1), status: 'active', billingPeriod: 'monthly_period' },
    quotaProblem: undefined,
    fetchedAtMs: NOW - 60_000,
    ...overrides,
  };
}

function view(state: StatusState, extra: Partial<StatusViewOptions> = {}) {
  // The extension host's own zone (UTC+14) is far from every user zone below: only the calendar may count.
  return inTimeZone('Pacific/Kiritimati', () => statusView(state, { ...options, ...extra }));
}

describe('status bar view', () => {
  it('invites the user to set a key when none is stored', () => {
    const v = view({ kind: 'noKey' });
    assert.equal(v.text, '$(key) ElevenLabs: set key');
    assert.equal(v.command, 'elevenlabsUsage.setApiKey');
    assert.equal(v.background, undefined);
    assert.match(v.tooltipMarkdown, /\(command:elevenlabsUsage\.setApiKey\)/);
  });

  it('shows today in short form and the exact figure to screen readers', () => {
    const v = view({ kind: 'current', snapshot: snapshot() });
    assert.equal(v.text, '$(unmute) 12.3k chars');
    assert.equal(v.accessibilityLabel, 'ElevenLabs: 12,345 characters today');
    assert.equal(v.background, undefined);
    assert.match(v.tooltipMarkdown, /\| Characters \| 12,345 \|/);
    assert.match(v.tooltipMarkdown, /\| Credits \| 6,789 \|/);
    assert.match(v.tooltipMarkdown, /\*\*Quota\*\* \(creator\): 45,000 of 100,000 credits used \(45%\), resets Dec 1, 2026/);
    assert.match(v.tooltipMarkdown, /Updated 02:04 PM/);
    for (const command of ['refresh', 'showUsage', 'setApiKey']) {
      assert.match(v.tooltipMarkdown, new RegExp(`\\(command:elevenlabsUsage\\.${command}\\)`));
    }
  });

  it('says when the credits figure is from an earlier refresh, or still to come', () => {
    const older = view({ kind: 'current', snapshot: snapshot({ creditsFetchedAtMs: NOW - 6 * 60_000 }) });
    assert.match(older.tooltipMarkdown, /\| Credits \(at 01:59 PM\) \| 6,789 \|/);
    const none = view({ kind: 'current', snapshot: snapshot({ creditsToday: undefined, creditsFetchedAtMs: undefined }) });
    assert.match(none.tooltipMarkdown, /\| Credits \| at the next refresh \|/);
  });

  it('turns to the warning background at 80% of quota and the error background at 95%', () => {
    const at = (used: number) => view({ kind: 'current', snapshot: snapshot({ quota: { ...snapshot().quota!, used } }) }).background;
    assert.equal(at(79_999), undefined);
    assert.equal(at(80_000), 'warning');
    assert.equal(at(94_999), 'warning');
    assert.equal(at(95_000), 'error');
    assert.equal(view({ kind: 'current', snapshot: snapshot({ quota: { ...snapshot().quota!, used: 60_000 } }) }, { warningThreshold: 0.5 }).background, 'warning');
  });

  it('marks stale figures in text, label and tooltip, and keeps them', () => {
    const v = view({ kind: 'stale', snapshot: snapshot(), reason: 'ElevenLabs had a server error (HTTP 500).' });
    assert.equal(v.text, '$(history) 12.3k chars');
    assert.equal(v.accessibilityLabel, 'ElevenLabs: 12,345 characters today, stale since 02:04 PM');
    assert.match(v.tooltipMarkdown, /\*\*Stale:\*\* these figures are from 02:04 PM\. The last refresh failed: ElevenLabs had a server error \\\(HTTP 500\\\)\\\./);
    assert.match(v.tooltipMarkdown, /\| Characters \| 12,345 \|/);
  });

  it('does not call yesterday\u2019s figure today\u2019s', () => {
    const v = view({ kind: 'stale', snapshot: snapshot({ fetchedAtMs: NOW - 24 * 3_600_000 }), reason: 'offline' });
    assert.match(v.accessibilityLabel, /12,345 characters on an earlier day, stale since Nov 23 02:05 PM/);
    assert.doesNotMatch(v.accessibilityLabel, /today/);
  });

  it('shows a figure fetched before local midnight as stale, not as today\u2019s', () => {
    const lastNight = view({ kind: 'current', snapshot: snapshot({ fetchedAtMs: Date.UTC(2026, 10, 23, 23, 50) }) });
    assert.equal(lastNight.text, '$(history) 12.3k chars');
    assert.match(lastNight.accessibilityLabel, /12,345 characters on an earlier day, stale since Nov 23 11:50 PM/);
    assert.match(lastNight.tooltipMarkdown, /\(an earlier day\)\. A new day has begun/);
    assert.doesNotMatch(lastNight.tooltipMarkdown, /failed/);
  });

  it('counts the day, the times and the reset date in the user\u2019s zone, and names the zone and the host', () => {
    // NOW is 14:05 UTC on Nov 24: 03:05 on Nov 25 in Auckland (UTC+13), 06:05 on Nov 24 in Los Angeles (UTC-8),
    // and 04:05 on Nov 25 in the extension host's zone (UTC+14).
    const auckland = ZonedCalendar.for('Pacific/Auckland');
    const beforeAucklandMidnight = view({ kind: 'current', snapshot: snapshot({ fetchedAtMs: Date.UTC(2026, 10, 24, 10, 50) }) }, { calendar: auckland });
    assert.equal(beforeAucklandMidnight.text, '$(history) 12.3k chars', '23:50 on Nov 24 in Auckland is an earlier day there');
    assert.match(beforeAucklandMidnight.accessibilityLabel, /on an earlier day, stale since Nov 24 11:50 PM$/);
    const afterAucklandMidnight = view({ kind: 'current', snapshot: snapshot({ fetchedAtMs: Date.UTC(2026, 10, 24, 11, 30) }) }, { calendar: auckland, apiHost: 'api.eu.residency.elevenlabs.io' });
    assert.equal(afterAucklandMidnight.text, '$(unmute) 12.3k chars');
    assert.match(afterAucklandMidnight.tooltipMarkdown, /\| Today \(Pacific\/Auckland\) \| \|/);
    assert.match(afterAucklandMidnight.tooltipMarkdown, /Updated 12:30 AM from api\\\.eu\\\.residency\\\.elevenlabs\\\.io/);
    assert.match(afterAucklandMidnight.tooltipMarkdown, /resets Dec 1, 2026/, 'midnight UTC on Dec 1 is 13:00 on Dec 1 in Auckland');
    const la = ZonedCalendar.for('America/Los_Angeles');
    const laView = view({ kind: 'current', snapshot: snapshot({ fetchedAtMs: Date.UTC(2026, 10, 24, 8, 30) }) }, { calendar: la });
    assert.equal(laView.text, '$(unmute) 12.3k chars', '00:30 and 06:05 on Nov 24 in Los Angeles: the same day (in the host\u2019s zone they are not)');
    assert.match(laView.tooltipMarkdown, /resets Nov 30, 2026/, 'midnight UTC on Dec 1 is Nov 30 in Los Angeles');
  });

  it('shows errors on the error background, and asks for a key when the key was refused', () => {
    const keyRefused = view({ kind: 'error', reason: 'ElevenLabs rejected the API key as invalid.', needsNewKey: true });
    assert.equal(keyRefused.text, '$(error) ElevenLabs');
    assert.equal(keyRefused.background, 'error');
    assert.equal(keyRefused.command, 'elevenlabsUsage.setApiKey');
    const outage = view({ kind: 'error', reason: 'Could not reach api.elevenlabs.io.', needsNewKey: false });
    assert.equal(outage.command, 'elevenlabsUsage.refresh');
  });

  it('shows a spinner while loading, keeping the last figure', () => {
    assert.equal(view({ kind: 'loading', last: undefined }).text, '$(sync~spin) ElevenLabs');
    const v = view({ kind: 'loading', last: snapshot() });
    assert.equal(v.text, '$(sync~spin) 12.3k chars');
    assert.equal(v.accessibilityLabel, 'ElevenLabs: 12,345 characters today, refreshing');
  });

  it('shows only icons in icon-only mode, with the figure still in the label', () => {
    const v = view({ kind: 'current', snapshot: snapshot() }, { display: 'iconOnly' });
    assert.equal(v.text, '$(unmute)');
    assert.equal(v.accessibilityLabel, 'ElevenLabs: 12,345 characters today');
    assert.equal(view({ kind: 'stale', snapshot: snapshot(), reason: 'x' }, { display: 'iconOnly' }).text, '$(history)');
  });

  it('says why the quota is missing, and cannot be tricked into links by service text', () => {
    const v = view({ kind: 'current', snapshot: snapshot({ quota: undefined, quotaProblem: 'The API key lacks the "user_read" permission.' }) });
    assert.match(v.tooltipMarkdown, /\*\*Quota\*\* unavailable: The API key lacks the "user\\_read" permission\\\./);
    const sneaky = view({ kind: 'error', reason: '[click](command:workbench.action.terminal.new)', needsNewKey: false });
    assert.doesNotMatch(sneaky.tooltipMarkdown, /\[click\]\(command:workbench/);
  });

  it('says when the quota shown is older because its last request failed, and why', () => {
    const v = view({ kind: 'current', snapshot: snapshot({ quotaFetchedAtMs: NOW - 20 * 60_000, quotaProblem: 'ElevenLabs had a server error (HTTP 503).' }) });
    assert.match(v.tooltipMarkdown, /\*\*Quota\*\* \(creator\): 45,000 of 100,000 credits used/);
    assert.match(v.tooltipMarkdown, /The quota \(from 01:45 PM\) was not updated: ElevenLabs had a server error \\\(HTTP 503\\\)\\\./);
  });

  it('says why the credits were not updated', () => {
    const v = view({ kind: 'current', snapshot: snapshot({ creditsFetchedAtMs: NOW - 6 * 60_000, creditsProblem: 'ElevenLabs is busy (HTTP 429).' }) });
    assert.match(v.tooltipMarkdown, /\| Credits \(at 01:59 PM\) \| 6,789 \|/);
    assert.match(v.tooltipMarkdown, /\*\*Credits\*\* not updated: ElevenLabs is busy \\\(HTTP 429\\\)\\\./);
  });
});
