import { randomBytes, randomInt } from 'node:crypto';

/**
 * Meta's object ids: decimal strings of 15–17 digits, beyond a JS number's exact range, so
 * that a caller that parses them as numbers fails its tests here rather than in production.
 */
export function newObjectId(): string {
  return String(randomInt(1, 10)) + Array.from({ length: 16 }, () => randomInt(0, 10)).join('');
}

/** A message id in Meta's shape: `wamid.` and an opaque base64 string. */
export function newMessageId(): string {
  return `wamid.${randomBytes(30).toString('base64')}`;
}

export function newSecret(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

export function unixSeconds(date = new Date()): string {
  return String(Math.floor(date.getTime() / 1000));
}
