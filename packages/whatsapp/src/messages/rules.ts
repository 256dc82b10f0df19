import { z } from 'zod';

/** Generic interactive-message limits (spec C7); Meta counts characters, not bytes. */
export const HEADER_TEXT_MAX = 60;
export const BODY_TEXT_MAX = 1024;
export const FOOTER_TEXT_MAX = 60;
export const TEXT_BODY_MAX = 4096;
/** Meta advises 30; several SDKs enforce 20. The stricter reading is applied. */
export const FLOW_CTA_MAX = 20;
export const FLOW_TOKEN_MAX = 2048;
export const TEMPLATE_PARAMETER_MAX = 1024;

// Pictographic characters cover emoji; Meta advises no emoji in a Flow's button text.
const EMOJI = /\p{Extended_Pictographic}/u;

export function boundedText(max: number) {
  return z
    .string()
    .refine((text) => text.trim() !== '', 'cannot be empty')
    .refine((text) => [...text].length <= max, {
      message: `has at most ${max} characters`,
    });
}

export const FlowCtaSchema = boundedText(FLOW_CTA_MAX).refine((text) => !EMOJI.test(text), {
  message: 'cannot contain emoji',
});

/** Any opaque value except an empty one: Meta echoes it back and the product finds the session by it. */
export const FlowTokenSchema = boundedText(FLOW_TOKEN_MAX);

/** A phone number (digits, with an optional +) or a business-scoped user id (spec C5). */
export const RecipientSchema = z
  .string()
  .refine((to) => to.trim() !== '', 'needs a wa_id or a user_id')
  .refine((to) => /^\+?[0-9]{6,20}$/.test(to) || /^[^\s]{1,256}$/.test(to), {
    message: 'is neither a phone number nor a business-scoped user id',
  });

/** A Meta id: a string of digits (16+ in practice; never a JS number). */
export const MetaIdSchema = z.string().regex(/^[0-9]+$/, 'is a string of digits');

export const NonEmptyDataSchema = z
  .record(z.string(), z.json())
  .refine((data) => Object.keys(data).length > 0, 'must not be an empty object when given');
