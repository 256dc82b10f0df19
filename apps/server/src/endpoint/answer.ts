import type { Prisma } from '@sanjay-flow/db';
import type { JsonObject } from '@sanjay-flow/runtime';

import { takeEndpointMedia } from '../submissions/endpoint-media';

/** What the route sends back: a status and a body that is never a stack trace. */
export interface EndpointAnswer {
  status: number;
  contentType: 'text/plain' | 'application/json';
  body: string;
}

/** What is known about a call by the time it is answered, for the call log. */
export interface CallFacts {
  flowId: string;
  workspaceId: string | null;
  connectionId: string | null;
  sessionId: string | null;
  action: string | null;
  screen: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** Decrypted request and reply; set only while the Flow's debug switch is on. */
  debugPayload: Prisma.InputJsonValue | null;
  /** The call's log row was already written with the session, in one transaction. */
  recorded: boolean;
  /** The fingerprint this call claimed: its answer is remembered with its log row for replays. */
  claimedFingerprint: string | null;
}

export function newCallFacts(flowId: string): CallFacts {
  return {
    flowId,
    workspaceId: null,
    connectionId: null,
    sessionId: null,
    action: null,
    screen: null,
    errorCode: null,
    errorMessage: null,
    debugPayload: null,
    recorded: false,
    claimedFingerprint: null,
  };
}

export function plainAnswer(status: number, body: string): EndpointAnswer {
  return { status, contentType: 'text/plain', body };
}

export function jsonAnswer(status: number, value: unknown): EndpointAnswer {
  return { status, contentType: 'application/json', body: JSON.stringify(value) };
}

/** 200 and 427 carry the ciphertext as plain text (spec B1, B5). */
export function encryptedAnswer(status: 200 | 427, ciphertext: string): EndpointAnswer {
  return { status, contentType: 'text/plain', body: ciphertext };
}

/** Marks the call as failed with a code and a message for the log; returns the answer. */
export function failed(
  facts: CallFacts,
  failure: { code: string; message: string },
  answer: EndpointAnswer,
): EndpointAnswer {
  facts.errorCode = failure.code;
  facts.errorMessage = failure.message;

  return answer;
}

/**
 * Decrypted requests and replies are JSON by construction (they were parsed or will be sent).
 * Even with the debug switch on, the CDN URLs and keys of files picked on a screen are left
 * out: the log is shown to every member, the keys open the customer's files.
 */
export function debugPayloadOf(request: unknown, reply?: unknown): Prisma.InputJsonValue {
  const shown = withoutMediaKeys(request);

  return (
    reply === undefined ? { request: shown } : { request: shown, reply }
  ) as Prisma.InputJsonValue;
}

function withoutMediaKeys(request: unknown): unknown {
  if (typeof request !== 'object' || request === null || !('data' in request)) {
    return request;
  }
  const { data } = request;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return request;
  }

  return { ...request, data: takeEndpointMedia(data as JsonObject).answers };
}
