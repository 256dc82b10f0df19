import { z } from 'zod';

import type { JsonObject } from './json';
import { JsonValueSchema } from './json';

/** The decrypted body Meta posts to the data endpoint. Unknown fields are kept and ignored. */
export const EndpointRequestSchema = z.looseObject({
  action: z.enum(['INIT', 'data_exchange', 'BACK', 'ping']),
  version: z.string().optional(),
  screen: z.string().optional(),
  data: z.record(z.string(), JsonValueSchema).optional(),
  flow_token: z.string().optional(),
});
export type EndpointRequest = z.infer<typeof EndpointRequestSchema>;

export const MAX_HISTORY = 50;

/** Serialized size the session's variables may reach; a whole API response kept in one is refused. */
export const MAX_VARIABLES_CHARS = 256_000;

/** What the server stores between requests of one Flow run, keyed by `flowToken`. */
export const SessionSchema = z.object({
  flowToken: z.string().min(1),
  variables: z.record(z.string(), JsonValueSchema),
  currentScreen: z.string().nullable(),
  /** Screens shown so far, newest last; BACK pops back to the screen it returns to. */
  history: z.array(z.string()).max(MAX_HISTORY),
  /**
   * The data last sent to each screen of `history`, only the keys that screen declares, so that
   * a failed step can show the screen again. Absent in sessions stored before it was kept.
   */
  screenData: z.record(z.string(), z.record(z.string(), JsonValueSchema)).optional(),
});
export type Session = z.infer<typeof SessionSchema>;

export function createSession(flowToken: string): Session {
  return { flowToken, variables: {}, currentScreen: null, history: [] };
}

export const SUCCESS_SCREEN = 'SUCCESS';

export interface ScreenReply {
  screen: string;
  data: JsonObject;
}

export interface SuccessReply {
  screen: typeof SUCCESS_SCREEN;
  data: { extension_message_response: { params: JsonObject & { flow_token: string } } };
}

export interface HealthReply {
  data: { status: 'active' };
}

export interface AcknowledgeReply {
  data: { acknowledged: true };
}

/** The plaintext the server encrypts and returns to Meta. */
export type EndpointReply = ScreenReply | SuccessReply | HealthReply | AcknowledgeReply;

/** Things the server does after a successful request, in this order. */
export type Effect =
  | { kind: 'save_submission'; nodeId: string; answers: JsonObject }
  | { kind: 'flow_completed'; nodeId: string; params: JsonObject }
  | { kind: 'client_error'; screen: string | null; errorKey: string; message: string };

export interface LogEntry {
  nodeId: string;
  type: string;
  durationMs: number;
  outcome: 'ok' | 'error';
  /** The port the walk continued on, when the node has more than one. */
  port?: string;
  /** Names, counts and statuses only; never payload or variable values. */
  detail: JsonObject;
  /** Values the node read or wrote, present only when debugging is on. */
  values?: JsonObject;
}
