import * as assert from 'node:assert/strict';
import { statusView, type StatusViewOptions } from '../../../src/status/statusModel';
import type { StatusState, UsageSnapshot } from '../../../src/status/statusState';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';
import { inTimeZone } from '../helpers/timeZone';

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

  it('shows today\u2019s credits once character-stats no longer serves characters, current and stale, and says why in the tooltip', () => {
    const retired = snapshot({ charactersToday: undefined, charactersRetiredSinceMs: NOW - 3 * 3_600_000 });
    const current = view({ kind: 'current', snapshot: retired });
    assert.equal(current.text, '$(unmute) 6.8k credits');
    assert.equal(current.accessibilityLabel, 'ElevenLabs: 6,789 credits today');
    assert.match(current.tooltipMarkdown, /\| Characters \| no longer served \|/);
    assert.match(current.tooltipMarkdown, /retired endpoint since 11:05 AM\. Credits come from the workspace analytics endpoint/);
    const stale = view({ kind: 'stale', snapshot: retired, reason: 'The request timed out.' });
    assert.match(stale.accessibilityLabel, /^ElevenLabs: 6,789 credits today, stale since /);
    const noCredits = view({ kind: 'current', snapshot: { ...retired, creditsToday: undefined, creditsFetchedAtMs: undefined } });
    assert.equal(noCredits.text, '$(unmute) \u2013 credits');
  });

  it('shows today in short form and the exact figure to screen readers', () => {
    const v = view({ kind: 'current', snapshot: snapshot() });
    assert.equal(v.text, '$(unmute) 12.3k chars');
    assert.equal(v.accessibilityLabel, 'ElevenLabs: 12,345 characters today');
    assert.equal(v.background, undefined);
    assert.match(v.tooltipMarkdown, /\| Characters \| 12,345 \|/);
    assert.match(v.tooltipMarkdown, /\| Credits \| 6,789 \|/);
    assert.match(v.tooltipMarkdown, /\*\*Quota\*\* \(creator\): 45,000 of 100,000 credits used \(45%\)\n\nResets in 7 days, on Dec 1, 2026\n/);
    assert.match(v.tooltipMarkdown, /Updated 2:04 PM/);
    for (const command of ['refresh', 'showUsage', 'setApiKey']) {
      assert.match(v.tooltipMarkdown, new RegExp(`\\(command:elevenlabsUsage\\.${command}\\)`));
    }
  });

  it('says when the credits figure is from an earlier refresh, or still to come', () => {
    const older = view({ kind: 'current', snapshot: snapshot({ creditsFetchedAtMs: NOW - 6 * 60_000 }) });
    assert.match(older.tooltipMarkdown, /\| Credits \(at 1:59 PM\) \| 6,789 \|/);
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

  it('keeps the figures beside a refused key, in the error colour, the click setting a new key', () => {
    const v = view({ kind: 'stale', snapshot: snapshot(), reason: 'ElevenLabs rejected the API key as invalid.', needsNewKey: true });
    assert.match(v.text, /chars/);
    assert.equal(v.background, 'error');
    assert.equal(v.command, 'elevenlabsUsage.setApiKey');
    assert.match(v.tooltipMarkdown, /\*\*Stale:\*\*[^\n]*ElevenLabs rejected the API key as invalid[\s\S]*\[\$\(key\) Set API Key\]\(command:elevenlabsUsage\.setApiKey\)/);
    assert.doesNotMatch(v.tooltipMarkdown, /Refresh\]/, 'no refresh offered: it cannot help');
    const other = view({ kind: 'stale', snapshot: snapshot(), reason: 'x' });
    assert.match(other.tooltipMarkdown, /Refresh\]/, 'other stale states keep their actions');
    assert.notEqual(other.command, 'elevenlabsUsage.setApiKey');
  });

  it('marks stale figures in text, label and tooltip, and keeps them', () => {
    const v = view({ kind: 'stale', snapshot: snapshot(), reason: 'ElevenLabs had a server error (HTTP 500).' });
    assert.equal(v.text, '$(history) 12.3k chars');
    assert.equal(v.accessibilityLabel, 'ElevenLabs: 12,345 characters today, stale since 2:04 PM');
    assert.match(v.tooltipMarkdown, /\*\*Stale:\*\* these figures are from 2:04 PM\. The last refresh failed: ElevenLabs had a server error \\\(HTTP 500\\\)\\\./);
    assert.match(v.tooltipMarkdown, /\| Characters \| 12,345 \|/);
  });

  it('does not call yesterday\u2019s figure today\u2019s', () => {
    const v = view({ kind: 'stale', snapshot: snapshot({ fetchedAtMs: NOW - 24 * 3_600_000 }), reason: 'offline' });
    assert.match(v.accessibilityLabel, /12,345 characters on an earlier day, stale since Nov 23, 2:05 PM/);
    assert.doesNotMatch(v.accessibilityLabel, /today/);
  });

  it('shows a figure fetched before local midnight as stale, not as today\u2019s', () => {
    const lastNight = view({ kind: 'current', snapshot: snapshot({ fetchedAtMs: Date.UTC(2026, 10, 23, 23, 50) }) });
    assert.equal(lastNight.text, '$(history) 12.3k chars');
    assert.match(lastNight.accessibilityLabel, /12,345 characters on an earlier day, stale since Nov 23, 11:50 PM/);
    assert.match(lastNight.tooltipMarkdown, /\(an earlier day\)\. A new day has begun/);
    assert.doesNotMatch(lastNight.tooltipMarkdown, /failed/);
  });

  it('counts the day, the times and the reset date in the user\u2019s zone, and names the zone and the host', () => {
    // NOW is 14:05 UTC on Nov 24: 03:05 on Nov 25 in Auckland (UTC+13), 06:05 on Nov 24 in Los Angeles (UTC-8),
    // and 04:05 on Nov 25 in the extension host's zone (UTC+14).
    const auckland = ZonedCalendar.for('Pacific/Auckland');
    const beforeAucklandMidnight = view({ kind: 'current', snapshot: snapshot({ fetchedAtMs: Date.UTC(2026, 10, 24, 10, 50) }) }, { calendar: auckland });
    assert.equal(beforeAucklandMidnight.text, '$(history) 12.3k chars', '23:50 on Nov 24 in Auckland is an earlier day there');
    assert.match(beforeAucklandMidnight.accessibilityLabel, /on an earlier day, stale since Nov 24, 11:50 PM$/);
    const afterAucklandMidnight = view({ kind: 'current', snapshot: snapshot({ fetchedAtMs: Date.UTC(2026, 10, 24, 11, 30) }) }, { calendar: auckland, apiHost: 'api.eu.residency.elevenlabs.io' });
    assert.equal(afterAucklandMidnight.text, '$(unmute) 12.3k chars');
    assert.match(afterAucklandMidnight.tooltipMarkdown, /\| Today \(Pacific\/Auckland\) \| \|/);
    assert.match(afterAucklandMidnight.tooltipMarkdown, /Updated 12:30 AM from api\\\.eu\\\.residency\\\.elevenlabs\\\.io/);
    assert.match(afterAucklandMidnight.tooltipMarkdown, /Resets in 6 days, on Dec 1, 2026/, 'midnight UTC on Dec 1 is 13:00 on Dec 1 in Auckland, where it is Nov 25');
    const la = ZonedCalendar.for('America/Los_Angeles');
    const laView = view({ kind: 'current', snapshot: snapshot({ fetchedAtMs: Date.UTC(2026, 10, 24, 8, 30) }) }, { calendar: la });
    assert.equal(laView.text, '$(unmute) 12.3k chars', '00:30 and 06:05 on Nov 24 in Los Angeles: the same day (in the host\u2019s zone they are not)');
    assert.match(laView.tooltipMarkdown, /Resets in 6 days, on Nov 30, 2026/, 'midnight UTC on Dec 1 is Nov 30 in Los Angeles');
  });

  it('names a host that is not ElevenLabs\u2019 as such in the tooltip, for as long as it is used', () => {
    const foreign = view({ kind: 'current', snapshot: snapshot() }, { apiHost: 'api.elevenlabs.io.evil.example', foreignHost: true });
    assert.match(foreign.tooltipMarkdown, /from api\\\.elevenlabs\\\.io\\\.evil\\\.example \(not an ElevenLabs host\)/);
    const own = view({ kind: 'current', snapshot: snapshot() }, { apiHost: 'api.elevenlabs.io', foreignHost: false });
    assert.doesNotMatch(own.tooltipMarkdown, /not an ElevenLabs host/);
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
    assert.match(v.tooltipMarkdown, /The quota \(from 1:45 PM\) was not updated: ElevenLabs had a server error \\\(HTTP 503\\\)\\\./);
  });

  it('says why the credits were not updated', () => {
    const v = view({ kind: 'current', snapshot: snapshot({ creditsFetchedAtMs: NOW - 6 * 60_000, creditsProblem: 'ElevenLabs is busy (HTTP 429).' }) });
    assert.match(v.tooltipMarkdown, /\| Credits \(at 1:59 PM\) \| 6,789 \|/);
    assert.match(v.tooltipMarkdown, /\*\*Credits\*\* not updated: ElevenLabs is busy \\\(HTTP 429\\\)\\\./);
  });

  describe('the quota to plan with: reset, pace, projection and overage', () => {
    // NOW is 14:05 UTC on Nov 24; the reset at 14:05 UTC on Dec 7 is 13 days on, in a period of 30 (from Nov 7).
    const reset = NOW + 13 * 86_400_000;
    const week = (perDay: number, scope: 'workspace' | 'owner' = 'workspace') => ({ credits: perDay * 7, startMs: NOW - 7 * 86_400_000, endMs: NOW - 60_000, days: 7, scope });
    /** The tooltip as a person reads it: the Markdown escapes taken out. */
    function tooltip(overrides: Partial<UsageSnapshot>, quota: Partial<NonNullable<UsageSnapshot['quota']>> = {}, extra: Partial<StatusViewOptions> = {}): string {
      const withQuota = snapshot({ quota: { ...snapshot().quota!, resetsAtMs: reset, creditRefreshPeriod: 'monthly_period', used: 50_000, ...quota }, ...overrides });
      return view({ kind: 'current', snapshot: withQuota }, extra).tooltipMarkdown.replace(/\\(.)/g, '$1');
    }

    it('says when it resets, how far the period and the quota are, and where this pace leads', () => {
      const text = tooltip({ recentCredits: week(5000) });
      assert.match(text, /\*\*Quota\*\* \(creator\): 50,000 of 100,000 credits used \(50%\)\n\nResets in 13 days, on Dec 7, 2026\n\n57% of the period gone, 50% of the quota used\n\n/);
      assert.match(text, /At this pace: 115% of the quota by the reset, running out on Dec 4, 2026 \(5,000 credits a day: the workspace\u2019s average over the last 7 days\)/);
    });

    it('says "Resets tomorrow" with the date and "Resets today" with the time, in the user\u2019s zone', () => {
      assert.match(tooltip({}, { resetsAtMs: NOW + 3 * 3_600_000 }), /Resets today, at 5:05 PM/);
      // 01:05 UTC on Nov 25 is tomorrow in UTC, but 20:05 today (Nov 24) in New York.
      const overnight = NOW + 11 * 3_600_000;
      assert.match(tooltip({}, { resetsAtMs: overnight }), /Resets tomorrow, on Nov 25, 2026/);
      assert.match(tooltip({}, { resetsAtMs: overnight }, { calendar: ZonedCalendar.for('America/New_York') }), /Resets today, at 8:05 PM/);
    });

    it('says which pace it went by when the last 7 days are missing, and why', () => {
      assert.match(tooltip({}), /At this pace: 88% of the quota by the reset \(2,941 credits a day: the average since the period began; the last 7 days come with a later refresh\)/);
      assert.match(
        tooltip({ recentCreditsProblem: 'ElevenLabs had a server error (HTTP 503).' }),
        /\(2,941 credits a day: the average since the period began; the last 7 days could not be fetched: ElevenLabs had a server error \(HTTP 503\)\.\)/,
      );
      assert.match(tooltip({ recentCredits: week(1000), recentCreditsProblem: 'ElevenLabs had a server error (HTTP 503).' }), /\(1,000 credits a day: the workspace\u2019s average over the last 7 days; from 2:04 PM, not updated since: ElevenLabs had a server error \(HTTP 503\)\.\)/);
      assert.match(tooltip({ recentCredits: week(1000, 'owner') }), /\(1,000 credits a day: your own average over the last 7 days, as this key may not read the workspace\u2019s\)/);
    });

    it('at 0% and at 100%', () => {
      const none = tooltip({ recentCredits: week(0) }, { used: 0 });
      assert.match(none, /57% of the period gone, 0% of the quota used/);
      assert.match(none, /At this pace: 0% of the quota by the reset \(0 credits a day/);
      const full = tooltip({ recentCredits: week(1000) }, { used: 100_000, limitExtension: 0, canExtendLimit: false });
      assert.match(full, /At this pace: 113% of the quota by the reset \(1,000 credits a day/);
      assert.doesNotMatch(full, /running out/);
      assert.match(full, /\*\*Quota used up\.\*\* Usage-based billing is off, so the limit is not extended\./);
    });

    it('in overage: how far over, what it has cost, and whether usage-based billing goes on', () => {
      const price = { currentOverage: { amount: '3.60', currency: 'usd' } };
      assert.match(tooltip({}, { used: 112_000, ...price, limitExtension: 50_000 }), /\*\*Over the quota\*\* by 12,000 credits \(112%\)\. Overage so far: \$3\.60\. Usage-based billing extends the limit by up to 50,000 credits\./);
      assert.match(tooltip({}, { used: 160_000, ...price, limitExtension: 50_000 }), /Usage-based billing extends the limit by up to 50,000 credits, and that is used up too\./);
      assert.match(tooltip({}, { used: 112_000, ...price, limitExtension: 'unlimited' }), /Overage so far: \$3\.60\. Usage-based billing extends the limit, with no cap\./);
      assert.match(tooltip({}, { used: 112_000, currentOverage: { amount: '3.60', currency: 'eur' }, limitExtension: 0, canExtendLimit: true }), /Overage so far: €3\.60\. Usage-based billing is off \(this plan allows it: a workspace admin can turn it on\), so the limit is not extended\./);
      assert.doesNotMatch(tooltip({}, { used: 99_999, ...price }), /Overage|Over the quota|used up/, 'nothing of the kind below the limit');
    });

    it('shows an overage amount it cannot read as text, never as a link', () => {
      const markdown = view({
        kind: 'current',
        snapshot: snapshot({ quota: { ...snapshot().quota!, used: 120_000, currentOverage: { amount: '[pay](command:workbench.action.terminal.new)', currency: 'usd' } } }),
      }).tooltipMarkdown;
      assert.doesNotMatch(markdown, /\]\(command:workbench/);
      assert.match(markdown.replace(/\\(.)/g, '$1'), /Overage so far: \[pay\] \(command:workbench\.action\.terminal\.new\) usd\./);
    });

    it('after the reset, says the period ended and draws no pace from its figures', () => {
      const text = tooltip({ recentCredits: week(1000) }, { resetsAtMs: NOW - 3_600_000 });
      assert.match(text, /The period ended Nov 24, 2026: the new quota comes with its next update\./);
      assert.doesNotMatch(text, /period gone|At this pace|Resets/);
    });
  });
});
