import { RuntimeError } from '../errors';
import type { JsonObject } from '../json';
import { triggerMatches } from '../nodes/execute';
import type { TriggerNode } from '../nodes/schema';
import { isTrigger } from '../nodes/schema';
import type { Program } from '../program/schema';
import type { EndpointReply, EndpointRequest, Effect, LogEntry, Session } from '../protocol';
import { EndpointRequestSchema, MAX_VARIABLES_CHARS, SUCCESS_SCREEN } from '../protocol';
import type { RuntimePorts } from '../ports';
import { createDeadline } from './deadline';
import { checkScreenReply, moveSession } from './routing';
import { keepScreenData } from './screen-data';
import type { BaseContext } from './walk';
import { DEFAULT_MAX_STEPS, walkFrom } from './walk';

export interface RunOptions {
  /** Time the whole request may take, default 3000 ms, never more than 9000 ms. */
  budgetMs?: number;
  /** Steps one request may execute, default 100. */
  maxSteps?: number;
  /** Puts the values nodes read and wrote into the log. Off by default: they are personal data. */
  debug?: boolean;
}

export interface RunEndpointRequestInput {
  /** `null` is fine for `ping`, which needs no program. */
  program: Program | null;
  /** The decrypted request body; it is validated here. */
  request: unknown;
  /** The stored session for the request's `flow_token`; `null` for `ping`. */
  session: Session | null;
  /** Milliseconds since the epoch. */
  now: () => number;
  ports: RuntimePorts;
  options?: RunOptions;
}

export type RunEndpointRequestResult =
  | { ok: true; reply: EndpointReply; session: Session | null; effects: Effect[]; log: LogEntry[] }
  | { ok: false; error: RuntimeError; log: LogEntry[] };

/**
 * Answers one data-endpoint request. Nothing is written anywhere: the server encrypts `reply`,
 * stores `session` and carries out `effects`. On failure the stored session must stay as it was
 * and no effect is carried out.
 */
export async function runEndpointRequest(
  input: RunEndpointRequestInput,
): Promise<RunEndpointRequestResult> {
  const log: LogEntry[] = [];
  try {
    return await answer(input, log);
  } catch (error) {
    if (error instanceof RuntimeError) {
      return { ok: false, error, log };
    }
    throw error;
  }
}

async function answer(
  input: RunEndpointRequestInput,
  log: LogEntry[],
): Promise<RunEndpointRequestResult> {
  const request = parseRequest(input.request);
  const action = request.action;
  if (action === 'ping') {
    return {
      ok: true,
      reply: { data: { status: 'active' } },
      session: input.session,
      effects: [],
      log,
    };
  }
  const clientError = clientErrorOf(request);
  if (clientError !== null) {
    return {
      ok: true,
      reply: { data: { acknowledged: true } },
      session: input.session,
      effects: [clientError],
      log,
    };
  }
  const { program, session } = requireState(input, request);

  return runProgram({ ...input, program, session }, request, action, log);
}

async function runProgram(
  input: RunEndpointRequestInput & { program: Program; session: Session },
  request: EndpointRequest,
  action: 'INIT' | 'data_exchange' | 'BACK',
  log: LogEntry[],
): Promise<RunEndpointRequestResult> {
  const { program, session } = input;
  const trigger = findTrigger(program, request);
  const currentScreen =
    action === 'INIT' ? null : (nonEmpty(request.screen) ?? session.currentScreen);
  const context = baseContext(input, request, currentScreen);
  const options = {
    maxSteps: input.options?.maxSteps ?? DEFAULT_MAX_STEPS,
    debug: input.options?.debug ?? false,
  };
  const { reply, nodeId } = await walkFrom(trigger, context, options, log);
  checkVariablesSize(context.variables, nodeId);
  const updated: Session = { ...session, variables: context.variables };
  const effects = context.effects;
  if (reply.screen === SUCCESS_SCREEN) {
    return { ok: true, reply, session: updated, effects, log };
  }
  checkScreenReply(
    program,
    reply,
    { action, from: currentScreen, history: session.history },
    nodeId,
  );

  const moved = moveSession(updated, reply.screen, action);

  return { ok: true, reply, session: keepScreenData(moved, program, reply), effects, log };
}

// Steps write to a copy of the variables, so a failed request leaves the stored session untouched.
function baseContext(
  input: RunEndpointRequestInput & { program: Program; session: Session },
  request: EndpointRequest,
  currentScreen: string | null,
): BaseContext {
  return {
    program: input.program,
    payload: request.data ?? {},
    variables: { ...input.session.variables },
    flowToken: input.session.flowToken,
    currentScreen,
    effects: [],
    ports: input.ports,
    now: input.now,
    deadline: createDeadline(input.now, input.options?.budgetMs),
  };
}

function checkVariablesSize(variables: JsonObject, nodeId: string): void {
  const size = JSON.stringify(variables).length;
  if (size > MAX_VARIABLES_CHARS) {
    throw new RuntimeError(
      'SESSION_TOO_LARGE',
      `Session variables take ${size} characters; the limit is ${MAX_VARIABLES_CHARS}. Map only the fields you need.`,
      {
        nodeId,
        details: { size },
      },
    );
  }
}

function parseRequest(value: unknown): EndpointRequest {
  const parsed = EndpointRequestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where =
      issue === undefined ? '' : ` at ${issue.path.join('.') || '(root)'}: ${issue.message}`;
    throw new RuntimeError(
      'INVALID_REQUEST',
      `The decrypted request is not a data endpoint request${where}`,
    );
  }

  return parsed.data;
}

// Meta reports a reply the phone rejected as `data.error` (docs also say `error_key`) plus `data.error_message`.
function clientErrorOf(request: EndpointRequest): Effect | null {
  const data = request.data ?? {};
  const errorKey = typeof data.error === 'string' ? data.error : data.error_key;
  const message = data.error_message;
  if (typeof errorKey !== 'string' || typeof message !== 'string') {
    return null;
  }

  return { kind: 'client_error', screen: nonEmpty(request.screen) ?? null, errorKey, message };
}

function requireState(
  input: RunEndpointRequestInput,
  request: EndpointRequest,
): { program: Program; session: Session } {
  if (input.program === null) {
    throw new RuntimeError('NO_PROGRAM', 'The Flow has no compiled program');
  }
  if (input.session === null) {
    throw new RuntimeError('NO_SESSION', 'No session is open for this flow token');
  }
  if (request.flow_token !== input.session.flowToken) {
    throw new RuntimeError(
      'INVALID_REQUEST',
      "The request's flow_token does not belong to the session",
    );
  }

  return { program: input.program, session: input.session };
}

// A trigger with an `action` filter is more specific, so it wins over one without.
function findTrigger(program: Program, request: EndpointRequest): TriggerNode {
  const matching = program.nodes.filter(isTrigger).filter((node) => triggerMatches(node, request));
  const trigger =
    matching.find((node) => 'action' in node && node.action !== undefined) ?? matching[0];
  if (trigger === undefined) {
    const where = request.action === 'INIT' ? '' : ` from screen '${request.screen ?? ''}'`;
    throw new RuntimeError('NO_TRIGGER', `No trigger handles ${request.action}${where}`, {
      details: { action: request.action, screen: request.screen ?? null },
    });
  }

  return trigger;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}
