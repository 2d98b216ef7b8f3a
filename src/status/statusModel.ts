// What the status bar item shows in each state, as plain data: text, accessible label, Markdown tooltip,
// background and click command. Pure, so every state's look is tested in plain mocha; src/ui/statusBar.ts
// only copies these fields onto the VS Code item.

import { quoteServiceText } from '../api/serviceText';
import type { Price, SubscriptionQuota } from '../api/types';
import { formatExact, formatPercent, formatShort } from '../usage/numberFormat';
import type { ZonedCalendar } from '../usage/timeZone';
import { quotaOutlook, RECENT_DAYS, resetsIn, type PeriodOutlook, type Projection, type QuotaOutlook, type RecentCredits, type ResetOutlook } from './quotaOutlook';

export const COMMANDS = {
  setApiKey: 'elevenlabsUsage.setApiKey',
  refresh: 'elevenlabsUsage.refresh',
  showUsage: 'elevenlabsUsage.showUsage',
  statusBarClick: 'elevenlabsUsage.statusBarClick',
} as const;

/** The figures of one successful refresh. */
export interface UsageSnapshot {
  readonly charactersToday: number;
  /** Today's credits; undefined until first fetched (it alternates with the quota request). */
  readonly creditsToday: number | undefined;
  /** When the credits figure was fetched; it may be one refresh older than the characters. */
  readonly creditsFetchedAtMs: number | undefined;
  /** Why the last credits request failed, when it did (the figure shown, if any, is older). */
  readonly creditsProblem?: string | undefined;
  readonly quota: SubscriptionQuota | undefined;
  /** When the quota shown was fetched. */
  readonly quotaFetchedAtMs?: number | undefined;
  /** Why the quota is missing or old, e.g. the key lacks user_read, or the last quota request failed. */
  readonly quotaProblem: string | undefined;
  /** Credits of the last 7 days, "this pace" for the projection; asked for at most hourly, kept through failures. */
  readonly recentCredits?: RecentCredits | undefined;
  /** Why the last request for them failed, or why they are not the workspace's (the figure shown, if any, is older). */
  readonly recentCreditsProblem?: string | undefined;
  readonly fetchedAtMs: number;
}

export type StatusState =
  | { readonly kind: 'noKey' }
  | { readonly kind: 'loading'; readonly last: UsageSnapshot | undefined }
  | { readonly kind: 'current'; readonly snapshot: UsageSnapshot }
  /** The last refresh failed; the last good figures stay, marked. */
  | { readonly kind: 'stale'; readonly snapshot: UsageSnapshot; readonly reason: string }
  /** Nothing good to show, or the key itself was refused. */
  | { readonly kind: 'error'; readonly reason: string; readonly needsNewKey: boolean };

export type StatusDisplay = 'full' | 'iconOnly';

export interface StatusViewOptions {
  readonly display: StatusDisplay;
  /** Quota fraction at which the item turns to the warning background (default 0.8). */
  readonly warningThreshold: number;
  /** Quota fraction at which the item turns to the error background (default 0.95). */
  readonly errorThreshold: number;
  readonly nowMs: number;
  /** The user's zone: "today", the times and the dates in the tooltip are in it. */
  readonly calendar: ZonedCalendar;
  readonly locale?: string;
  /** The host the figures come from (the base URL's host), named in the tooltip; never the key. */
  readonly apiHost?: string;
}

export interface StatusView {
  readonly text: string;
  readonly accessibilityLabel: string;
  readonly tooltipMarkdown: string;
  readonly background: 'warning' | 'error' | undefined;
  readonly command: string;
}

const ICON = '$(unmute)';
export const NEW_DAY_REASON = 'A new day has begun: today\u2019s figures come with the next refresh.';
const STALE_ICON = '$(history)';

/** Escapes text from elsewhere (error messages, tier names) so it cannot inject Markdown or command links. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$]/g, (c) => `\\${c}`);
}

/** What the words about the quota need besides the figures: the moment, the user's zone and the locale. */
export type WordOptions = Pick<StatusViewOptions, 'nowMs' | 'calendar' | 'locale'>;

function clock(ms: number, options: WordOptions): string {
  const { calendar, locale } = options;
  const time = new Date(ms).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone: calendar.zone });
  if (calendar.isSameDay(ms, options.nowMs)) {
    return time;
  }
  return `${new Date(ms).toLocaleDateString(locale, { month: 'short', day: 'numeric', timeZone: calendar.zone })} ${time}`;
}

function quotaFraction(quota: SubscriptionQuota | undefined): number | undefined {
  return quota && quota.limit > 0 ? quota.used / quota.limit : undefined;
}

function backgroundFor(snapshot: UsageSnapshot, options: StatusViewOptions): StatusView['background'] {
  const fraction = quotaFraction(snapshot.quota);
  if (fraction === undefined) {
    return undefined;
  }
  if (fraction >= options.errorThreshold) {
    return 'error';
  }
  return fraction >= options.warningThreshold ? 'warning' : undefined;
}

function creditsRow(snapshot: UsageSnapshot, options: StatusViewOptions): string {
  if (snapshot.creditsToday === undefined || snapshot.creditsFetchedAtMs === undefined) {
    return '| Credits | at the next refresh |';
  }
  const when = snapshot.creditsFetchedAtMs === snapshot.fetchedAtMs ? '' : ` (at ${clock(snapshot.creditsFetchedAtMs, options)})`;
  return `| Credits${when} | ${formatExact(snapshot.creditsToday, options.locale)} |`;
}

function figuresMarkdown(snapshot: UsageSnapshot, options: StatusViewOptions): string[] {
  const { locale } = options;
  const lines = [
    `| Today (${escapeMarkdown(options.calendar.zone)}) | |`,
    '|:--|--:|',
    `| Characters | ${formatExact(snapshot.charactersToday, locale)} |`,
    creditsRow(snapshot, options),
    '',
  ];
  if (snapshot.creditsProblem) {
    lines.push(`**Credits** not updated: ${escapeMarkdown(snapshot.creditsProblem)}`, '');
  }
  const { quota } = snapshot;
  if (quota) {
    lines.push(`**Quota** (${escapeMarkdown(quota.tier)}): ${quotaUsedWords(quota, locale)}`, '');
    lines.push(...outlookMarkdown(snapshot, quota, options));
    if (snapshot.quotaProblem) {
      const when = snapshot.quotaFetchedAtMs === undefined ? '' : ` (from ${clock(snapshot.quotaFetchedAtMs, options)})`;
      lines.push(`The quota${when} was not updated: ${escapeMarkdown(snapshot.quotaProblem)}`, '');
    }
  } else if (snapshot.quotaProblem) {
    lines.push(`**Quota** unavailable: ${escapeMarkdown(snapshot.quotaProblem)}`, '');
  }
  return lines;
}

/** "91,000 of 100,000 credits used (91%)": the quota line of the tooltip, after its label. */
export function quotaUsedWords(quota: SubscriptionQuota, locale: string | undefined): string {
  const fraction = quotaFraction(quota);
  const percent = fraction === undefined ? '' : ` (${formatPercent(fraction)})`;
  return `${formatExact(quota.used, locale)} of ${formatExact(quota.limit, locale)} credits used${percent}`;
}

/** "Dec 7, 2026" in the user's zone. */
function longDate(ms: number, options: WordOptions): string {
  return new Date(ms).toLocaleDateString(options.locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: options.calendar.zone });
}

/** The reset, the pace, the projection and any overage: the lines below the quota, each a paragraph. */
function outlookMarkdown(snapshot: UsageSnapshot, quota: SubscriptionQuota, options: StatusViewOptions): string[] {
  const outlook = quotaOutlook(quota, snapshot.recentCredits, options.nowMs, options.calendar);
  if (!outlook) {
    return quota.resetsAtMs === undefined ? [] : [`Resets ${longDate(quota.resetsAtMs, options)}`, ''];
  }
  const lines: string[] = [];
  const { reset, period, projection } = outlook;
  if (reset) {
    lines.push(resetWords(reset, options), '');
  }
  if (period) {
    lines.push(periodWords(period, outlook.usedFraction), '');
  }
  if (projection) {
    lines.push(projectionMarkdown(projection, snapshot, options), '');
  }
  if (quota.used >= quota.limit) {
    lines.push(overageMarkdown(quota, outlook, options), '');
  }
  return lines;
}

/** "Resets in 7 days, on Dec 17, 2026", "Resets today, at 09:14", or that the period has ended. */
export function resetWords(reset: ResetOutlook, options: WordOptions): string {
  if (reset.passed) {
    return `The period ended ${longDate(reset.atMs, options)}: the new quota comes with its next update.`;
  }
  const when = reset.daysAway === 0 ? `at ${clock(reset.atMs, options)}` : `on ${longDate(reset.atMs, options)}`;
  return `Resets ${resetsIn(reset.daysAway)}, ${when}`;
}

/** "57% of the period gone, 91% of the quota used". */
export function periodWords(period: PeriodOutlook, usedFraction: number): string {
  return `${formatPercent(period.elapsedFraction)} of the period gone, ${formatPercent(usedFraction)} of the quota used`;
}

/** The projection as the tooltip words it, in parts, so that the billing-period chart can say the same. */
export interface ProjectionWords {
  /** "At this pace: 104% of the quota by the reset" */
  readonly headline: string;
  /** "running out on Dec 5, 2026", when the quota runs out before the reset at this pace. */
  readonly runsOut: string | undefined;
  /** "14,200 credits a day: the workspace’s average over the last 7 days", and why when it is another average. */
  readonly pace: string;
}

/**
 * The words of a projection. Text from elsewhere in them (why the last days could not be fetched) goes through
 * `escape`: Markdown escaping for the tooltip, none for the chart, whose text marks are text.
 */
export function projectionWords(
  projection: Projection,
  recent: Pick<UsageSnapshot, 'recentCredits' | 'recentCreditsProblem'>,
  options: WordOptions,
  escape: (text: string) => string = (text) => text,
): ProjectionWords {
  const { locale } = options;
  const runsOut = projection.runsOutAtMs === undefined ? undefined : `running out on ${longDate(projection.runsOutAtMs, options)}`;
  const perDay = `${formatExact(Math.round(projection.creditsPerDay), locale)} credits a day`;
  const problem = recent.recentCreditsProblem === undefined ? undefined : escape(recent.recentCreditsProblem);
  let basis: string;
  if (projection.basis === 'periodAverage') {
    const why = problem ? `the last ${RECENT_DAYS} days could not be fetched: ${problem}` : `the last ${RECENT_DAYS} days come with a later refresh`;
    basis = `the average since the period began; ${why}`;
  } else {
    const whose = projection.scope === 'owner' ? `your own average over the last ${RECENT_DAYS} days, as this key may not read the workspace\u2019s` : `the workspace\u2019s average over the last ${RECENT_DAYS} days`;
    const days = recent.recentCredits;
    const old = problem && days ? `; from ${clock(days.endMs, options)}, not updated since: ${problem}` : '';
    basis = `${whose}${old}`;
  }
  return { headline: `At this pace: ${formatPercent(projection.fractionAtReset)} of the quota by the reset`, runsOut, pace: `${perDay}: ${basis}` };
}

/** "At this pace: 104% of the quota by the reset, running out on Dec 5, 2026 (14,200 credits a day: …)". */
function projectionMarkdown(projection: Projection, snapshot: UsageSnapshot, options: StatusViewOptions): string {
  const words = projectionWords(projection, snapshot, options, escapeMarkdown);
  return `${words.headline}${words.runsOut === undefined ? '' : `, ${words.runsOut}`} (${words.pace})`;
}

/** At or past the limit: how far over, the overage charged so far, and whether usage-based billing goes on. */
function overageMarkdown(quota: SubscriptionQuota, outlook: QuotaOutlook, options: StatusViewOptions): string {
  const { locale } = options;
  const parts = [
    outlook.overCredits === 0
      ? '**Quota used up.**'
      : `**Over the quota** by ${formatExact(outlook.overCredits, locale)} credits (${formatPercent(outlook.usedFraction)}).`,
  ];
  if (quota.currentOverage) {
    parts.push(`Overage so far: ${money(quota.currentOverage, locale)}.`);
  }
  const extension = quota.limitExtension;
  if (extension === 'unlimited') {
    parts.push('Usage-based billing extends the limit, with no cap.');
  } else if (extension !== undefined && extension > 0) {
    const spent = quota.used >= quota.limit + extension ? ', and that is used up too' : '';
    parts.push(`Usage-based billing extends the limit by up to ${formatExact(extension, locale)} credits${spent}.`);
  } else if (extension === 0) {
    parts.push(`Usage-based billing is off${quota.canExtendLimit ? ' (this plan allows it: a workspace admin can turn it on)' : ''}, so the limit is not extended.`);
  }
  return parts.join(' ');
}

/** An amount the service sent, in its currency ("$12.50"); as text when it is not a number and a currency code. */
function money(price: Price, locale: string | undefined): string {
  const amount = Number(price.amount);
  if (price.amount.trim() !== '' && Number.isFinite(amount) && /^[a-z]{3}$/i.test(price.currency)) {
    try {
      return escapeMarkdown(new Intl.NumberFormat(locale, { style: 'currency', currency: price.currency.toUpperCase() }).format(amount));
    } catch {
      // A code Intl does not know: shown as sent, below.
    }
  }
  return escapeMarkdown(quoteServiceText(`${price.amount} ${price.currency}`));
}

/** " from api.elevenlabs.io": where the figures came from, so a residency user can see their host is used. */
function fromHost(options: StatusViewOptions): string {
  return options.apiHost ? ` from ${escapeMarkdown(options.apiHost)}` : '';
}

function links(...entries: Array<[label: string, command: string]>): string {
  return entries.map(([label, command]) => `[${label}](command:${command})`).join(' · ');
}

const ACTIONS = links(
  ['$(refresh) Refresh', COMMANDS.refresh],
  ['$(graph) Show Usage', COMMANDS.showUsage],
  ['$(key) Set API Key', COMMANDS.setApiKey],
);

function snapshotText(snapshot: UsageSnapshot, icon: string, options: StatusViewOptions): string {
  return options.display === 'iconOnly' ? icon : `${icon} ${formatShort(snapshot.charactersToday)} chars`;
}

function exactLabel(snapshot: UsageSnapshot, locale: string | undefined): string {
  return `ElevenLabs: ${formatExact(snapshot.charactersToday, locale)} characters today`;
}

export function statusView(state: StatusState, options: StatusViewOptions): StatusView {
  const { locale, nowMs } = options;
  switch (state.kind) {
    case 'noKey':
      return {
        text: options.display === 'iconOnly' ? '$(key)' : '$(key) ElevenLabs: set key',
        accessibilityLabel: 'ElevenLabs: no API key set. Activate to set one.',
        tooltipMarkdown: [
          '**ElevenLabs Usage** needs an API key to show your usage.',
          '',
          links(['$(key) Set API Key', COMMANDS.setApiKey]),
        ].join('\n'),
        background: undefined,
        command: COMMANDS.setApiKey,
      };
    case 'loading': {
      const last = state.last;
      return {
        text: last ? snapshotText(last, '$(sync~spin)', options) : options.display === 'iconOnly' ? '$(sync~spin)' : '$(sync~spin) ElevenLabs',
        accessibilityLabel: last ? `${exactLabel(last, locale)}, refreshing` : 'ElevenLabs: loading today\u2019s usage',
        tooltipMarkdown: ['$(sync~spin) Fetching today\u2019s ElevenLabs usage\u2026', '', ...(last ? figuresMarkdown(last, options) : [])].join('\n'),
        background: last ? backgroundFor(last, options) : undefined,
        command: COMMANDS.statusBarClick,
      };
    }
    case 'current':
      if (!options.calendar.isSameDay(state.snapshot.fetchedAtMs, nowMs)) {
        // Past local midnight the figure is yesterday's, whatever the last refresh said.
        return statusView({ kind: 'stale', snapshot: state.snapshot, reason: NEW_DAY_REASON }, options);
      }
      return {
        text: snapshotText(state.snapshot, ICON, options),
        accessibilityLabel: exactLabel(state.snapshot, locale),
        tooltipMarkdown: [
          ...figuresMarkdown(state.snapshot, options),
          `Updated ${clock(state.snapshot.fetchedAtMs, options)}${fromHost(options)}`,
          '',
          ACTIONS,
        ].join('\n'),
        background: backgroundFor(state.snapshot, options),
        command: COMMANDS.statusBarClick,
      };
    case 'stale': {
      const when = clock(state.snapshot.fetchedAtMs, options);
      const sameDay = options.calendar.isSameDay(state.snapshot.fetchedAtMs, nowMs);
      return {
        text: snapshotText(state.snapshot, STALE_ICON, options),
        accessibilityLabel: `${sameDay ? exactLabel(state.snapshot, locale) : `ElevenLabs: ${formatExact(state.snapshot.charactersToday, locale)} characters on an earlier day`}, stale since ${when}`,
        tooltipMarkdown: [
          `${STALE_ICON} **Stale:** these figures are from ${when}${sameDay ? '' : ' (an earlier day)'}. ${state.reason === NEW_DAY_REASON ? NEW_DAY_REASON : `The last refresh failed: ${escapeMarkdown(state.reason)}`}`,
          '',
          ...figuresMarkdown(state.snapshot, options),
          ...(options.apiHost ? [`From ${escapeMarkdown(options.apiHost)}`, ''] : []),
          ACTIONS,
        ].join('\n'),
        background: backgroundFor(state.snapshot, options),
        command: COMMANDS.statusBarClick,
      };
    }
    case 'error':
      return {
        text: options.display === 'iconOnly' ? '$(error)' : '$(error) ElevenLabs',
        accessibilityLabel: `ElevenLabs: ${state.reason}`,
        tooltipMarkdown: [
          `$(error) ${escapeMarkdown(state.reason)}`,
          '',
          state.needsNewKey ? links(['$(key) Set API Key', COMMANDS.setApiKey]) : ACTIONS,
        ].join('\n'),
        background: 'error',
        command: state.needsNewKey ? COMMANDS.setApiKey : COMMANDS.refresh,
      };
  }
}
