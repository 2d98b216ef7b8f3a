// The error for a keyring (behind VS Code's SecretStorage) that cannot be read or written: locked, missing, or
// refusing. It is not "no key", and its message says what to do.

import { redact, UserFacingError } from '../../api/errors';

/** Identity shared by the copies of this class in both host bundles (see api/errors.ts). */
const KEYRING_ERROR = Symbol.for('elevenlabs-usage.KeyringError');

export class KeyringError extends UserFacingError {
  override readonly name = 'KeyringError';
  readonly [KEYRING_ERROR] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[KEYRING_ERROR] === true;
  }
}

/** "VS Code could not read the key from the system keyring (…)". The key never appears in the reason. */
export function keyringError(action: string, cause: unknown, secret?: string, consequence = ''): KeyringError {
  const reason = redact(cause instanceof Error ? cause.message : String(cause), secret);
  return new KeyringError(
    `VS Code could not ${action} the system keyring (${reason}).${consequence} On Linux, install and unlock a ` +
      'keyring such as GNOME Keyring or KWallet, then try again.',
  );
}
