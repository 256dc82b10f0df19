/** Separators people type inside a phone number; removed before the digits are checked. */
const SEPARATORS = /[\s().-]/g;
const PHONE = /^\+?(\d{6,15})$/;

export type PhoneResult = { ok: true; digits: string } | { ok: false; problem: string };

/**
 * A customer's phone number as WhatsApp writes it in `wa_id`: digits only, country code
 * first. A leading `+` and the usual separators are accepted; anything else is refused, so
 * that an erasure never runs on a number that was mistyped into something else.
 */
export function normalisePhone(input: string): PhoneResult {
  const match = PHONE.exec(input.trim().replace(SEPARATORS, ''));
  if (!match?.[1]) {
    return {
      ok: false,
      problem: 'a phone number is 6 to 15 digits with the country code, optionally after a +',
    };
  }

  return { ok: true, digits: match[1] };
}

/** The spellings under which a number may have been stored. */
export function storedForms(digits: string): string[] {
  return [digits, `+${digits}`];
}
