import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A fresh random token: 32 bytes, base64url, after `prefix`. Tokens are only ever compared
 * through their SHA-256 (`tokenHash`), so the database holds nothing that signs anyone in.
 */
export function randomToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a session cookie, sign-in link or API token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two strings in time that does not depend on where they first differ. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();

  return timingSafeEqual(a, b) && given.length === expected.length;
}
