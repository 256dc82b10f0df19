/** Everything the stand-in knows, in memory: one `SimState` per running sim. */

import type { FlowCategory } from '@sanjay-flow/whatsapp';

export interface WebhookSubscription {
  url: string;
  verifyToken: string;
}

export interface Business {
  wabaId: string;
  phoneNumberId: string;
  /** Digits only, as Meta writes it in webhook metadata. */
  displayPhoneNumber: string;
  appId: string;
  appSecret: string;
  /** Every bearer token that may act for this business. */
  accessTokens: Set<string>;
  webhook: WebhookSubscription | undefined;
  /** PEM uploaded through `whatsapp_business_encryption`. */
  businessPublicKey: string | undefined;
  /** Emit a `read` status after `delivered` for each sent message. */
  autoRead: boolean;
}

export const FLOW_STATUSES = ['DRAFT', 'PUBLISHED', 'DEPRECATED', 'BLOCKED', 'THROTTLED'] as const;

export type FlowStatus = (typeof FLOW_STATUSES)[number];

/** One validation error as the Flows API reports it (line/column of the value at fault). */
export interface FlowValidationError {
  error: string;
  error_type: string;
  message: string;
  line_start?: number;
  line_end?: number;
  column_start?: number;
  column_end?: number;
  /** Where the error points, as Meta writes it: `screens[0].layout.children[1]`. */
  pointers?: FlowValidationPointer[];
}

export interface FlowValidationPointer {
  line_start: number;
  line_end: number;
  column_start: number;
  column_end: number;
  path: string;
}

/**
 * A rule Meta applies without having published it: every uploaded Flow JSON that has a value
 * at `pointer` gets this error there. Tests use it for errors that only appear at upload.
 */
export interface UnpublishedRule {
  pointer: string;
  error: string;
  message: string;
}

export interface FlowAsset {
  /** Increases with each upload, so an old download URL keeps naming its own text. */
  version: number;
  text: string;
  uploadedAt: Date;
}

export interface SimFlow {
  id: string;
  wabaId: string;
  name: string;
  categories: FlowCategory[];
  status: FlowStatus;
  endpointUri: string | undefined;
  applicationId: string | undefined;
  /** The current (draft) Flow JSON; `undefined` until one is uploaded. */
  asset: FlowAsset | undefined;
  validationErrors: FlowValidationError[];
  /** The Flow JSON that `mode: published` messages open. */
  published: FlowAsset | undefined;
  previewToken: string;
  previewExpiresAt: Date;
  /** Send times in the last hour, for THROTTLED Flows (10 per hour). */
  recentSends: number[];
  /**
   * False for a Flow made before Meta allowed editing published Flows (spec D2): once
   * published, its Flow JSON and metadata can no longer change (139001); clone it instead.
   */
  editableWhenPublished: boolean;
  updatedAt: Date;
}

/** A message the business sent through `POST /{phone-number-id}/messages`. */
export interface SentMessage {
  id: string;
  phoneNumberId: string;
  /** The recipient as the customer is known: wa_id, or the BSUID when sent to one. */
  customerKey: string;
  type: string;
  /** The request body as accepted (the interactive/Flow content). */
  payload: Record<string, unknown>;
  sentAt: Date;
  /** Flow messages: set once the customer has completed it. */
  completedAt: Date | undefined;
}

/** A message a customer sent to the business. */
export interface ReceivedMessage {
  id: string;
  phoneNumberId: string;
  customerKey: string;
  read: boolean;
}

export interface Customer {
  waId: string;
  userId: string | undefined;
  name: string;
}

export interface MediaItem {
  id: string;
  phoneNumberId: string;
  mimeType: string;
  bytes: Buffer;
  sha256: string;
  downloadToken: string;
  /** A picked file's encrypted copy on the CDN, for the data endpoint (spec B7). */
  cdn?: { file: Buffer; token: string };
}

export interface FlowTemplate {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  components: unknown[];
}

export interface SimState {
  businesses: Map<string, Business>;
  flows: Map<string, SimFlow>;
  sent: Map<string, SentMessage>;
  received: Map<string, ReceivedMessage>;
  customers: Map<string, Customer>;
  media: Map<string, MediaItem>;
  templates: Map<string, FlowTemplate>;
  unpublishedRules: UnpublishedRule[];
}

export function createState(): SimState {
  return {
    businesses: new Map(),
    flows: new Map(),
    sent: new Map(),
    received: new Map(),
    customers: new Map(),
    media: new Map(),
    templates: new Map(),
    unpublishedRules: [],
  };
}

export function businessByPhone(state: SimState, phoneNumberId: string): Business | undefined {
  return [...state.businesses.values()].find((b) => b.phoneNumberId === phoneNumberId);
}

export function businessByToken(state: SimState, token: string): Business[] {
  return [...state.businesses.values()].filter((b) => b.accessTokens.has(token));
}
