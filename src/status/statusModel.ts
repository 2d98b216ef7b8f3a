// What the status bar item shows in each state, as plain data: text, accessible label, Markdown tooltip,
// background and click command. Pure, so every state's look is tested in plain mocha; src/ui/statusBar/statusBar.ts
// only copies these fields onto the VS Code item.

import { formatExact, formatShort } from '../usage/numberFormat';
import { clock, type WordOptions } from './dateWords';
import { escapeMarkdown } from './markdownEscape';
import { quotaFraction } from './quotaWords';
import { COMMANDS, type StatusState, type UsageSnapshot } from './statusState';
import { figuresMarkdown } from './tooltipFigures';

export type StatusDisplay = 'full' | 'iconOnly';

export interface StatusViewOptions extends WordOptions {
  readonly display: StatusDisplay;
  /** Quota fraction at which the item turns to the warning background (default 0.8). */
  readonly warningThreshold: number;
  /** Quota fraction at which the item turns to the error background (default 0.95). */
  readonly errorThreshold: number;
  /** The host the figures come from (the base URL's host), named in the tooltip; never the key. */
  readonly apiHost?: string;
  /** The host is neither ElevenLabs' nor this machine: the tooltip says so beside its name. */
  readonly foreignHost?: boolean;
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

/** " from api.elevenlabs.io": where the figures came from, so a residency user can see their host is used. */
function fromHost(options: StatusViewOptions): string {
  return options.apiHost ? ` from ${hostWords(options)}` : '';
}

/** "api.elevenlabs.io", or "proxy.example.com (not an ElevenLabs host)": the key goes there. */
function hostWords(options: StatusViewOptions): string {
  return `${escapeMarkdown(options.apiHost ?? '')}${options.foreignHost ? ' (not an ElevenLabs host)' : ''}`;
}

function links(...entries: Array<[label: string, command: string]>): string {
  return entries.map(([label, command]) => `[${label}](command:${command})`).join(' · ');
}

const ACTIONS = links(
  ['$(refresh) Refresh', COMMANDS.refresh],
  ['$(graph) Show Usage', COMMANDS.showUsage],
  ['$(key) Set API Key', COMMANDS.setApiKey],
);

/** The item's figure: today's characters, or today's credits once character-stats no longer serves them. */
function todayFigure(snapshot: UsageSnapshot): { readonly value: number | undefined; readonly short: string; readonly words: string } {
  return snapshot.charactersToday !== undefined
    ? { value: snapshot.charactersToday, short: 'chars', words: 'characters' }
    : { value: snapshot.creditsToday, short: 'credits', words: 'credits' };
}

function snapshotText(snapshot: UsageSnapshot, icon: string, options: StatusViewOptions): string {
  const figure = todayFigure(snapshot);
  return options.display === 'iconOnly' ? icon : `${icon} ${figure.value === undefined ? '\u2013' : formatShort(figure.value)} ${figure.short}`;
}

function exactWords(snapshot: UsageSnapshot, locale: string | undefined): string {
  const figure = todayFigure(snapshot);
  return `ElevenLabs: ${figure.value === undefined ? 'no figure of' : formatExact(figure.value, locale)} ${figure.words}`;
}

function exactLabel(snapshot: UsageSnapshot, locale: string | undefined): string {
  return `${exactWords(snapshot, locale)} today`;
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
        accessibilityLabel: `${sameDay ? exactLabel(state.snapshot, locale) : `${exactWords(state.snapshot, locale)} on an earlier day`}, stale since ${when}`,
        tooltipMarkdown: [
          `${STALE_ICON} **Stale:** these figures are from ${when}${sameDay ? '' : ' (an earlier day)'}. ${state.reason === NEW_DAY_REASON ? NEW_DAY_REASON : `The last refresh failed: ${escapeMarkdown(state.reason)}`}`,
          '',
          ...figuresMarkdown(state.snapshot, options),
          ...(options.apiHost ? [`From ${hostWords(options)}`, ''] : []),
          state.needsNewKey ? links(['$(key) Set API Key', COMMANDS.setApiKey]) : ACTIONS,
        ].join('\n'),
        // A refused key: the figures stay, and the item says no refresh will bring new ones until a key is set.
        background: state.needsNewKey ? 'error' : backgroundFor(state.snapshot, options),
        command: state.needsNewKey ? COMMANDS.setApiKey : COMMANDS.statusBarClick,
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
