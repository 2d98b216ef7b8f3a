// The figures of a snapshot as the tooltip shows them, as Markdown lines: today's table (characters and credits),
// the quota with its outlook, and why any figure is missing or old.

import { formatExact } from '../usage/numberFormat';
import { clock, type WordOptions } from './dateWords';
import { escapeMarkdown } from './markdownEscape';
import { outlookMarkdown, quotaUsedWords } from './quotaWords';
import type { UsageSnapshot } from './statusState';

function creditsRow(snapshot: UsageSnapshot, options: WordOptions): string {
  if (snapshot.creditsToday === undefined || snapshot.creditsFetchedAtMs === undefined) {
    return '| Credits | at the next refresh |';
  }
  const when = snapshot.creditsFetchedAtMs === snapshot.fetchedAtMs ? '' : ` (at ${clock(snapshot.creditsFetchedAtMs, options)})`;
  return `| Credits${when} | ${formatExact(snapshot.creditsToday, options.locale)} |`;
}

function charactersCell(snapshot: UsageSnapshot, locale: string | undefined): string {
  if (snapshot.charactersToday !== undefined) {
    return formatExact(snapshot.charactersToday, locale);
  }
  return snapshot.successorChosen && snapshot.charactersRetiredSinceMs === undefined ? 'not asked (your setting)' : 'no longer served';
}

export function figuresMarkdown(snapshot: UsageSnapshot, options: WordOptions): string[] {
  const { locale } = options;
  const lines = [
    `| Today (${escapeMarkdown(options.calendar.zone)}) | |`,
    '|:--|--:|',
    `| Characters | ${charactersCell(snapshot, locale)} |`,
    creditsRow(snapshot, options),
    '',
  ];
  if (snapshot.charactersRetiredSinceMs !== undefined) {
    lines.push(
      `**Characters** are no longer served: ElevenLabs has answered for character-stats as for a retired endpoint since ${clock(snapshot.charactersRetiredSinceMs, options)}. ` +
        'Credits come from the workspace analytics endpoint, its successor; character-stats is asked again once a day.',
      '',
    );
  } else if (snapshot.successorChosen) {
    lines.push(
      '**Characters** are not asked for: your setting `elevenlabsUsage.source` is `analytics`, so credits come from the workspace analytics endpoint, ' +
        'which has no characters. Set it to `auto` to see them again while character-stats serves.',
      '',
    );
  }
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
