import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE_PREFIX = 'sha256=';
const SIGNATURE_HEX = /^[0-9a-f]{64}$/i;

/** The `X-Hub-Signature-256` value for a raw body: `sha256=` and the hex HMAC-SHA256 with the app secret. */
export function signPayload(rawBody: Buffer | string, appSecret: string): string {
  return SIGNATURE_PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/**
 * Checks `X-Hub-Signature-256` against the raw body bytes exactly as received. Several secrets
 * are accepted so that an app secret can be rotated without dropping requests; each is
 * compared in constant time.
 */
export function verifySignature(
  rawBody: Buffer | string,
  header: string | undefined,
  appSecrets: string | readonly string[],
): boolean {
  if (header === undefined || !header.startsWith(SIGNATURE_PREFIX)) {
    return false;
  }
  const hex = header.slice(SIGNATURE_PREFIX.length);
  if (!SIGNATURE_HEX.test(hex)) {
    return false;
  }
  const received = Buffer.from(hex, 'hex');
  const secrets = typeof appSecrets === 'string' ? [appSecrets] : appSecrets;

  return secrets
    .filter((secret) => secret !== '')
    .map((secret) =>
      timingSafeEqual(createHmac('sha256', secret).update(rawBody).digest(), received),
    )
    .some(Boolean);
}
