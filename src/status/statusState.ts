// What the status bar item can be in: the figures of one refresh, the states built from them, and the commands
// the item and its tooltip run. Plain data, shared by the model that draws the item and the code that drives it.

import type { SubscriptionQuota } from '../api/types';
import type { RecentCredits } from './quotaOutlook';

export const COMMANDS = {
  setApiKey: 'elevenlabsUsage.setApiKey',
  refresh: 'elevenlabsUsage.refresh',
  showUsage: 'elevenlabsUsage.showUsage',
  statusBarClick: 'elevenlabsUsage.statusBarClick',
  switchAccount: 'elevenlabsUsage.switchAccount',
} as const;

/** The figures of one successful refresh. */
export interface UsageSnapshot {
  /** Today's characters; undefined once character-stats is retired (its successor reports credits only). */
  readonly charactersToday: number | undefined;
  /** Since when character-stats has answered as retired (404 or 410); undefined while it serves. */
  readonly charactersRetiredSinceMs?: number | undefined;
  /** Characters were not asked for: the user chose the successor for every credit figure (elevenlabsUsage.source). */
  readonly successorChosen?: boolean | undefined;
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
  /**
   * The last refresh failed; the last good figures stay, marked. `needsNewKey`: it failed because the key was
   * refused, which no refresh fixes (the item then sets a key).
   */
  | { readonly kind: 'stale'; readonly snapshot: UsageSnapshot; readonly reason: string; readonly needsNewKey?: boolean }
  /** Nothing good to show, or the key itself was refused. */
  | { readonly kind: 'error'; readonly reason: string; readonly needsNewKey: boolean };
