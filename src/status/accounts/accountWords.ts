// The status bar item with several accounts: the active one's name in the item and its label, and in the tooltip
// every account, each a link that switches to it. With one account nothing changes: the item reads as it always did.

import * as l10n from '@vscode/l10n';
import { formatExact, formatPercent, formatShort } from '../../shared/locale/numberFormats';
import { clock, longDate, type WordOptions } from '../dateWords';
import { escapeMarkdown } from '../markdownEscape';
import type { StatusView } from '../statusModel';
import { COMMANDS } from '../statusState';
import type { SubscriptionQuota } from '../../api/types';
import type { OtherAccountFigures } from './otherAccounts';

export interface AccountsShown {
  /** Every account, in the list's order, and which one the figures are of. */
  readonly names: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly activeId: string;
  /** What is known of each other account (otherAccounts.ts), by id. */
  figuresOf?(accountId: string): OtherAccountFigures | undefined;
  /** elevenlabsUsage.statusBar.accounts: the active account's figure, or today's characters of all of them. */
  readonly mode?: 'active' | 'sum';
  /** The active account's characters today, where the item shows a figure of today (for the sum). */
  readonly activeCharactersToday?: number | undefined;
}

/** Today's characters of every account that has a figure of today: the active one's and the others' last. */
export function charactersOfAll(accounts: AccountsShown, options: WordOptions): { readonly total: number; readonly counted: number } {
  let total = accounts.activeCharactersToday ?? 0;
  let counted = accounts.activeCharactersToday === undefined ? 0 : 1;
  for (const { id } of accounts.names) {
    const characters = id === accounts.activeId ? undefined : accounts.figuresOf?.(id)?.characters;
    if (characters && options.calendar.isSameDay(characters.atMs, options.nowMs)) {
      total += characters.value;
      counted++;
    }
  }
  return { total, counted };
}

/** The other accounts' last quotas, each with its account's name: the quota alerts look at every account's. */
export function quotasOfOthers(accounts: AccountsShown): Array<{ readonly quota: SubscriptionQuota; readonly name: string }> {
  return accounts.names.flatMap(({ id, name }) => {
    const quota = id === accounts.activeId ? undefined : accounts.figuresOf?.(id)?.quota?.value;
    return quota ? [{ quota, name }] : [];
  });
}

/** One other account's line: today's characters, the quota and its reset, and why either is missing or old. */
export function otherAccountWords(figures: OtherAccountFigures | undefined, options: WordOptions): string {
  if (!figures) {
    return l10n.t('not asked yet (every 15 minutes at most, while this window is focused)');
  }
  const parts: string[] = [];
  const { characters, quota, problem } = figures;
  if (characters && options.calendar.isSameDay(characters.atMs, options.nowMs)) {
    parts.push(l10n.t('{0} characters today (at {1})', formatExact(characters.value, options.locale), clock(characters.atMs, options)));
  } else if (characters) {
    parts.push(l10n.t('{0} characters on an earlier day (at {1})', formatExact(characters.value, options.locale), clock(characters.atMs, options)));
  }
  if (quota && quota.value.limit > 0) {
    const { resetsAtMs } = quota.value;
    const used = formatPercent(quota.value.used / quota.value.limit);
    const at = clock(quota.atMs, options);
    parts.push(
      resetsAtMs === undefined
        ? l10n.t('{0} of the quota (at {1})', used, at)
        : resetsAtMs > options.nowMs
          ? l10n.t('{0} of the quota, resets {1} (at {2})', used, longDate(resetsAtMs, options), at)
          : l10n.t('{0} of the quota, its period has ended (at {1})', used, at),
    );
  }
  if (problem) {
    parts.push(l10n.t('the last request failed at {0}: {1}', clock(problem.atMs, options), problem.message));
  }
  return parts.length > 0 ? parts.join(' · ') : l10n.t('not asked yet');
}

/** A link that runs Switch Account for one account (its id the command's argument). */
function switchLink(id: string, name: string): string {
  return `[${escapeMarkdown(name)}](command:${COMMANDS.switchAccount}?${encodeURIComponent(JSON.stringify([id]))})`;
}

/** The view of the active account, named where more than one exists, with every other account below. */
export function withAccounts(view: StatusView, accounts: AccountsShown | undefined, options: WordOptions): StatusView {
  if (!accounts || accounts.names.length < 2) {
    return view;
  }
  const active = accounts.names.find((a) => a.id === accounts.activeId);
  if (!active) {
    return view;
  }
  // "$(unmute) 12.3k chars" → "$(unmute) Client A: 12.3k chars"; an icon alone stays an icon.
  // A "$(" in a name would draw an icon in the item: a zero-width space keeps it text.
  const itemName = active.name.replace(/\$\(/g, '$\u200b(');
  const text = view.text.replace(/^(\$\([^)]+\))(?: (.*))?$/, (_all, icon: string, rest: string | undefined) => (rest === undefined ? icon : `${icon} ${l10n.t('{0}: {1}', itemName, rest)}`));
  const others = accounts.names.filter((a) => a.id !== accounts.activeId);
  const header = [l10n.t('**Account:** {0} ({1} of {2})', escapeMarkdown(active.name), accounts.names.findIndex((a) => a.id === active.id) + 1, accounts.names.length), ''];
  // Each other account is a link that switches to it, with what is known of it.
  const list = [
    l10n.t('**Other accounts** (a click switches):'),
    '',
    ...others.map((a) => `- ${l10n.t('{0}: {1}', switchLink(a.id, a.name), escapeMarkdown(otherAccountWords(accounts.figuresOf?.(a.id), options)))}`),
    '',
  ];
  const named: StatusView = {
    ...view,
    text,
    accessibilityLabel: view.accessibilityLabel.replace(/^ElevenLabs/, `ElevenLabs, ${active.name}`),
    tooltipMarkdown: [...header, view.tooltipMarkdown, '', ...list].join('\n'),
  };
  return accounts.mode === 'sum' && accounts.activeCharactersToday !== undefined ? summed(named, view, accounts, options) : named;
}

/** The item as the sum of today's characters of every account with a figure of today, saying how many. */
function summed(named: StatusView, view: StatusView, accounts: AccountsShown, options: WordOptions): StatusView {
  const { total, counted } = charactersOfAll(accounts, options);
  const all = accounts.names.length;
  // Never fewer than two accounts here, so "accounts" has no singular to choose.
  const which = counted === all ? l10n.t('{0} accounts', all) : l10n.t('{0} of {1} accounts', counted, all);
  const icon = /^\$\([^)]+\)/.exec(view.text)?.[0] ?? '';
  const iconOnly = view.text === icon;
  return {
    ...named,
    text: iconOnly ? icon : `${icon} ${l10n.t('{0} chars ({1})', formatShort(total), which)}`,
    accessibilityLabel: l10n.t('ElevenLabs, {0}: {1} characters today', which, formatExact(total, options.locale)),
    tooltipMarkdown: [
      l10n.t('**All accounts today:** {0} characters ({1}; the others as of their last figure)', formatExact(total, options.locale), which),
      '',
      named.tooltipMarkdown,
    ].join('\n'),
  };
}
