import type { Customer } from '@sanjay-flow/runtime';
import { z } from 'zod';

/** A phone number as WhatsApp takes it: 7 to 15 digits, optionally after a +. */
const PHONE_NUMBER = /^\+?[0-9]{7,15}$/;
/**
 * A business-scoped user id (spec C5): a country code or `user`, a dot, then the id without
 * spaces, e.g. `US.13491208655302741918` as Meta's webhooks carry it.
 */
const BUSINESS_SCOPED_USER_ID = /^(?:[A-Z]{2}|user)\.[\x21-\x7e]+$/;

/** A recipient typed by a person or a script, checked before anything is stored or sent. */
export const RecipientSchema = z
  .string()
  .trim()
  .min(1, { error: 'a message needs a recipient' })
  .max(256, { error: 'a recipient has at most 256 characters' })
  .refine((to) => PHONE_NUMBER.test(to) || BUSINESS_SCOPED_USER_ID.test(to), {
    error:
      'not a recipient: give a phone number of 7 to 15 digits (optionally with a leading +) ' +
      'or a business-scoped user id such as US.13491208655302741918',
  });

/**
 * A recipient as typed by a person or a script: digits (with an optional leading +) are a
 * phone number, stored as Meta writes wa_ids (digits only); anything else is a business-scoped
 * user id (spec C5).
 */
export function customerOf(to: string): Customer {
  const trimmed = to.trim();

  return /^\+?[0-9]+$/.test(trimmed) ? { waId: trimmed.replace(/^\+/, '') } : { userId: trimmed };
}
