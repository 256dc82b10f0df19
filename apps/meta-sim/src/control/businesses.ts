import { z } from 'zod';

import type { SimContext } from '../context';
import { newObjectId, newSecret } from '../ids';
import { isLoopbackUrl } from '../loopback';
import type { Business } from '../state';
import { verifyCallback } from '../webhooks/handshake';
import { SimControlError } from './control-error';

const DigitsSchema = z.string().regex(/^\d{1,32}$/, { error: 'a Meta id is a string of digits' });

export const WebhookInputSchema = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .refine(isLoopbackUrl, { error: 'the stand-in sends webhooks to 127.0.0.1 or localhost only' }),
  verifyToken: z.string().min(1),
});

export const BusinessInputSchema = z.object({
  wabaId: DigitsSchema.optional(),
  phoneNumberId: DigitsSchema.optional(),
  displayPhoneNumber: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(),
  appId: DigitsSchema.optional(),
  appSecret: z.string().min(1).optional(),
  accessToken: z.string().min(1).optional(),
  webhook: WebhookInputSchema.optional(),
  autoRead: z.boolean().default(true),
});

export type BusinessInput = z.input<typeof BusinessInputSchema>;

/** A business as the control API shows it: its ids and, since this is a test fixture, secrets. */
export interface BusinessView {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  appId: string;
  appSecret: string;
  accessTokens: string[];
  webhook: { url: string; verifyToken: string } | null;
  businessPublicKey: string | null;
  autoRead: boolean;
}

export function viewOf(business: Business): BusinessView {
  return {
    wabaId: business.wabaId,
    phoneNumberId: business.phoneNumberId,
    displayPhoneNumber: business.displayPhoneNumber,
    appId: business.appId,
    appSecret: business.appSecret,
    accessTokens: [...business.accessTokens],
    webhook: business.webhook ?? null,
    businessPublicKey: business.businessPublicKey ?? null,
    autoRead: business.autoRead,
  };
}

/** Registers a WABA with one phone number and app; missing ids and secrets are generated. */
export async function registerBusiness(ctx: SimContext, input: BusinessInput): Promise<Business> {
  const parsed = BusinessInputSchema.parse(input);
  const wabaId = parsed.wabaId ?? newObjectId();
  const phoneNumberId = parsed.phoneNumberId ?? newObjectId();
  if (ctx.state.businesses.has(wabaId)) {
    throw new SimControlError(409, `WABA ${wabaId} is already registered.`);
  }
  if ([...ctx.state.businesses.values()].some((b) => b.phoneNumberId === phoneNumberId)) {
    throw new SimControlError(409, `Phone number id ${phoneNumberId} is already registered.`);
  }
  const business: Business = {
    wabaId,
    phoneNumberId,
    displayPhoneNumber: parsed.displayPhoneNumber ?? `1555${phoneNumberId.slice(-7)}`,
    appId: parsed.appId ?? newObjectId(),
    appSecret: parsed.appSecret ?? newSecret(),
    accessTokens: new Set([parsed.accessToken ?? `EAAsim${newSecret(24)}`]),
    webhook: undefined,
    businessPublicKey: undefined,
    autoRead: parsed.autoRead,
  };
  if (parsed.webhook !== undefined) {
    await subscribeWebhook(business, parsed.webhook);
  }
  ctx.state.businesses.set(wabaId, business);

  return business;
}

/** Saves a callback URL the way Meta does: only once the handshake succeeds. */
export async function subscribeWebhook(
  business: Business,
  webhook: z.input<typeof WebhookInputSchema>,
): Promise<void> {
  const parsed = WebhookInputSchema.parse(webhook);
  const handshake = await verifyCallback(parsed);
  if (!handshake.ok) {
    throw new SimControlError(422, `The callback URL was not saved: ${handshake.reason}.`);
  }
  business.webhook = parsed;
}

export function businessOf(ctx: SimContext, wabaId: string): Business {
  const business = ctx.state.businesses.get(wabaId);
  if (business === undefined) {
    throw new SimControlError(404, `No business has WABA id ${wabaId}.`);
  }

  return business;
}
