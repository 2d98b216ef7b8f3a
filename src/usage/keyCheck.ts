// Checks a key before it is stored: it must read today's usage, and should read the subscription (the quota).
// A key that reads usage but lacks the permission for the quota (user_read) is "limited": the status bar works
// without the quota, so the user may store it knowing what will be missing. The answer says why a key is
// refused, and whether the check itself could not run (offline), in which case the user may choose to store
// the key unchecked.

import type { ElevenLabsClient } from '../api/client';
import { ElevenLabsError, isElevenLabsError } from '../api/errors';
import type { SubscriptionQuota } from '../api/types';
import { grandTotal } from './totals';

export type KeyCheck =
  | { readonly outcome: 'valid'; readonly charactersToday: number; readonly quota: SubscriptionQuota }
  /** The key reads usage but may not read `missing` (the error names the permission). */
  | { readonly outcome: 'limited'; readonly charactersToday: number; readonly missing: 'quota'; readonly error: ElevenLabsError }
  /** The service refused the key: never store it. */
  | { readonly outcome: 'refused'; readonly error: ElevenLabsError }
  /** The check could not reach a verdict (offline, timeout, outage, rate limit). */
  | { readonly outcome: 'unchecked'; readonly error: ElevenLabsError };

/** `today` is the user's day so far (local midnight to now, in the user's zone). */
export async function checkApiKey(
  client: ElevenLabsClient,
  today: { readonly startUnix: number; readonly endUnix: number },
  signal?: AbortSignal,
): Promise<KeyCheck> {
  try {
    const usage = await client.getCharacterStats(
      { ...today, aggregationInterval: 'cumulative', metric: 'tts_characters' },
      signal ? { signal } : {},
    );
    const charactersToday = grandTotal(usage);
    try {
      const quota = await client.getSubscription(signal ? { signal } : {});
      return { outcome: 'valid', charactersToday, quota };
    } catch (error) {
      if (isElevenLabsError(error) && error.kind === 'missingPermissions') {
        return { outcome: 'limited', charactersToday, missing: 'quota', error };
      }
      throw error;
    }
  } catch (error) {
    const failure = isElevenLabsError(error) ? error : new ElevenLabsError('offline', 'The key could not be checked.');
    if (failure.isAuthProblem) {
      return { outcome: 'refused', error: failure };
    }
    return { outcome: 'unchecked', error: failure };
  }
}
