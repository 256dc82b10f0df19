import { z } from 'zod';

import { graphApiPolicy } from '../connections/graph-api-policy';
import { type ByteHttpPort, createByteHttpPort, type ResolvedAddress } from '../endpoint/http-port';

/** Meta's limit for all the files of one completion (spec A5): one file is never larger. */
export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;
const DESCRIPTION_TIMEOUT_MS = 10_000;
export const DOWNLOAD_TIMEOUT_MS = 120_000;

/** `GET /{media-id}`: where the file is, for about five minutes (spec C). */
const MediaDescriptionSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
});

export class MediaDownloadError extends Error {
  override readonly name = 'MediaDownloadError';

  constructor(
    message: string,
    /** Worth another try later: a network failure, a 5xx, 408 or 429, a file that came wrong. */
    readonly transient: boolean,
  ) {
    super(message);
  }
}

export interface MetaMediaSource {
  /** The connection's Graph API base, version included. */
  graphApiUrl: string;
  accessToken: string;
  /** `SFLOW_HTTP_ALLOWED_HOSTS`: private hosts outbound requests may reach. */
  allowedHosts: readonly string[];
  /** Loopback (the local Meta stand-in) may be reached; the server says, tests allow it. */
  allowLoopback?: boolean;
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

/**
 * Downloads one media item with the Cloud API: `GET /{media-id}` on the connection's Graph API
 * base answers a URL, and that URL, with the same bearer token, answers the bytes.
 *
 * Both requests go through the outbound HTTP port (no redirects, every resolved address
 * checked, the socket pinned to it) under the rules of every Graph API call of the connection
 * (`graph-api-policy.ts`: never link-local or metadata addresses, loopback only beside the local
 * stand-in, other private hosts only when listed). The URL Meta answers must moreover be https,
 * or on the Graph API base's own origin, because the token goes with it.
 */
export async function downloadMetaMedia(
  mediaId: string,
  source: MetaMediaSource,
): Promise<{ bytes: Buffer; sha256: string | undefined }> {
  const base = new URL(source.graphApiUrl);
  const http = createByteHttpPort({
    allowedHosts: source.allowedHosts,
    policy: graphApiPolicy({
      allowedHosts: source.allowedHosts,
      allowLoopback: source.allowLoopback ?? true,
    }),
    maxResponseBytes: MAX_MEDIA_BYTES,
    ...(source.resolve === undefined ? {} : { resolve: source.resolve }),
  });
  const described = await getMediaBytes(
    http,
    `${source.graphApiUrl.replace(/\/+$/, '')}/${encodeURIComponent(mediaId)}`,
    source.accessToken,
    DESCRIPTION_TIMEOUT_MS,
  );
  const description = MediaDescriptionSchema.safeParse(parseJson(described));
  if (!description.success) {
    throw new MediaDownloadError('the Graph API answered no media URL', false);
  }
  const url = new URL(description.data.url);
  if (url.protocol !== 'https:' && url.origin !== base.origin) {
    throw new MediaDownloadError(`the media URL is not https: ${url.origin}`, false);
  }
  const bytes = await getMediaBytes(http, url.href, source.accessToken, DOWNLOAD_TIMEOUT_MS);

  return { bytes, sha256: description.data.sha256 };
}

/** One GET of a media download; `null` sends no token (a CDN URL opens by itself). */
export async function getMediaBytes(
  http: ByteHttpPort,
  url: string,
  accessToken: string | null,
  timeoutMs: number,
): Promise<Buffer> {
  let response;
  try {
    response = await http.request({
      method: 'GET',
      url,
      headers: {
        ...(accessToken === null ? {} : { authorization: `Bearer ${accessToken}` }),
        'user-agent': 'SanjayFlow-Media/1',
      },
      timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const refused = error instanceof Error && error.name === 'OutboundRefusedError';
    const reason = error instanceof Error ? error.message : String(error);

    throw new MediaDownloadError(`${new URL(url).host}: ${reason}`, !refused);
  }
  if (response.status < 200 || response.status >= 300) {
    const transient = response.status >= 500 || response.status === 429 || response.status === 408;

    throw new MediaDownloadError(
      `${new URL(url).host} answered HTTP ${response.status}`,
      transient,
    );
  }

  return response.body;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
