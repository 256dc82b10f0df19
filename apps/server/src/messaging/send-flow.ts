import {
  createConnectionRepository,
  createFlowRepository,
  createPublicationRepository,
  type FlowRecord,
  type PrismaClient,
} from '@sanjay-flow/db';
import {
  compileGraph,
  type GraphDocument,
  logicOf,
  upgradeGraphDocument,
} from '@sanjay-flow/graph';
import { checkOpening } from '@sanjay-flow/flow-json';
import { createSession, type Customer } from '@sanjay-flow/runtime';
import {
  buildFlowMessage,
  buildFlowTemplateMessage,
  type FlowMessage,
  MessageRuleError,
  type OutgoingMessageBody,
  type TemplateMessage,
} from '@sanjay-flow/whatsapp';
import { z } from 'zod';

import { SESSION_TTL_MS } from '../endpoint/options';
import { newFlowToken } from '../endpoint/sessions';
import { AppError } from '../errors';
import { asJson } from '../flows/json';
import { flowNotFound } from '../flows/save-flow';
import { type Outbox, recipientOf } from './queue-message';
import { customerOf, RecipientSchema } from './recipient';

export const SendFlowInputSchema = z.object({
  flowId: z.uuid({ error: 'not a flow id' }),
  connectionId: z.uuid({ error: 'not a connection id' }),
  /** The customer's phone number (wa_id) or business-scoped user id. */
  to: RecipientSchema,
  cta: z.string(),
  body: z.string(),
  header: z.string().optional(),
  footer: z.string().optional(),
  /** The entry screen; the Flow's first screen when data is given without one. */
  screen: z.string().min(1).optional(),
  data: z.record(z.string(), z.json()).optional(),
  mode: z.enum(['published', 'draft']).optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type SendFlowInput = z.input<typeof SendFlowInputSchema>;

export interface SentFlow {
  messageId: string;
  flowToken: string | null;
  flowVersionId: string | null;
  status: string;
  /** False when the idempotency key was used before: that message is answered instead. */
  created: boolean;
}

export interface SendFlowDependencies {
  prisma: PrismaClient;
  outbox: Outbox;
  now?: () => Date;
}

/**
 * Sends a Flow as it is now: snapshots the Flow's current version (reusing a stored version
 * with the same content hash), opens a session with a fresh flow token bound to that version,
 * the connection and the customer, and queues the interactive message carrying the token.
 */
export async function sendFlow(
  dependencies: SendFlowDependencies,
  workspaceId: string,
  rawInput: SendFlowInput,
): Promise<SentFlow> {
  const input = SendFlowInputSchema.parse(rawInput);
  const prepared = await prepareSend(dependencies, workspaceId, input);
  const metaFlow = await metaFlowOf(dependencies.prisma, workspaceId, input);
  const body = flowMessage(input, { ...prepared, metaFlow });

  return queueWithSession(dependencies, workspaceId, prepared, body, input.idempotencyKey);
}

export const SendFlowTemplateInputSchema = z.object({
  flowId: z.uuid({ error: 'not a flow id' }),
  connectionId: z.uuid({ error: 'not a connection id' }),
  to: SendFlowInputSchema.shape.to,
  /** An approved template whose FLOW button opens this Flow. */
  name: z.string().min(1),
  language: z.string().min(1),
  buttonIndex: z.number().int().min(0).default(0),
  bodyParameters: z.array(z.string()).default([]),
  flowActionData: z.record(z.string(), z.json()).optional(),
  idempotencyKey: SendFlowInputSchema.shape.idempotencyKey,
});
export type SendFlowTemplateInput = z.input<typeof SendFlowTemplateInputSchema>;

/**
 * Sends a Flow through an approved template's FLOW button, the way to reach a customer outside
 * the 24-hour window; the session and the snapshot are made as for `sendFlow`.
 */
export async function sendFlowTemplate(
  dependencies: SendFlowDependencies,
  workspaceId: string,
  rawInput: SendFlowTemplateInput,
): Promise<SentFlow> {
  const input = SendFlowTemplateInputSchema.parse(rawInput);
  const prepared = await prepareSend(dependencies, workspaceId, input);
  let body: TemplateMessage;
  try {
    body = buildFlowTemplateMessage({
      to: recipientOf(prepared.to),
      name: input.name,
      language: input.language,
      bodyParameters: input.bodyParameters,
      button: {
        index: input.buttonIndex,
        flowToken: prepared.flowToken,
        ...(input.flowActionData === undefined ? {} : { flowActionData: input.flowActionData }),
      },
    });
  } catch (error) {
    throw invalidMessage(error);
  }

  return queueWithSession(dependencies, workspaceId, prepared, body, input.idempotencyKey);
}

interface PreparedSend {
  flowId: string;
  connectionId: string;
  version: {
    id: string;
    /** The compiled Flow JSON the message opens. */
    flowJson: Record<string, unknown>;
    firstScreen: string | undefined;
    opensWithEndpoint: boolean;
  };
  flowToken: string;
  to: Customer;
}

async function prepareSend(
  dependencies: SendFlowDependencies,
  workspaceId: string,
  input: { flowId: string; connectionId: string; to: string },
): Promise<PreparedSend> {
  const { prisma } = dependencies;
  const flow = await createFlowRepository(prisma).get(workspaceId, input.flowId);
  if (flow === null) {
    throw flowNotFound();
  }
  const connection = await createConnectionRepository(prisma).get(workspaceId, input.connectionId);
  if (connection === null) {
    throw new AppError('CONNECTION_NOT_FOUND', 'No connection has this id in this workspace');
  }

  return {
    flowId: flow.id,
    connectionId: connection.id,
    version: await currentVersion(prisma, workspaceId, flow),
    flowToken: newFlowToken(),
    to: customerOf(input.to),
  };
}

async function queueWithSession(
  dependencies: SendFlowDependencies,
  workspaceId: string,
  prepared: PreparedSend,
  body: OutgoingMessageBody,
  idempotencyKey: string | undefined,
): Promise<SentFlow> {
  const { flowToken, to } = prepared;
  const now = dependencies.now?.() ?? new Date();
  const queued = await dependencies.outbox.queueMessage({
    workspaceId,
    connectionId: prepared.connectionId,
    to,
    body,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    session: {
      flowToken,
      workspaceId,
      flowId: prepared.flowId,
      connectionId: prepared.connectionId,
      testMode: false,
      state: createSession(flowToken),
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      flowVersionId: prepared.version.id,
      recipientWaId: to.waId ?? null,
      recipientUserId: to.userId ?? null,
    },
  });

  return {
    messageId: queued.message.id,
    flowToken: queued.created ? flowToken : null,
    flowVersionId: queued.created ? prepared.version.id : null,
    status: queued.message.status,
    created: queued.created,
  };
}

type MetaFlow = { id: string } | { name: string };

async function metaFlowOf(
  prisma: PrismaClient,
  workspaceId: string,
  input: { flowId: string; connectionId: string },
): Promise<MetaFlow> {
  const publication = await createPublicationRepository(prisma).find(
    workspaceId,
    input.flowId,
    input.connectionId,
  );
  if (publication?.metaFlowId) {
    return { id: publication.metaFlowId };
  }
  if (publication?.metaFlowName) {
    return { name: publication.metaFlowName };
  }
  throw new AppError(
    'FLOW_NOT_LINKED',
    'The Flow has no Meta Flow id for this connection: publish it, or link it with `sflow flows link-meta`',
  );
}

async function currentVersion(prisma: PrismaClient, workspaceId: string, flow: FlowRecord) {
  const graph = upgradeGraphDocument(flow.graph);
  const compiled = compileGraph(graph);
  const firstScreen = firstScreenOf(compiled.flowJson);
  const opensWithEndpoint = opensWithEndpointOf(graph, compiled.flowJson);
  const stored = await createPublicationRepository(prisma).findVersionByHash(
    flow.id,
    compiled.contentHash,
  );
  if (stored !== null) {
    return { id: stored.id, flowJson: compiled.flowJson, firstScreen, opensWithEndpoint };
  }
  const added = await createFlowRepository(prisma).addVersion(workspaceId, flow.id, {
    label: 'Sent',
    graph: asJson(graph),
    flowJson: asJson(compiled.flowJson),
    contentHash: compiled.contentHash,
  });

  if (added === null) {
    throw flowNotFound();
  }

  return { id: added.id, flowJson: compiled.flowJson, firstScreen, opensWithEndpoint };
}

/**
 * The phone asks the endpoint for the first screen only when the Flow JSON sent declares an
 * endpoint (`data_api_version`) and the Flow's logic answers INIT (a `trigger.flow_opened` with
 * a step after it). Meta refuses `data_exchange` for a Flow without an endpoint (131009).
 */
function opensWithEndpointOf(graph: GraphDocument, flowJson: Record<string, unknown>): boolean {
  if (typeof flowJson.data_api_version !== 'string') {
    return false;
  }
  const { nodes, edges } = logicOf(graph);
  const triggers = new Set(
    nodes.filter((node) => node.type === 'trigger.flow_opened').map((node) => node.id),
  );

  return edges.some((edge) => triggers.has(edge.from));
}

function firstScreenOf(flowJson: object): string | undefined {
  const screens = (flowJson as { screens?: { id?: unknown }[] }).screens;
  const id = screens?.[0]?.id;

  return typeof id === 'string' ? id : undefined;
}

function flowMessage(
  input: z.infer<typeof SendFlowInputSchema>,
  at: PreparedSend & { metaFlow: MetaFlow },
): FlowMessage {
  const screen = input.screen ?? (input.data === undefined ? undefined : at.version.firstScreen);
  const exchange = screen === undefined && input.data === undefined && at.version.opensWithEndpoint;
  try {
    if (screen !== undefined) {
      checkOpeningOf(at.version.flowJson, screen, input.data);
    }

    return buildFlowMessage({
      to: recipientOf(at.to),
      flow: at.metaFlow,
      flowToken: at.flowToken,
      cta: input.cta,
      body: input.body,
      ...(input.header === undefined ? {} : { header: input.header }),
      ...(input.footer === undefined ? {} : { footer: input.footer }),
      ...(input.mode === undefined ? {} : { mode: input.mode }),
      action: exchange
        ? { kind: 'data_exchange' }
        : {
            kind: 'navigate',
            ...(screen === undefined ? {} : { screen }),
            ...(input.data === undefined ? {} : { data: input.data }),
          },
    });
  } catch (error) {
    throw invalidMessage(error);
  }
}

const PAYLOAD_FIELD = 'interactive.action.parameters.flow_action_payload';

/**
 * Meta opens the Flow at the screen with the data only when both fit the Flow JSON (spec A7,
 * A8); refused here, the message is never queued to fail at send time (131009).
 */
function checkOpeningOf(
  flowJson: Record<string, unknown>,
  screen: string,
  data: Record<string, unknown> | undefined,
): void {
  const problems = checkOpening(flowJson, { screen, ...(data === undefined ? {} : { data }) });
  if (problems.length > 0) {
    throw new MessageRuleError(
      problems.map((problem) => ({
        field: [PAYLOAD_FIELD, ...problem.at].join('.'),
        message: problem.message,
      })),
    );
  }
}

export function invalidMessage(error: unknown): unknown {
  if (!(error instanceof MessageRuleError)) {
    return error;
  }

  return new AppError(
    'INVALID_MESSAGE',
    `The message breaks WhatsApp's rules: ${error.message}`,
    error.violations.map((violation) => ({
      pointer: `/${violation.field.replaceAll('.', '/')}`,
      code: 'MESSAGE_RULE',
      message: violation.message,
    })),
  );
}
