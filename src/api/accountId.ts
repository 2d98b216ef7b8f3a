// Which account a figure belongs to, for records kept across windows and sessions (the quota alerts).
//
// The subscription answer carries no account or workspace id, so the account is known by what the request was
// made with: the host and the key. The id is a short one-way digest of the two, never the key or a part of it,
// so it is safe to keep in globalState and in file names. Rotating a key looks like a new account: at worst an
// alert already shown for the period is shown once more.

import { createHash } from 'node:crypto';

/** Hex characters kept: 64 bits, far more than the handful of accounts a user has, and short in a file name. */
const ACCOUNT_ID_LENGTH = 16;

export function accountIdOf(baseUrl: string, apiKey: string): string {
  return createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex').slice(0, ACCOUNT_ID_LENGTH);
}
