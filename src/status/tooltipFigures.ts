// The figures of a snapshot as the tooltip shows them, as Markdown lines: today's table (characters and credits),
// the quota with its outlook, and why any figure is missing or old.

import * as l10n from '@vscode/l10n';
import { formatExact } from '../shared/locale/numberFormats';
import { clock, type WordOptions } from './dateWords';
import { escapeMarkdown } from './markdownEscape';
import { outlookMarkdown, quotaUsedWords } from './quotaWords';
import type { UsageSnapshot } from './statusState';

function creditsRow(snapshot: UsageSnapshot, options: WordOptions): string {
  if (snapshot.creditsToday === undefined || snapshot.creditsFetchedAtMs === undefined) {
    return `| ${l10n.t('Credits')} | ${l10n.t('at the next refresh')} |`;
  }
  const label = snapshot.creditsFetchedAtMs === snapshot.fetchedAtMs ? l10n.t('Credits') : l10n.t('Credits (at {0})', clock(snapshot.creditsFetchedAtMs, options));
  return `| ${label} | ${formatExact(snapshot.creditsToday, options.locale)} |`;
}

function charactersCell(snapshot: UsageSnapshot, locale: string | undefined): string {
  if (snapshot.charactersToday !== undefined) {
    return formatExact(snapshot.charactersToday, locale);
  }
  return snapshot.successorChosen && snapshot.charactersRetiredSinceMs === undefined ? l10n.t('not asked (your setting)') : l10n.t('no longer served');
}

export function figuresMarkdown(snapshot: UsageSnapshot, options: WordOptions): string[] {
  const { locale } = options;
  const lines = [
    `| ${l10n.t('Today ({0})', escapeMarkdown(options.calendar.zone))} | |`,
    '|:--|--:|',
    `| ${l10n.t('Characters')} | ${charactersCell(snapshot, locale)} |`,
    creditsRow(snapshot, options),
    '',
  ];
  if (snapshot.charactersRetiredSinceMs !== undefined) {
    lines.push(
      l10n.t(
        '**Characters** are no longer served: ElevenLabs has answered for character-stats as for a retired endpoint since {0}. Credits come from the workspace analytics endpoint, its successor; character-stats is asked again once a day.',
        clock(snapshot.charactersRetiredSinceMs, options),
      ),
      '',
    );
  } else if (snapshot.successorChosen) {
    lines.push(
      l10n.t(
        '**Characters** are not asked for: your setting `elevenlabsUsage.source` is `analytics`, so credits come from the workspace analytics endpoint, which has no characters. Set it to `auto` to see them again while character-stats serves.',
      ),
      '',
    );
  }
  if (snapshot.creditsProblem) {
    lines.push(l10n.t('**Credits** not updated: {0}', escapeMarkdown(snapshot.creditsProblem)), '');
  }
  const { quota } = snapshot;
  if (quota) {
    lines.push(l10n.t('**Quota** ({0}): {1}', escapeMarkdown(quota.tier), quotaUsedWords(quota, locale)), '');
    lines.push(...outlookMarkdown(snapshot, quota, options));
    if (snapshot.quotaProblem) {
      const problem = escapeMarkdown(snapshot.quotaProblem);
      lines.push(
        snapshot.quotaFetchedAtMs === undefined
          ? l10n.t('The quota was not updated: {0}', problem)
          : l10n.t('The quota (from {0}) was not updated: {1}', clock(snapshot.quotaFetchedAtMs, options), problem),
        '',
      );
    }
  } else if (snapshot.quotaProblem) {
    lines.push(l10n.t('**Quota** unavailable: {0}', escapeMarkdown(snapshot.quotaProblem)), '');
  }
  return lines;
}
