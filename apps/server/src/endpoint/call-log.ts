import type { NewEndpointCall } from '@sanjay-flow/db';

import type { Logger } from '../logger';
import type { CallFacts, EndpointAnswer } from './answer';
import type { ExchangeStore } from './exchange-store';

const MAX_ERROR_MESSAGE = 500;

export function callRow(facts: CallFacts, httpStatus: number, latencyMs: number): NewEndpointCall {
  return {
    workspaceId: facts.workspaceId ?? '',
    flowId: facts.flowId,
    sessionId: facts.sessionId,
    connectionId: facts.connectionId,
    action: facts.action,
    screen: facts.screen,
    httpStatus,
    latencyMs: Math.round(latencyMs),
    errorCode: facts.errorCode,
    errorMessage: facts.errorMessage?.slice(0, MAX_ERROR_MESSAGE) ?? null,
    debugPayload: facts.debugPayload,
  };
}

/**
 * Logs an answered call: a row in the Flow's call log (unless it was stored with the session)
 * and one pino line. A call that claimed its fingerprint stores its answer with the row, so
 * that a replay in any process repeats it. Neither carries the request or reply in clear; only the row's
 * `debugPayload` does, while the Flow's debug switch is on. A call for an unknown Flow has no
 * row to belong to and is logged through pino only.
 */
export async function logCall(
  store: ExchangeStore,
  facts: CallFacts,
  answer: EndpointAnswer,
  latencyMs: number,
  log: Logger,
): Promise<void> {
  const row = callRow(facts, answer.status, latencyMs);
  const { debugPayload: _notLogged, ...line } = row;
  const level = answer.status >= 500 ? 'error' : answer.status >= 400 ? 'warn' : 'info';
  log[level]({ endpointCall: line }, 'data endpoint call');
  if (facts.recorded || facts.workspaceId === null) {
    return;
  }
  try {
    const fingerprint = facts.claimedFingerprint;
    await store.write({
      call: row,
      ...(fingerprint === null
        ? {}
        : { answer: { fingerprint, httpStatus: answer.status, answer: answer.body } }),
    });
  } catch (error) {
    log.error({ err: error }, 'could not store the endpoint call log row');
  }
}
