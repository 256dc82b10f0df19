/**
 * The columns that hold a customer's identity — a phone number (`wa_id`) or a business-scoped
 * user id — and how an erasure reaches them. `erasure-coverage.test.ts` reads the live
 * schema and fails when a column that looks like one appears without being listed here, so a
 * new table of customer data cannot be forgotten by `eraseSubjectData`.
 */
export const CUSTOMER_IDENTITY_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  flow_session: ['recipient_wa_id', 'recipient_user_id'],
  submission: ['customer_wa_id', 'customer_user_id'],
  outbound_message: ['recipient_wa_id', 'recipient_user_id'],
  privacy_request: ['phone'],
};

/**
 * Columns whose names look like a customer's identity but are not, and why. Foreign keys are
 * exempt without a listing: they hold a record's id (a member's, a session's), never a number.
 */
export const NOT_CUSTOMER_IDENTITY: Readonly<Record<string, string>> = {
  'connection.phone_number_id': "Meta's id of the business's own number",
  'audit_entry.actor_id': 'the member or API token that acted',
};

/**
 * Tables without an identity column that still hold a customer's data, and the record whose
 * erasure takes them along: the scan in `subject-data.test.ts` proves the rest.
 */
export const CUSTOMER_DATA_BY_REFERENCE: Readonly<Record<string, string>> = {
  endpoint_call: 'the customer’s Flow session',
  endpoint_replay: 'the customer’s Flow session',
  delivery_attempt: 'the customer’s submission',
  submission_file: 'the customer’s submission',
  inbox_event: 'a raw body naming the customer, or a summary listing their messages',
  inbox_item: 'its event, or the key of one of their messages',
  job: 'the outbound message, submission (delivery, file download) or webhook event it works on',
};

/** A column name that may hold a phone number or a business-scoped user id. */
export const IDENTITY_COLUMN_NAME = /wa_id|phone|msisdn|bsuid|user_id|recipient|customer/;
