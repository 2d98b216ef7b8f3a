// The status bar item with several accounts: the active one's name in the item and its label, and in the tooltip
// every account, each a link that switches to it. With one account nothing changes: the item reads as it always did.

import { escapeMarkdown } from '../markdownEscape';
import type { StatusView } from '../statusModel';
import { COMMANDS } from '../statusState';

export interface AccountsShown {
  /** Every account, in the list's order, and which one the figures are of. */
  readonly names: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly activeId: string;
}

/** A link that runs Switch Account for one account (its id the command's argument). */
function switchLink(id: string, name: string): string {
  return `[${escapeMarkdown(name)}](command:${COMMANDS.switchAccount}?${encodeURIComponent(JSON.stringify([id]))})`;
}

/** The view of the active account, named where more than one exists. */
export function withAccounts(view: StatusView, accounts: AccountsShown | undefined): StatusView {
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
  const text = view.text.replace(/^(\$\([^)]+\))(?: (.*))?$/, (_all, icon: string, rest: string | undefined) => (rest === undefined ? icon : `${icon} ${itemName}: ${rest}`));
  const others = accounts.names.filter((a) => a.id !== accounts.activeId).map((a) => switchLink(a.id, a.name));
  const header = [`**Account:** ${escapeMarkdown(active.name)} (${accounts.names.findIndex((a) => a.id === active.id) + 1} of ${accounts.names.length}) · switch to ${others.join(' · ')}`, ''];
  return {
    ...view,
    text,
    accessibilityLabel: view.accessibilityLabel.replace(/^ElevenLabs/, `ElevenLabs, ${active.name}`),
    tooltipMarkdown: [...header, view.tooltipMarkdown].join('\n'),
  };
}
