import type { Customer } from '@sanjay-flow/runtime';

/**
 * A recipient as typed by a person or a script: digits (with an optional leading +) are a
 * phone number, stored as Meta writes wa_ids (digits only); anything else is a business-scoped
 * user id (spec C5).
 */
export function customerOf(to: string): Customer {
  const trimmed = to.trim();

  return /^\+?[0-9]+$/.test(trimmed) ? { waId: trimmed.replace(/^\+/, '') } : { userId: trimmed };
}
