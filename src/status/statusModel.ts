// What the status bar item shows in each state, as plain data: text, accessible label, Markdown tooltip,
// background and click command. Pure, so every state's look is tested in plain mocha; src/ui/statusBar.ts
// only copies these fields onto the VS Code item.

import type { SubscriptionQuota } from '../api/types';
import { formatExact, formatPercent, formatShort } from '../usage/numberFormat';
import type { ZonedCalendar } from '../usage/timeZone';

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

function clock(ms: number, options: StatusViewOptions): string {
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
    const fraction = quotaFraction(quota);
    const percent = fraction === undefined ? '' : ` (${formatPercent(fraction)})`;
    const reset =
      quota.resetsAtMs === undefined
        ? ''
        : `, resets ${new Date(quota.resetsAtMs).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: options.calendar.zone })}`;
    lines.push(
      `**Quota** (${escapeMarkdown(quota.tier)}): ${formatExact(quota.used, locale)} of ${formatExact(quota.limit, locale)} credits used${percent}${reset}`,
      '',
    );
    if (snapshot.quotaProblem) {
      const when = snapshot.quotaFetchedAtMs === undefined ? '' : ` (from ${clock(snapshot.quotaFetchedAtMs, options)})`;
      lines.push(`The quota${when} was not updated: ${escapeMarkdown(snapshot.quotaProblem)}`, '');
    }
  } else if (snapshot.quotaProblem) {
    lines.push(`**Quota** unavailable: ${escapeMarkdown(snapshot.quotaProblem)}`, '');
  }
  return lines;
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
