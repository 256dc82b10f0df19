import { randomBytes } from 'node:crypto';

import { isLoopbackUrl } from '../loopback';
import type { WebhookSubscription } from '../state';

export type HandshakeResult = { ok: true } | { ok: false; reason: string };

/**
 * Spec C1: before saving a callback URL, Meta calls it with `hub.mode=subscribe`, the verify
 * token and a random challenge, and accepts only a 200 whose body is exactly the challenge.
 */
export async function verifyCallback(subscription: WebhookSubscription): Promise<HandshakeResult> {
  const challenge = String(randomBytes(6).readUIntBE(0, 6));
  let url: URL;
  try {
    url = new URL(subscription.url);
  } catch {
    return { ok: false, reason: 'the callback URL is not a URL' };
  }
  if (!isLoopbackUrl(url.href)) {
    return { ok: false, reason: 'the stand-in calls 127.0.0.1 or localhost only' };
  }
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.verify_token', subscription.verifyToken);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    const text = await response.text();
    if (response.status !== 200) {
      return { ok: false, reason: `the callback answered ${response.status}` };
    }
    if (text !== challenge) {
      return { ok: false, reason: 'the callback did not answer with the challenge' };
    }

    return { ok: true };
  } catch (cause) {
    return { ok: false, reason: `the callback could not be reached (${String(cause)})` };
  }
}
