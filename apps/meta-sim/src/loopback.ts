import { isIP } from 'node:net';

/**
 * The stand-in calls only this machine (webhooks, handshakes, data endpoints): it is a test
 * fixture, and a URL typed into a test must never make it reach another host.
 */
export function isLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') {
    return true;
  }

  return isIP(host) === 4 && host.startsWith('127.');
}
