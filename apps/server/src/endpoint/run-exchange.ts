import type {
  EndpointFlowRecord,
  FlowSessionRecord,
  Prisma,
  SavedSubmission,
} from '@sanjay-flow/db';
import { runEndpointRequest, SessionSchema } from '@sanjay-flow/runtime';
import type { Effect, Program, RuntimePorts } from '@sanjay-flow/runtime';

import type { Logger } from '../logger';
import type { SaveOrigin, SaveStep } from '../submissions/save-answers';
import type { CallFacts, EndpointAnswer } from './answer';
import { debugPayloadOf, failed, plainAnswer } from './answer';
import { callRow } from './call-log';
import { errorScreenReply } from './error-reply';
import type { ExchangeStore } from './exchange-store';

export interface Exchange {
  flow: EndpointFlowRecord;
  session: FlowSessionRecord;
  request: unknown;
  facts: CallFacts;
  /** Encrypts a reply with the request's key. */
  seal(status: 200 | 427, reply: unknown): EndpointAnswer;
  startedAt: number;
  /** The request's fingerprint, claimed by this call: the answer is remembered under it. */
  fingerprint: string;
}

export interface ExchangeDependencies {
  store: ExchangeStore;
  programOf: (flow: EndpointFlowRecord) => Program;
  ports: RuntimePorts;
  budgetMs: number;
  now: () => number;
  log: Logger;
  /**
   * The submissions of a run's save steps with their files and jobs (`savedSubmissionsOf` on
   * the server's database, then `withDeliveries`).
   */
  savedSubmissions: (steps: readonly SaveStep[], origin: SaveOrigin) => Promise<SavedSubmission[]>;
  /** Told once saved submissions are stored, so that their delivery starts at once. */
  onSubmissionsStored?: () => void;
}

/**
 * Runs the Flow's program for one request of an open session. On success the new session
 * state, the call's log row, the encrypted answer (for replays) and the submissions of its save
 * steps with their deliveries are stored in one statement (shared with other calls) before the
 * reply leaves; on a runtime failure the stored session stays as it was.
 */
export async function runExchange(
  dependencies: ExchangeDependencies,
  exchange: Exchange,
): Promise<EndpointAnswer> {
  const { flow, session, facts } = exchange;
  let program: Program;
  try {
    program = dependencies.programOf(flow);
  } catch (error) {
    return failed(facts, { code: 'INVALID_PROGRAM', message: messageOf(error) }, internalError());
  }
  const state = SessionSchema.safeParse(session.state);
  if (!state.success) {
    return failed(
      facts,
      { code: 'INVALID_SESSION_STATE', message: state.error.message },
      internalError(),
    );
  }
  const result = await runEndpointRequest({
    program,
    request: exchange.request,
    session: state.data,
    now: dependencies.now,
    ports: dependencies.ports,
    options: { budgetMs: dependencies.budgetMs, debug: flow.endpointDebug },
  });
  if (!result.ok) {
    const { error } = result;
    facts.errorCode = error.code;
    facts.errorMessage = error.message;
    if (error.code === 'NO_SESSION') {
      return exchange.seal(427, { error_msg: 'This Flow has expired' });
    }
    const reply = errorScreenReply(program, state.data, exchange.request, error);

    return reply === null ? internalError() : exchange.seal(200, reply);
  }
  carryOutEffects(result.effects, dependencies.log);
  if (flow.endpointDebug) {
    facts.debugPayload = debugPayloadOf(exchange.request, result.reply);
  }
  const completed = result.effects.some((effect) => effect.kind === 'flow_completed');
  const submissions = await savedSubmissions(dependencies, exchange, result.effects);
  const answer = exchange.seal(200, result.reply);
  await dependencies.store.write({
    change: {
      id: session.id,
      state: result.session as unknown as Prisma.InputJsonValue,
      status: completed ? 'closed' : 'open',
    },
    call: callRow(facts, 200, dependencies.now() - exchange.startedAt),
    answer: { fingerprint: exchange.fingerprint, httpStatus: answer.status, answer: answer.body },
    ...(submissions.length === 0 ? {} : { submissions }),
  });
  facts.recorded = true;
  if (submissions.length > 0) {
    dependencies.log.info(
      { submissionIds: submissions.map((saved) => saved.id) },
      'save steps stored as submissions',
    );
    dependencies.onSubmissionsStored?.();
  }

  return answer;
}

/**
 * Keyed by the request's fingerprint, which this call claimed: a replay answers from the
 * stored answer without running the program, so it saves nothing more.
 */
async function savedSubmissions(
  dependencies: ExchangeDependencies,
  exchange: Exchange,
  effects: readonly Effect[],
): Promise<SavedSubmission[]> {
  const steps = effects.flatMap((effect) =>
    effect.kind === 'save_submission' ? [{ nodeId: effect.nodeId, answers: effect.answers }] : [],
  );
  if (steps.length === 0) {
    return [];
  }
  const { flow, session, facts } = exchange;
  // A test session (Meta's builder preview) is somebody trying the Flow, not a customer: its
  // answers are neither stored nor delivered to the business.
  if (session.testMode) {
    dependencies.log.info(
      { nodeIds: steps.map((step) => step.nodeId) },
      'save steps of a test session: nothing stored',
    );

    return [];
  }
  return dependencies.savedSubmissions(steps, {
    workspaceId: flow.workspaceId,
    flowId: flow.id,
    source: 'endpoint',
    eventKey: exchange.fingerprint,
    connectionId: facts.connectionId ?? session.connectionId,
    flowToken: session.flowToken,
    customer: null,
    receivedAt: new Date(dependencies.now()),
  });
}

function carryOutEffects(effects: readonly Effect[], log: Logger): void {
  for (const effect of effects) {
    switch (effect.kind) {
      case 'save_submission':
        // Stored with the call's write (`savedSubmissions`).
        break;
      case 'flow_completed':
        log.info({ nodeId: effect.nodeId }, 'flow completed');
        break;
      case 'client_error':
        log.warn(
          { screen: effect.screen, errorKey: effect.errorKey },
          'the phone rejected an earlier reply',
        );
        break;
    }
  }
}

function internalError(): EndpointAnswer {
  return plainAnswer(500, 'The Flow could not answer this request');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
