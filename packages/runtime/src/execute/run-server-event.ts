import { z } from 'zod';

import { RuntimeError } from '../errors';
import type { JsonObject } from '../json';
import type { StepContext } from '../nodes/context';
import { executeNode } from '../nodes/execute';
import type { LogicNode } from '../nodes/schema';
import type { OutgoingMessage } from '../nodes/send-message/execute';
import type { MatchSpecificity, PatternPort } from '../nodes/trigger-message-received/execute';
import { matchMessage } from '../nodes/trigger-message-received/execute';
import type { FlowCompletedTrigger } from '../nodes/trigger-flow-completed/schema';
import type { MessageReceivedTrigger } from '../nodes/trigger-message-received/schema';
import type { Program } from '../program/schema';
import type { LogEntry } from '../protocol';
import type { RuntimePorts } from '../ports';
import { createDeadline } from './deadline';
import { DEFAULT_MAX_STEPS, asRuntimeError } from './walk';

/** The customer an event came from: a phone number (`wa_id`), a business-scoped user id, or both. */
export const CustomerSchema = z
  .object({ waId: z.string().min(1).optional(), userId: z.string().min(1).optional() })
  .refine((customer) => customer.waId !== undefined || customer.userId !== undefined, {
    message: 'A customer needs a wa_id or a user_id',
  });
export type Customer = z.infer<typeof CustomerSchema>;

/** A message the customer sent the business, reduced to what a program may read. */
export const MessageReceivedEventSchema = z.object({
  kind: z.literal('message_received'),
  customer: CustomerSchema,
  message: z.object({
    id: z.string().min(1),
    type: z.string().min(1),
    /** A text's body, a button's title, a media caption; `null` when the message has none. */
    text: z.string().nullable(),
    timestamp: z.string(),
  }),
  profileName: z.string().optional(),
});
export type MessageReceivedEvent = z.infer<typeof MessageReceivedEventSchema>;

/** A customer completed the Flow: its submission is stored; answers are the values Meta sent. */
export const FlowCompletedEventSchema = z.object({
  kind: z.literal('flow_completed'),
  customer: CustomerSchema,
  submission: z.object({
    id: z.string().min(1),
    answers: z.record(z.string(), z.json()),
    missingRequired: z.array(z.string()),
    receivedAt: z.string(),
  }),
});
export type FlowCompletedEvent = z.infer<typeof FlowCompletedEventSchema>;

/** Something that happened outside the data endpoint and may start a program's walk. */
export const ServerEventSchema = z.discriminatedUnion('kind', [
  MessageReceivedEventSchema,
  FlowCompletedEventSchema,
]);
export type ServerEvent = z.infer<typeof ServerEventSchema>;

/** Things the server does after an event's walk, in this order. */
export type ServerEffect =
  | { kind: 'send_message'; nodeId: string; to: Customer; message: OutgoingMessage }
  | { kind: 'save_submission'; nodeId: string; answers: JsonObject }
  | {
      kind: 'forward_submission';
      nodeId: string;
      submissionId: string;
      /** `null`: every enabled destination of the Flow. */
      destinationId: string | null;
    };

export interface ServerEventPorts extends RuntimePorts {
  patterns: PatternPort;
}

export interface ServerEventOptions {
  /** Time the walk may take, default 3000 ms, never more than 9000 ms. */
  budgetMs?: number;
  maxSteps?: number;
  debug?: boolean;
}

export interface ServerEventInput {
  program: Program;
  event: ServerEvent;
  now: () => number;
  ports: ServerEventPorts;
  options?: ServerEventOptions;
}

export type ServerEventResult =
  | { ok: true; matched: false; log: LogEntry[] }
  | { ok: true; matched: true; triggerId: string; effects: ServerEffect[]; log: LogEntry[] }
  | { ok: false; error: RuntimeError; log: LogEntry[] };

export interface ServerTriggerMatch {
  node: MessageReceivedTrigger | FlowCompletedTrigger;
  specificity: MatchSpecificity;
}

/**
 * The trigger an event starts, the most specific one first (keyword, then pattern, then any),
 * or `null` when none matches. A pattern the server's engine refuses makes its trigger fail
 * to match rather than stop the others.
 */
export function findServerTrigger(
  program: Program,
  event: ServerEvent,
  patterns: PatternPort,
): ServerTriggerMatch | null {
  if (event.kind === 'flow_completed') {
    const node = program.nodes.find(
      (candidate): candidate is FlowCompletedTrigger => candidate.type === 'trigger.flow_completed',
    );

    return node === undefined ? null : { node, specificity: 1 };
  }
  let best: ServerTriggerMatch | null = null;
  for (const node of program.nodes) {
    if (node.type !== 'trigger.message_received') {
      continue;
    }
    const specificity = safeMatch(node, event.message.text, patterns);
    if (specificity !== null && (best === null || specificity > best.specificity)) {
      best = { node, specificity };
    }
  }

  return best;
}

function safeMatch(
  node: MessageReceivedTrigger,
  text: string | null,
  patterns: PatternPort,
): MatchSpecificity | null {
  try {
    return matchMessage(node, text, patterns);
  } catch {
    return null;
  }
}

/**
 * Runs a program's walk for a server event. Nothing is written anywhere: the server carries
 * out `effects`. A walk ends when a step has nothing after it; a step that answers the data
 * endpoint (a screen, an error message, finishing the Flow) has no meaning here and fails.
 */
export async function runServerEvent(input: ServerEventInput): Promise<ServerEventResult> {
  const log: LogEntry[] = [];
  const trigger = findServerTrigger(input.program, input.event, input.ports.patterns);
  if (trigger === null) {
    return { ok: true, matched: false, log };
  }
  try {
    const effects = await walk(trigger.node, input, log);

    return { ok: true, matched: true, triggerId: trigger.node.id, effects, log };
  } catch (error) {
    if (error instanceof RuntimeError) {
      return { ok: false, error, log };
    }
    throw error;
  }
}

async function walk(
  trigger: LogicNode,
  input: ServerEventInput,
  log: LogEntry[],
): Promise<ServerEffect[]> {
  const context = stepContextOf(input);
  const maxSteps = input.options?.maxSteps ?? DEFAULT_MAX_STEPS;
  const nodes = new Map(input.program.nodes.map((node) => [node.id, node]));
  let node: LogicNode | undefined = trigger;
  for (let step = 0; node !== undefined; step += 1) {
    checkLimits(context, node.id, step, maxSteps);
    const port = await runStep(node, { ...context, nodeId: node.id }, input, log);
    node = nextNode(input.program, nodes, node.id, port);
  }

  return collectEffects(context);
}

function stepContextOf(input: ServerEventInput): StepContext {
  return {
    program: input.program,
    nodeId: '',
    payload: payloadOf(input.event),
    variables: {},
    flowToken: '',
    currentScreen: null,
    effects: [],
    ports: input.ports,
    now: input.now,
    deadline: createDeadline(input.now, input.options?.budgetMs),
    server: {
      customer: input.event.customer,
      effects: [],
      ...(input.event.kind === 'flow_completed' ? { submissionId: input.event.submission.id } : {}),
    },
  };
}

/** What `payload.*` reads in the walk of a message event. */
function payloadOf(event: ServerEvent): JsonObject {
  if (event.kind === 'flow_completed') {
    return {
      submission_id: event.submission.id,
      answers: event.submission.answers,
      missing_required: event.submission.missingRequired,
      received_at: event.submission.receivedAt,
      wa_id: event.customer.waId ?? null,
      user_id: event.customer.userId ?? null,
    };
  }

  return {
    message_id: event.message.id,
    type: event.message.type,
    text: event.message.text,
    timestamp: event.message.timestamp,
    wa_id: event.customer.waId ?? null,
    user_id: event.customer.userId ?? null,
    name: event.profileName ?? null,
  };
}

function checkLimits(context: StepContext, nodeId: string, step: number, maxSteps: number): void {
  if (step >= maxSteps) {
    throw new RuntimeError('STEP_LIMIT', `More than ${maxSteps} steps in one event`, { nodeId });
  }
  if (context.deadline.remainingMs() <= 0) {
    throw new RuntimeError('DEADLINE_EXCEEDED', 'The event budget ran out', { nodeId });
  }
}

async function runStep(
  node: LogicNode,
  context: StepContext,
  input: ServerEventInput,
  log: LogEntry[],
): Promise<string | undefined> {
  const started = input.now();
  const debug = input.options?.debug ?? false;
  try {
    const outcome = await executeNode(node, context);
    if (outcome.kind === 'reply') {
      throw new RuntimeError(
        'NODE_FAILED',
        `${node.type} answers the data endpoint; it cannot run on a server event`,
        { nodeId: node.id },
      );
    }
    log.push({
      nodeId: node.id,
      type: node.type,
      durationMs: input.now() - started,
      outcome: 'ok',
      ...(outcome.port === undefined ? {} : { port: outcome.port }),
      detail: outcome.detail ?? {},
      ...(debug && outcome.values !== undefined ? { values: outcome.values } : {}),
    });

    return outcome.port;
  } catch (error) {
    const failure = asRuntimeError(error, node.id);
    const durationMs = input.now() - started;
    log.push({ nodeId: node.id, type: node.type, durationMs, outcome: 'error', detail: {} });
    throw failure;
  }
}

// Unlike the endpoint's walk, an exit with nothing after it simply ends the run.
function nextNode(
  program: Program,
  nodes: Map<string, LogicNode>,
  from: string,
  port: string | undefined,
): LogicNode | undefined {
  const edge = program.edges.find(
    (candidate) => candidate.from === from && candidate.port === port,
  );

  return edge === undefined ? undefined : nodes.get(edge.to);
}

// A save_submission step records into the endpoint's effect list; it joins the server's here.
function collectEffects(context: StepContext): ServerEffect[] {
  const saved: ServerEffect[] = context.effects.flatMap((effect) =>
    effect.kind === 'save_submission' ? [effect] : [],
  );

  return [...(context.server?.effects ?? []), ...saved];
}
