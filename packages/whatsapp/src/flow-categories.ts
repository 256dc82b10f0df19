/**
 * Meta's Flow categories (spec D2), as the Graph API accepts them when a Flow is created.
 * Imports nothing, so a browser bundle may use it through `@sanjay-flow/whatsapp/flow-categories`.
 */
export const FLOW_CATEGORIES = [
  'SIGN_UP',
  'SIGN_IN',
  'APPOINTMENT_BOOKING',
  'LEAD_GENERATION',
  'CONTACT_US',
  'CUSTOMER_SUPPORT',
  'SURVEY',
  'OTHER',
] as const;

export type FlowCategory = (typeof FLOW_CATEGORIES)[number];
