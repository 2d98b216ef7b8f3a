// The quota's outlook in words: how much is used, the reset, the share of the period gone, the projection at this
// pace and any overage. The tooltip shows them as Markdown; the billing-period chart says the same.

import { quoteServiceText } from '../api/serviceText';
import type { Price, SubscriptionQuota } from '../api/types';
import { formatExact, formatPercent } from '../usage/numberFormat';
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
  const percent = fraction === undefined ? '' : ` (${formatPercent(fraction)})`;
  return `${formatExact(quota.used, locale)} of ${formatExact(quota.limit, locale)} credits used${percent}`;
}

/** The reset, the pace, the projection and any overage: the lines below the quota, each a paragraph. */
export function outlookMarkdown(snapshot: UsageSnapshot, quota: SubscriptionQuota, options: WordOptions): string[] {
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
function projectionMarkdown(projection: Projection, snapshot: UsageSnapshot, options: WordOptions): string {
  const words = projectionWords(projection, snapshot, options, escapeMarkdown);
  return `${words.headline}${words.runsOut === undefined ? '' : `, ${words.runsOut}`} (${words.pace})`;
}

/** At or past the limit: how far over, the overage charged so far, and whether usage-based billing goes on. */
function overageMarkdown(quota: SubscriptionQuota, outlook: QuotaOutlook, options: WordOptions): string {
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
