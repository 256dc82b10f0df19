import { z } from 'zod';

import type { OutgoingMessageBody } from '../messages';
import { GraphApiError, graphApiErrorFromResponse, refusedRequest } from './errors';

export const DEFAULT_GRAPH_API_URL = 'https://graph.facebook.com/v23.0';
const DEFAULT_TIMEOUT_MS = 10_000;

export interface GraphApiClientOptions {
  /** Includes the version, e.g. `https://graph.facebook.com/v23.0`; a local stand-in in tests. */
  baseUrl: string;
  accessToken: string;
  timeoutMs?: number;
  /**
   * Sends the calls; the server's checks where they may go (an error named
   * `OutboundRefusedError` becomes a `refused` GraphApiError). The global `fetch` otherwise.
   */
  fetch?: typeof fetch;
}

const SuccessSchema = z.object({ success: z.boolean() });

/** Meta signs an uploaded key; `MISMATCH` means the key on record is not the one Meta signed. */
export const BusinessPublicKeySchema = z.object({
  business_public_key: z.string(),
  business_public_key_signature_status: z.string(),
});

export type BusinessPublicKey = z.infer<typeof BusinessPublicKeySchema>;

const BusinessPublicKeyListSchema = z.object({ data: z.array(BusinessPublicKeySchema) });

/** `GET /{flow-id}?fields=status`: DRAFT, PUBLISHED, DEPRECATED, BLOCKED or THROTTLED. */
const FlowStatusSchema = z.object({ status: z.string().min(1) });

/** Meta's answer to a send: it means accepted, not delivered (spec C7). */
export const SendMessageResponseSchema = z.object({
  messaging_product: z.literal('whatsapp').optional(),
  contacts: z
    .array(z.object({ input: z.string(), wa_id: z.string(), user_id: z.string().optional() }))
    .optional(),
  messages: z
    .array(z.object({ id: z.string().min(1), message_status: z.string().optional() }))
    .min(1),
});
export type SendMessageResponse = z.infer<typeof SendMessageResponseSchema>;

export interface SentMessage {
  /** Meta's message id (`wamid.…`); statuses refer to it. */
  wamid: string;
  /** The customer's wa_id as Meta resolved it, when it says. */
  waId: string | undefined;
  userId: string | undefined;
}

export interface GraphApiClient {
  /** `POST /{phone-number-id}/whatsapp_business_encryption`: replaces the number's public key. */
  uploadBusinessPublicKey(phoneNumberId: string, publicKeyPem: string): Promise<void>;
  /** The number's current public key and signature status; `null` when none is on record. */
  getBusinessPublicKey(phoneNumberId: string): Promise<BusinessPublicKey | null>;
  /**
   * `POST /{phone-number-id}/messages`. Meta documents no idempotency key: a send that timed
   * out may still have gone out, so callers must not retry blindly without recording the wamid.
   */
  sendMessage(phoneNumberId: string, body: OutgoingMessageBody): Promise<SentMessage>;
  /** `GET /{flow-id}?fields=status`: the Flow's status at Meta. */
  getFlowStatus(metaFlowId: string): Promise<string>;
}

/**
 * A typed client over `fetch` for the Graph API calls the product makes. Every failure is a
 * `GraphApiError`; the access token travels only in the Authorization header.
 */
export function createGraphApiClient(options: GraphApiClientOptions): GraphApiClient {
  const call = graphCaller(options);

  return {
    uploadBusinessPublicKey: async (phoneNumberId, publicKeyPem) => {
      const body = new URLSearchParams({ business_public_key: publicKeyPem });
      const result = SuccessSchema.safeParse(
        await call('POST', encryptionPath(phoneNumberId), body),
      );
      if (!result.success || !result.data.success) {
        throw invalidResponse('the key upload did not answer success');
      }
    },

    getBusinessPublicKey: async (phoneNumberId) => {
      const result = BusinessPublicKeyListSchema.safeParse(
        await call('GET', encryptionPath(phoneNumberId)),
      );
      if (!result.success) {
        throw invalidResponse('the public key answer has no data list');
      }

      return result.data.data[0] ?? null;
    },

    sendMessage: async (phoneNumberId, body) => {
      const path = `/${encodeURIComponent(phoneNumberId)}/messages`;
      const result = SendMessageResponseSchema.safeParse(await call('POST', path, body));
      if (!result.success) {
        throw invalidResponse('the send answer has no message id');
      }
      const wamid = result.data.messages[0]?.id ?? '';
      const contact = result.data.contacts?.[0];

      return { wamid, waId: contact?.wa_id, userId: contact?.user_id };
    },

    getFlowStatus: async (metaFlowId) => {
      const path = `/${encodeURIComponent(metaFlowId)}?fields=status`;
      const result = FlowStatusSchema.safeParse(await call('GET', path));
      if (!result.success) {
        throw invalidResponse('the Flow answer has no status');
      }

      return result.data.status;
    },
  };
}

export type GraphCall = (
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: URLSearchParams | FormData | object,
) => Promise<unknown>;

/** One Graph API call: bearer token, timeout over the whole answer, Meta's errors as `GraphApiError`. */
export function graphCaller(options: GraphApiClientOptions): GraphCall {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchFn = options.fetch ?? fetch;

  return async (method, path, body) => {
    let response: Response;
    let text: string;
    try {
      // The timeout covers the body too: a server that stalls mid-answer is cut off as well.
      response = await fetchFn(`${baseUrl}${path}`, {
        method,
        headers: { ...headersFor(body), authorization: `Bearer ${options.accessToken}` },
        body:
          body instanceof URLSearchParams || body instanceof FormData || body === undefined
            ? body
            : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      throw requestFailed(cause, baseUrl, timeoutMs);
    }
    const json = parseJson(text);
    if (!response.ok) {
      throw graphApiErrorFromResponse(response.status, json);
    }

    return json;
  };
}

function headersFor(body: URLSearchParams | FormData | object | undefined): Record<string, string> {
  const json =
    body !== undefined && !(body instanceof URLSearchParams) && !(body instanceof FormData);

  return json
    ? { accept: 'application/json', 'content-type': 'application/json' }
    : { accept: 'application/json' };
}

function encryptionPath(phoneNumberId: string): string {
  return `/${encodeURIComponent(phoneNumberId)}/whatsapp_business_encryption`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function requestFailed(cause: unknown, baseUrl: string, timeoutMs: number): GraphApiError {
  const refused = refusedRequest(cause, `The Graph API call to ${baseUrl}`);
  if (refused !== undefined) {
    return refused;
  }
  if (cause instanceof Error && cause.name === 'TimeoutError') {
    return new GraphApiError(
      `Graph API at ${baseUrl} did not answer within ${timeoutMs} ms`,
      { kind: 'timeout', isTransient: true },
      { cause },
    );
  }

  // fetch reports "fetch failed"; the system error (ECONNREFUSED, ENOTFOUND…) is its cause.
  const code = (cause as { cause?: { code?: unknown } } | null)?.cause?.code;
  const reason = typeof code === 'string' ? ` (${code})` : '';

  return new GraphApiError(
    `Graph API at ${baseUrl} could not be reached${reason}`,
    { kind: 'network', isTransient: true },
    { cause },
  );
}

function invalidResponse(reason: string): GraphApiError {
  return new GraphApiError(`Unexpected Graph API response: ${reason}`, {
    kind: 'invalid_response',
    isTransient: false,
  });
}
