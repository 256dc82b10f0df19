import { setTimeout as sleep } from 'node:timers/promises';

import type {
  EndpointExchangeRepository,
  EndpointFlowRecord,
  FlowSessionRecord,
  FlowSessionRepository,
  RememberedAnswer,
} from '@sanjay-flow/db';

import type { Logger } from '../logger';
import type { EndpointAnswer } from './answer';
import type { ExchangeStore } from './exchange-store';
import { plainAnswer } from './answer';
import { REPLAY_WINDOW_MS } from './replay-cache';
import { resolveSession } from './sessions';

/** How often a duplicate polls for the answer of a request running in another process. */
const POLL_MS = 20;
/** Expired replay records are deleted at most this often, by whichever call comes next. */
const SWEEP_EVERY_MS = 60_000;
/**
 * A claim still unanswered this long after it was made belongs to a process that stopped
 * mid-request. Meta gives up on a call after 10 s, and the budget is at most 9 s.
 */
const STALE_CLAIM_MS = 15_000;

export type Opening =
  | { kind: 'run'; session: FlowSessionRecord }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'replayed'; answer: EndpointAnswer }
  /** The first call of this fingerprint, in another process, did not answer within the budget. */
  | { kind: 'pending' };

export interface OpeningDependencies {
  exchanges: EndpointExchangeRepository;
  store: ExchangeStore;
  sessions: FlowSessionRepository;
  budgetMs: number;
  now: () => number;
  log: Logger;
}

export interface OpeningInput {
  flow: EndpointFlowRecord;
  flowToken: string;
  connectionId: string;
  fingerprint: string;
}

/**
 * Finds the session of a call and claims the call's fingerprint in the database, in one round
 * trip: whichever process a retry or a replay reaches, only the first call runs the program,
 * and the others repeat its answer.
 */
export async function openExchange(
  dependencies: OpeningDependencies,
  input: OpeningInput,
): Promise<Opening> {
  const at = dependencies.now();
  const claimTimes = {
    replayExpiresAt: new Date(at + REPLAY_WINDOW_MS),
    staleBefore: new Date(at + REPLAY_WINDOW_MS - STALE_CLAIM_MS),
  };
  const opened = await dependencies.store.open({
    flowToken: input.flowToken,
    flowId: input.flow.id,
    fingerprint: input.fingerprint,
    now: new Date(at),
    ...claimTimes,
  });
  if (opened.earlier !== null) {
    return replayed(dependencies, input.fingerprint, opened.earlier);
  }
  const lookup = await resolveSession(opened.session, dependencies.sessions, {
    flow: input.flow,
    flowToken: input.flowToken,
    connectionId: input.connectionId,
    now: new Date(at),
  });
  if (!lookup.ok) {
    return { kind: 'refused', code: lookup.code, message: lookup.message };
  }
  if (opened.claimed) {
    return { kind: 'run', session: lookup.session };
  }
  // A test session made on the spot: claimed in a second statement.
  const claim = await dependencies.exchanges.claim({
    fingerprint: input.fingerprint,
    sessionId: lookup.session.id,
    ...claimTimes,
  });

  return claim.claimed
    ? { kind: 'run', session: lookup.session }
    : replayed(dependencies, input.fingerprint, claim.earlier);
}

// The first call's answer, waited for while that call is still running elsewhere.
async function replayed(
  dependencies: OpeningDependencies,
  fingerprint: string,
  earlier: RememberedAnswer | null,
): Promise<Opening> {
  const deadline = dependencies.now() + dependencies.budgetMs;
  let current = earlier;
  while (current?.answer === null && dependencies.now() < deadline) {
    await sleep(POLL_MS);
    current = await dependencies.exchanges.remembered(fingerprint);
  }
  if (current === null || current.answer === null || current.httpStatus === null) {
    return { kind: 'pending' };
  }

  // Remembered answers are those of a run: encrypted text, or a plain 500.
  return { kind: 'replayed', answer: plainAnswer(current.httpStatus, current.answer) };
}

/** Deletes expired replay records now and then, off the reply path. */
export function createReplaySweeper(
  exchanges: EndpointExchangeRepository,
  now: () => number,
): (log: Logger) => void {
  let lastSweep = now();

  return (log) => {
    const at = now();
    if (at - lastSweep < SWEEP_EVERY_MS) {
      return;
    }
    lastSweep = at;
    exchanges.deleteExpiredReplays(new Date(at)).catch((error: unknown) => {
      log.error({ err: error }, 'could not delete expired replay records');
    });
  };
}
