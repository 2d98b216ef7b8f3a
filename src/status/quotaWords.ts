// The quota's outlook in words: how much is used, the reset, the share of the period gone, the projection at this
// pace and any overage. The tooltip shows them as Markdown; the billing-period chart says the same.

import * as l10n from '@vscode/l10n';
import { quoteServiceText } from '../api/serviceText';
import type { Price, SubscriptionQuota } from '../api/types';
import { formatExact, formatPercent } from '../shared/locale/numberFormats';
import { clock, longDate, type WordOptions } from './dateWords';
import { escapeMarkdown } from './markdownEscape';
import { quotaOutlook, RECENT_DAYS, resetsIn, type PeriodOutlook, type Projection, type QuotaOutlook, type ResetOutlook } from './quotaOutlook';
import type { UsageSnapshot } from './statusState';

/** The share of the quota used; undefined without a quota or a limit. */
export function quotaFraction(quota: SubscriptionQuota | undefined): number | undefined {
  return quota && quota.limit > 0 ? quota.used / quota.limit : undefined;
}

/** "91,000 of 100,000 credits used (91%)": the quota line of the tooltip, after its label. */
export function quotaUsedWords(quota: SubscriptionQuota, locale: string | undefined): string {
  const fraction = quotaFraction(quota);
  const used = formatExact(quota.used, locale);
  const limit = formatExact(quota.limit, locale);
  return fraction === undefined ? l10n.t('{0} of {1} credits used', used, limit) : l10n.t('{0} of {1} credits used ({2})', used, limit, formatPercent(fraction));
}

/** The reset, the pace, the projection and any overage: the lines below the quota, each a paragraph. */
export function outlookMarkdown(snapshot: UsageSnapshot, quota: SubscriptionQuota, options: WordOptions): string[] {
  const outlook = quotaOutlook(quota, snapshot.recentCredits, options.nowMs, options.calendar);
  if (!outlook) {
    return quota.resetsAtMs === undefined ? [] : [l10n.t('Resets {0}', longDate(quota.resetsAtMs, options)), ''];
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
    return l10n.t('The period ended {0}: the new quota comes with its next update.', longDate(reset.atMs, options));
  }
  // The day ("today", "tomorrow", "in 7 days") is resetsIn's words, which the quota alerts say too.
  return reset.daysAway === 0
    ? l10n.t('Resets {0}, at {1}', resetsIn(reset.daysAway), clock(reset.atMs, options))
    : l10n.t('Resets {0}, on {1}', resetsIn(reset.daysAway), longDate(reset.atMs, options));
}

/** "57% of the period gone, 91% of the quota used". */
export function periodWords(period: PeriodOutlook, usedFraction: number): string {
  return l10n.t('{0} of the period gone, {1} of the quota used', formatPercent(period.elapsedFraction), formatPercent(usedFraction));
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
  const runsOut = projection.runsOutAtMs === undefined ? undefined : l10n.t('running out on {0}', longDate(projection.runsOutAtMs, options));
  const problem = recent.recentCreditsProblem === undefined ? undefined : escape(recent.recentCreditsProblem);
  let basis: string;
  if (projection.basis === 'periodAverage') {
    basis = problem
      ? l10n.t('the average since the period began; the last {0} days could not be fetched: {1}', RECENT_DAYS, problem)
      : l10n.t('the average since the period began; the last {0} days come with a later refresh', RECENT_DAYS);
  } else {
    const whose =
      projection.scope === 'owner'
        ? l10n.t('your own average over the last {0} days, as this key may not read the workspace’s', RECENT_DAYS)
        : l10n.t('the workspace’s average over the last {0} days', RECENT_DAYS);
    const days = recent.recentCredits;
    const old = problem && days ? l10n.t('; from {0}, not updated since: {1}', clock(days.endMs, options), problem) : '';
    basis = `${whose}${old}`;
  }
  return {
    headline: l10n.t('At this pace: {0} of the quota by the reset', formatPercent(projection.fractionAtReset)),
    runsOut,
    pace: l10n.t('{0} credits a day: {1}', formatExact(Math.round(projection.creditsPerDay), locale), basis),
  };
}

/** "At this pace: 104% of the quota by the reset, running out on Dec 5, 2026 (14,200 credits a day: …)". */
function projectionMarkdown(projection: Projection, snapshot: UsageSnapshot, options: WordOptions): string {
  const words = projectionWords(projection, snapshot, options, escapeMarkdown);
  return `${words.headline}${words.runsOut === undefined ? '' : `, ${words.runsOut}`} (${words.pace})`;
}

/** At or past the limit: how far over, the overage charged so far, and whether usage-based billing goes on. */
function overageMarkdown(quota: SubscriptionQuota, outlook: QuotaOutlook, options: WordOptions): string {
  const { locale } = options;
  const parts = [
    outlook.overCredits === 0
      ? l10n.t('**Quota used up.**')
      : l10n.t('**Over the quota** by {0} credits ({1}).', formatExact(outlook.overCredits, locale), formatPercent(outlook.usedFraction)),
  ];
  if (quota.currentOverage) {
    parts.push(l10n.t('Overage so far: {0}.', money(quota.currentOverage, locale)));
  }
  const extension = quota.limitExtension;
  if (extension === 'unlimited') {
    parts.push(l10n.t('Usage-based billing extends the limit, with no cap.'));
  } else if (extension !== undefined && extension > 0) {
    const up = formatExact(extension, locale);
    parts.push(
      quota.used >= quota.limit + extension
        ? l10n.t('Usage-based billing extends the limit by up to {0} credits, and that is used up too.', up)
        : l10n.t('Usage-based billing extends the limit by up to {0} credits.', up),
    );
  } else if (extension === 0) {
    parts.push(
      quota.canExtendLimit
        ? l10n.t('Usage-based billing is off (this plan allows it: a workspace admin can turn it on), so the limit is not extended.')
        : l10n.t('Usage-based billing is off, so the limit is not extended.'),
    );
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
