import { decryptMedia, MediaDecryptionError } from '@sanjay-flow/whatsapp';

import { createByteHttpPort, type ResolvedAddress } from '../endpoint/http-port';
import type { CdnSource } from './endpoint-media';
import {
  DOWNLOAD_TIMEOUT_MS,
  getMediaBytes,
  MAX_MEDIA_BYTES,
  MediaDownloadError,
} from './meta-media';

export interface CdnMediaOptions {
  /** `SFLOW_HTTP_ALLOWED_HOSTS`: private hosts a CDN URL may name. */
  allowedHosts: readonly string[];
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

/**
 * Downloads a file picked on a screen of the data endpoint from the WhatsApp CDN and decrypts
 * it (spec B7): SHA-256 of the download against `encrypted_hash`, the 10-byte HMAC, AES-256-CBC,
 * then SHA-256 of the file against `plaintext_hash`.
 *
 * The URL came in the customer's request, so it gets the outbound checks of HTTP steps (no
 * redirects, every resolved address checked, private ones refused unless the operator allows
 * the host), and it must be https unless its host is one the operator allows. No token goes
 * with it. A download that does not match `encrypted_hash` may have been cut short or altered on
 * the way, so it is retried; once it matches, a failing HMAC or decryption means keys that open
 * no download of this file, so that is not.
 */
export async function downloadCdnMedia(
  source: CdnSource,
  options: CdnMediaOptions,
): Promise<Buffer> {
  const url = parseUrl(source.cdn_url);
  if (url.protocol !== 'https:' && !options.allowedHosts.includes(url.hostname)) {
    throw new MediaDownloadError(`the CDN URL is not https: ${url.origin}`, false);
  }
  const http = createByteHttpPort({
    allowedHosts: options.allowedHosts,
    maxResponseBytes: MAX_MEDIA_BYTES,
    ...(options.resolve === undefined ? {} : { resolve: options.resolve }),
  });
  const cdnFile = await getMediaBytes(http, url.href, null, DOWNLOAD_TIMEOUT_MS);
  try {
    return decryptMedia(cdnFile, source.encryption_metadata);
  } catch (error) {
    if (error instanceof MediaDecryptionError) {
      throw new MediaDownloadError(error.message, error.code === 'ENCRYPTED_HASH_MISMATCH');
    }
    throw error;
  }
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new MediaDownloadError('the CDN URL is not a URL', false);
  }
}
