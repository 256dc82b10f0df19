import { DEFAULT_GRAPH_API_URL } from '@sanjay-flow/whatsapp';
import { z } from 'zod';

export const ConnectionNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'a connection needs a name' })
  .max(100, { error: 'a connection name has at most 100 characters' });

/**
 * Meta's ids (WABA, phone number, app, Flow) are decimal strings of up to 20 digits and more,
 * past a JS number's exact range: they stay strings end to end and are never parsed as numbers.
 */
export const META_ID_PATTERN = /^\d{1,32}$/;

export const MetaIdSchema = z
  .string()
  .trim()
  .regex(META_ID_PATTERN, { error: 'a Meta id is a string of digits' });

export const GraphApiUrlSchema = z
  .url({ protocol: /^https?$/, error: 'the Graph API URL must be an http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''));

const SecretSchema = z.string().trim().min(1, { error: 'a secret cannot be empty' }).max(4096);

export const NewConnectionInputSchema = z.object({
  name: ConnectionNameSchema,
  wabaId: MetaIdSchema,
  phoneNumberId: MetaIdSchema,
  appId: MetaIdSchema,
  appSecret: SecretSchema,
  accessToken: SecretSchema,
  webhookVerifyToken: SecretSchema,
  graphApiUrl: GraphApiUrlSchema.default(DEFAULT_GRAPH_API_URL),
});

export type NewConnectionInput = z.input<typeof NewConnectionInputSchema>;

export const ConnectionChangesInputSchema = NewConnectionInputSchema.partial().extend({
  graphApiUrl: GraphApiUrlSchema.optional(),
});

export type ConnectionChangesInput = z.input<typeof ConnectionChangesInputSchema>;

/** The fields sealed at rest, each under its own purpose. */
export const SEALED_CONNECTION_FIELDS = ['appSecret', 'accessToken', 'webhookVerifyToken'] as const;

export type SealedConnectionField = (typeof SEALED_CONNECTION_FIELDS)[number];

export function connectionSecretPurpose(
  connectionId: string,
  field: SealedConnectionField,
): string {
  return `connection/${connectionId}/${field}`;
}

export function keyPairPurpose(keyPairId: string): string {
  return `key_pair/${keyPairId}/privateKey`;
}
