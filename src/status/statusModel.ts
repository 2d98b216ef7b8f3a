// What the status bar item shows in each state, as plain data: text, accessible label, Markdown tooltip,
// background and click command. Pure, so every state's look is tested in plain mocha; src/ui/statusBar/statusBar.ts
// only copies these fields onto the VS Code item.

import * as l10n from '@vscode/l10n';
import { formatExact, formatShort } from '../shared/locale/numberFormats';
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
/** The reason of a stale state past local midnight: a marker, only compared; the tooltip shows newDayWords(). */
export const NEW_DAY_REASON = 'A new day has begun: today’s figures come with the next refresh.';
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

function newDayWords(): string {
  return l10n.t('A new day has begun: today’s figures come with the next refresh.');
}

/** "Updated 09:14 from api.elevenlabs.io": where the figures came from, so a residency user can see their host is used. */
function updatedWords(when: string, options: StatusViewOptions): string {
  return options.apiHost ? l10n.t('Updated {0} from {1}', when, hostWords(options)) : l10n.t('Updated {0}', when);
}

/** "api.elevenlabs.io", or "proxy.example.com (not an ElevenLabs host)": the key goes there. */
function hostWords(options: StatusViewOptions): string {
  const host = escapeMarkdown(options.apiHost ?? '');
  return options.foreignHost ? l10n.t('{0} (not an ElevenLabs host)', host) : host;
}

function links(...entries: Array<[label: string, command: string]>): string {
  return entries.map(([label, command]) => `[${label}](command:${command})`).join(' · ');
}

/** Made at each use, not at load: the words are in the display language, known only once the host is activated. */
function actions(): string {
  return links(
    [l10n.t('$(refresh) Refresh'), COMMANDS.refresh],
    [l10n.t('$(graph) Show Usage'), COMMANDS.showUsage],
    [l10n.t('$(key) Set API Key'), COMMANDS.setApiKey],
  );
}

/** The item's figure: today's characters, or today's credits once character-stats no longer serves them. */
function todayFigure(snapshot: UsageSnapshot): { readonly value: number | undefined; readonly characters: boolean } {
  return snapshot.charactersToday !== undefined ? { value: snapshot.charactersToday, characters: true } : { value: snapshot.creditsToday, characters: false };
}

function snapshotText(snapshot: UsageSnapshot, icon: string, options: StatusViewOptions): string {
  if (options.display === 'iconOnly') {
    return icon;
  }
  const figure = todayFigure(snapshot);
  const value = figure.value === undefined ? '\u2013' : formatShort(figure.value);
  return `${icon} ${figure.characters ? l10n.t('{0} chars', value) : l10n.t('{0} credits', value)}`;
}

/** "ElevenLabs: 12,345 characters today", or "… on an earlier day": each variant a whole message, for the translators. */
function exactLabel(snapshot: UsageSnapshot, locale: string | undefined, earlierDay = false): string {
  const figure = todayFigure(snapshot);
  if (figure.value === undefined) {
    if (figure.characters) {
      return earlierDay ? l10n.t('ElevenLabs: no figure of characters on an earlier day') : l10n.t('ElevenLabs: no figure of characters today');
    }
    return earlierDay ? l10n.t('ElevenLabs: no figure of credits on an earlier day') : l10n.t('ElevenLabs: no figure of credits today');
  }
  const value = formatExact(figure.value, locale);
  if (figure.characters) {
    return earlierDay ? l10n.t('ElevenLabs: {0} characters on an earlier day', value) : l10n.t('ElevenLabs: {0} characters today', value);
  }
  return earlierDay ? l10n.t('ElevenLabs: {0} credits on an earlier day', value) : l10n.t('ElevenLabs: {0} credits today', value);
}

export function statusView(state: StatusState, options: StatusViewOptions): StatusView {
  const { locale, nowMs } = options;
  switch (state.kind) {
    case 'noKey':
      return {
        text: options.display === 'iconOnly' ? '$(key)' : l10n.t('$(key) ElevenLabs: set key'),
        accessibilityLabel: l10n.t('ElevenLabs: no API key set. Activate to set one.'),
        tooltipMarkdown: [
          l10n.t('**ElevenLabs Usage** needs an API key to show your usage.'),
          '',
          links([l10n.t('$(key) Set API Key'), COMMANDS.setApiKey]),
        ].join('\n'),
        background: undefined,
        command: COMMANDS.setApiKey,
      };
    case 'loading': {
      const last = state.last;
      return {
        text: last ? snapshotText(last, '$(sync~spin)', options) : options.display === 'iconOnly' ? '$(sync~spin)' : '$(sync~spin) ElevenLabs',
        accessibilityLabel: last ? l10n.t('{0}, refreshing', exactLabel(last, locale)) : l10n.t('ElevenLabs: loading today’s usage'),
        tooltipMarkdown: [l10n.t('$(sync~spin) Fetching today’s ElevenLabs usage…'), '', ...(last ? figuresMarkdown(last, options) : [])].join('\n'),
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
          updatedWords(clock(state.snapshot.fetchedAtMs, options), options),
          '',
          actions(),
        ].join('\n'),
        background: backgroundFor(state.snapshot, options),
        command: COMMANDS.statusBarClick,
      };
    case 'stale': {
      const when = clock(state.snapshot.fetchedAtMs, options);
      const sameDay = options.calendar.isSameDay(state.snapshot.fetchedAtMs, nowMs);
      return {
        text: snapshotText(state.snapshot, STALE_ICON, options),
        accessibilityLabel: l10n.t('{0}, stale since {1}', exactLabel(state.snapshot, locale, !sameDay), when),
        tooltipMarkdown: [
          `${STALE_ICON} ${sameDay ? l10n.t('**Stale:** these figures are from {0}.', when) : l10n.t('**Stale:** these figures are from {0} (an earlier day).', when)} ${
            state.reason === NEW_DAY_REASON ? newDayWords() : l10n.t('The last refresh failed: {0}', escapeMarkdown(state.reason))
          }`,
          '',
          ...figuresMarkdown(state.snapshot, options),
          ...(options.apiHost ? [l10n.t('From {0}', hostWords(options)), ''] : []),
          state.needsNewKey ? links([l10n.t('$(key) Set API Key'), COMMANDS.setApiKey]) : actions(),
        ].join('\n'),
        // A refused key: the figures stay, and the item says no refresh will bring new ones until a key is set.
        background: state.needsNewKey ? 'error' : backgroundFor(state.snapshot, options),
        command: state.needsNewKey ? COMMANDS.setApiKey : COMMANDS.statusBarClick,
      };
    }
    case 'error':
      return {
        text: options.display === 'iconOnly' ? '$(error)' : '$(error) ElevenLabs',
        accessibilityLabel: l10n.t('{0}: {1}', 'ElevenLabs', state.reason),
        tooltipMarkdown: [
          `$(error) ${escapeMarkdown(state.reason)}`,
          '',
          state.needsNewKey ? links([l10n.t('$(key) Set API Key'), COMMANDS.setApiKey]) : actions(),
        ].join('\n'),
        background: 'error',
        command: state.needsNewKey ? COMMANDS.setApiKey : COMMANDS.refresh,
      };
  }
}
