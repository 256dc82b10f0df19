import { randomBytes } from 'node:crypto';

import type { EndpointFlowRecord, FlowSessionRecord, FlowSessionRepository } from '@sanjay-flow/db';
import { createSession } from '@sanjay-flow/runtime';

import { TEST_SESSION_TTL_MS } from './options';

/** 32 random bytes, base64url: unguessable, since the token is the session's only key. */
export function newFlowToken(): string {
  return randomBytes(32).toString('base64url');
}

const NO_SESSION = 'This flow token names no session of this Flow';

export type SessionLookup =
  { ok: true; session: FlowSessionRecord } | { ok: false; code: string; message: string };

interface LookupInput {
  flow: EndpointFlowRecord;
  flowToken: string;
  connectionId: string;
  now: Date;
}

/**
 * Checks the session found for a flow token. A token the product did not issue is accepted
 * only in the Flow's test mode (Meta's builder preview sends `flows-builder-…` tokens): a test
 * session is created for it on the spot.
 */
export async function resolveSession(
  found: FlowSessionRecord | null,
  repository: FlowSessionRepository,
  input: LookupInput,
): Promise<SessionLookup> {
  if (found === null) {
    return input.flow.endpointTestMode
      ? { ok: true, session: await createTestSession(repository, input) }
      : refuse('UNKNOWN_TOKEN', NO_SESSION);
  }
  // A token of another Flow names no session of this one; saying more would leak that it exists.
  if (found.flowId !== input.flow.id) {
    return refuse('UNKNOWN_TOKEN', NO_SESSION);
  }
  // Test sessions end with the test mode that let them in.
  if (found.testMode && !input.flow.endpointTestMode) {
    return refuse('TEST_MODE_OFF', 'This Flow is not in test mode: its test sessions have ended');
  }
  if (found.status === 'closed') {
    return refuse('SESSION_CLOSED', 'This Flow was already completed');
  }
  if (found.expiresAt.getTime() <= input.now.getTime()) {
    return refuse('SESSION_EXPIRED', 'This Flow has expired');
  }

  return { ok: true, session: found };
}

async function createTestSession(
  repository: FlowSessionRepository,
  input: LookupInput,
): Promise<FlowSessionRecord> {
  const created = await repository.create({
    flowToken: input.flowToken,
    workspaceId: input.flow.workspaceId,
    flowId: input.flow.id,
    connectionId: input.connectionId,
    testMode: true,
    state: createSession(input.flowToken),
    expiresAt: new Date(input.now.getTime() + TEST_SESSION_TTL_MS),
  });
  // Two first calls raced: the other one created it.
  if (created === 'taken') {
    const existing = await repository.findByToken(input.flowToken);
    if (existing === null) {
      throw new Error('A flow session vanished right after it was created');
    }

    return existing;
  }

  return created;
}

function refuse(code: string, message: string): SessionLookup {
  return { ok: false, code, message };
}
