// Checks a key before it is stored: it must read today's usage, and should read the subscription (the quota).
// A key that reads usage but lacks the permission for the quota (user_read) is "limited": the status bar works
// without the quota, so the user may store it knowing what will be missing. The answer says why a key is
// refused, and whether the check itself could not run (offline), in which case the user may choose to store
// the key unchecked. Once character-stats answers as retired (404 or 410), today's credits from its successor
// (the workspace analytics query) stand in for today's characters.

import * as l10n from '@vscode/l10n';
import type { ElevenLabsClient } from '../api/client';
import { ElevenLabsError, isElevenLabsError } from '../api/errors';
import type { SubscriptionQuota } from '../api/types';
import type { ZonedCalendar } from './calendar/timeZone';
import { charactersIn } from './totals';
import { isRetiredAnswer, successorCredits } from './query/analyticsQuery';

/** What the key read of today: its characters, or the workspace's credits where character-stats is retired. */
export interface TodayRead {
  readonly amount: number;
  readonly unit: 'characters' | 'credits';
}

export type KeyCheck =
  | { readonly outcome: 'valid'; readonly today: TodayRead; readonly quota: SubscriptionQuota }
  /** The key reads usage but may not read `missing` (the error names the permission). */
  | { readonly outcome: 'limited'; readonly today: TodayRead; readonly missing: 'quota'; readonly error: ElevenLabsError }
  /** The service refused the key: never store it. */
  | { readonly outcome: 'refused'; readonly error: ElevenLabsError }
  /** The check could not reach a verdict (offline, timeout, outage, rate limit). */
  | { readonly outcome: 'unchecked'; readonly error: ElevenLabsError };

/**
 * Today's characters, or the workspace's credits from the successor: where the user chose it for every credit
 * figure (elevenlabsUsage.source), or where character-stats answers as retired.
 */
async function readToday(
  client: ElevenLabsClient,
  today: { readonly startUnix: number; readonly endUnix: number },
  calendar: ZonedCalendar,
  options: KeyCheckOptions,
): Promise<TodayRead> {
  const requestOptions = options.signal ? { signal: options.signal } : {};
  const fromSuccessor = async (): Promise<TodayRead> => ({ amount: await successorCredits(client, today.startUnix, today.endUnix + 1, calendar, requestOptions), unit: 'credits' });
  if (options.successorChosen) {
    return fromSuccessor();
  }
  try {
    return { amount: await charactersIn(client, today, requestOptions), unit: 'characters' };
  } catch (error) {
    if (!isRetiredAnswer(error)) {
      throw error;
    }
    return fromSuccessor();
  }
}

export interface KeyCheckOptions {
  readonly signal?: AbortSignal;
  /** The user chose the successor for every credit figure (elevenlabsUsage.source "analytics"). */
  readonly successorChosen?: boolean;
}

/** `today` is the user's day so far (local midnight to now, in the user's zone, `calendar`'s). */
export async function checkApiKey(
  client: ElevenLabsClient,
  today: { readonly startUnix: number; readonly endUnix: number },
  calendar: ZonedCalendar,
  options: KeyCheckOptions = {},
): Promise<KeyCheck> {
  const { signal } = options;
  try {
    const read = await readToday(client, today, calendar, options);
    try {
      const quota = await client.getSubscription(signal ? { signal } : {});
      return { outcome: 'valid', today: read, quota };
    } catch (error) {
      if (isElevenLabsError(error) && error.kind === 'missingPermissions') {
        return { outcome: 'limited', today: read, missing: 'quota', error };
      }
      throw error;
    }
  } catch (error) {
    const failure = isElevenLabsError(error) ? error : new ElevenLabsError('offline', l10n.t('The key could not be checked.'));
    if (failure.isAuthProblem) {
      return { outcome: 'refused', error: failure };
    }
    return { outcome: 'unchecked', error: failure };
  }
}
