// A nonce for the webview's Content-Security-Policy: 128 random bits, base64url-free of characters that would
// need escaping in an HTML attribute. crypto.getRandomValues is a global in Node 20 and in every browser.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 characters from [A-Za-z0-9], drawn without modulo bias. */
export function createNonce(length = 32): string {
  let nonce = '';
  const bytes = new Uint8Array(64);
  while (nonce.length < length) {
    globalThis.crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      // 248 = 4 × 62: bytes above it would favour the first letters.
      if (byte < 248 && nonce.length < length) {
        nonce += ALPHABET[byte % ALPHABET.length];
      }
    }
  }
  return nonce;
}
