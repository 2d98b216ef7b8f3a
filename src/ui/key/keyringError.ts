// The error for a keyring (behind VS Code's SecretStorage) that cannot be read or written: locked, missing, or
// refusing. It is not "no key", and its message says what to do.

import * as l10n from '@vscode/l10n';
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

/** What the keyring was asked to do, in the words of the message (each is a whole message of its own below). */
export type KeyringAction = 'read the key from' | 'save the key in' | 'remove the key from';

/** "VS Code could not read the key from the system keyring (…)". The key never appears in the reason. */
export function keyringError(action: KeyringAction, cause: unknown, secret?: string): KeyringError {
  const reason = redact(cause instanceof Error ? cause.message : String(cause), secret);
  return new KeyringError(keyringMessage(action, reason));
}

function keyringMessage(action: KeyringAction, reason: string): string {
  switch (action) {
    case 'read the key from':
      return l10n.t('VS Code could not read the key from the system keyring ({0}). On Linux, install and unlock a keyring such as GNOME Keyring or KWallet, then try again.', reason);
    case 'save the key in':
      return l10n.t('VS Code could not save the key in the system keyring ({0}). Nothing was saved. On Linux, install and unlock a keyring such as GNOME Keyring or KWallet, then try again.', reason);
    case 'remove the key from':
      return l10n.t('VS Code could not remove the key from the system keyring ({0}). On Linux, install and unlock a keyring such as GNOME Keyring or KWallet, then try again.', reason);
  }
}
