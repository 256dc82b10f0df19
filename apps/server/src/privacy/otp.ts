import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Six digits: easy to type from a phone, and with few attempts impractical to guess. */
export const CODE_DIGITS = 6;

/** A one-time code drawn uniformly from 000000–999999. */
export function newOneTimeCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

/**
 * What is stored instead of the code: SHA-256 of the request id and the code, so that a code
 * seen in one request's row does not match another's.
 */
export function hashOneTimeCode(requestId: string, code: string): string {
  return createHash('sha256').update(`${requestId}:${code}`).digest('hex');
}

/** Compares in constant time; anything that is not six digits never matches. */
export function oneTimeCodeMatches(requestId: string, code: string, storedHash: string): boolean {
  const typed = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${CODE_DIGITS}}$`).test(typed)) {
    return false;
  }
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashOneTimeCode(requestId, typed), 'hex');

  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
