import { z } from 'zod';

export type ResponseValues = Record<string, z.core.util.JSONType>;

export type ReadResponse =
  { ok: true; flowToken: string | null; values: ResponseValues } | { ok: false; error: string };

const ResponseObjectSchema = z.record(z.string(), z.json());

/**
 * Reads an `nfm_reply`'s `response_json`, a JSON string holding the completion payload and the
 * `flow_token`. Anything else is reported, never thrown: the caller keeps the raw text.
 */
export function readResponseJson(text: string): ReadResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `response_json is not JSON: ${(error as Error).message}` };
  }
  const object = ResponseObjectSchema.safeParse(parsed);
  if (!object.success) {
    return { ok: false, error: 'response_json is not a JSON object' };
  }
  const { flow_token: flowToken, ...values } = object.data;

  return { ok: true, flowToken: typeof flowToken === 'string' ? flowToken : null, values };
}
