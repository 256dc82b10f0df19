import { randomBytes, randomUUID } from 'node:crypto';

import {
  createFlowRepository,
  createJobRepository,
  createOutboundMessageRepository,
  createPublicationRepository,
  type OutboundMessageRepository,
} from '@sanjay-flow/db';
import type { LogicNode, ProgramEdge } from '@sanjay-flow/runtime';
import {
  parseWebhookEnvelope,
  type WebhookContact,
  type WebhookMessage,
  webhookItems,
} from '@sanjay-flow/whatsapp';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createHttpPort } from '../endpoint/http-port';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { readTestData } from '../test-support/fixtures';
import { createTestConnection, importContactUs } from '../test-support/messaging';
import { eventually } from '../workers/eventually.test-helper';
import type { JobWorker } from '../workers/job-worker';
import { type FakeGraphApi, startFakeGraphApi } from './fake-graph-api.test-helper';
import { createInboundMessageHandler } from './inbound';
import { createPatternPort } from './patterns';
import { createOutbox } from './queue-message';
import { startOutboxWorker } from './start-outbox-worker';

const log = pino({ level: 'silent' });
const secrets = createSecretBox(randomBytes(32));
// The phone number of Meta's sample webhook, so that its message routes to this connection.
const PHONE_NUMBER_ID = '27681414235104944';
const META_FLOW_ID = '1234567890123456';

let received = 0;

function inboundOf(text: string): { message: WebhookMessage; contact: WebhookContact | undefined } {
  const parsed = parseWebhookEnvelope(
    readTestData('meta-tools_capi-postman_webhook_received-text-message.json'),
  );
  if (!parsed.ok) {
    throw new Error(parsed.problem);
  }
  const [item] = webhookItems(parsed.envelope);
  if (item?.kind !== 'message') {
    throw new Error('the sample holds no message');
  }
  const message =
    item.message.type === 'text' ? { ...item.message, text: { body: text } } : item.message;

  return {
    message: { ...message, id: `${message.id}.${(received += 1)}` },
    contact: item.contact,
  };
}

describe('message-received triggers', () => {
  let testDb: TestDatabase;
  let graph: FakeGraphApi;
  let worker: JobWorker;
  let messages: OutboundMessageRepository;
  let workspaceId: string;
  let connectionId: string;
  let flowId: string;
  let handle: ReturnType<typeof createInboundMessageHandler>;

  const setLogic = async (nodes: LogicNode[], edges: ProgramEdge[]) => {
    const flows = createFlowRepository(testDb.db.prisma);
    const flow = await flows.get(workspaceId, flowId);
    const graph = {
      ...(flow?.graph as Record<string, unknown>),
      logic: { nodes, edges, positions: {} },
    };
    await testDb.db.prisma.flow.update({
      where: { id: flowId },
      data: { graph: graph },
    });
  };

  beforeAll(async () => {
    testDb = await openTestDatabase();
    graph = await startFakeGraphApi();
    const { prisma } = testDb.db;
    messages = createOutboundMessageRepository(prisma);
    workspaceId = await testDb.createWorkspace();
    connectionId = await createTestConnection(prisma, secrets, workspaceId, {
      wabaId: '8856996819413533',
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: 'EAAG-access-token',
      graphApiUrl: graph.baseUrl,
    });
    flowId = await importContactUs(prisma, workspaceId);
    await createPublicationRepository(prisma).link({
      workspaceId,
      flowId,
      connectionId,
      metaFlowId: META_FLOW_ID,
      metaFlowName: null,
    });
    worker = startOutboxWorker({
      prisma,
      jobs: createJobRepository(prisma),
      messages,
      secrets,
      log,
      pollMs: 20,
    });
    handle = createInboundMessageHandler({
      prisma,
      outbox: createOutbox(messages, () => worker.wake()),
      patterns: createPatternPort(),
      ports: {
        http: createHttpPort({ allowedHosts: [] }),
        delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      },
    });
  });

  afterAll(async () => {
    await worker.stop();
    await graph.close();
    await testDb.dispose();
  });

  beforeEach(async () => {
    graph.sends.length = 0;
    await setLogic(
      [
        {
          id: 'book',
          type: 'trigger.message_received',
          match: { kind: 'keyword', keywords: ['book'] },
        },
        {
          id: 'send',
          type: 'send_message',
          message: {
            kind: 'flow',
            flowId,
            cta: 'Contact us',
            body: 'Hi {{ payload.name }}, tell us more',
            mode: 'draft',
          },
        },
        {
          id: 'vip',
          type: 'trigger.message_received',
          match: { kind: 'pattern', pattern: '^(a+)+$' },
        },
        { id: 'thanks', type: 'send_message', message: { kind: 'text', body: 'Welcome back' } },
      ],
      [
        { from: 'book', to: 'send' },
        { from: 'vip', to: 'thanks' },
      ],
    );
  });

  const context = () => ({ workspaceId, connectionId, phoneNumberId: PHONE_NUMBER_ID, log });

  it('answers "book" with the Flow message, carrying the token of a session bound to the sent version', async () => {
    const { message, contact } = inboundOf('I would like to BOOK please');
    await handle(message, contact, context());
    const sent = await eventually(() => Promise.resolve(graph.accepted()[0]));

    expect(sent.phoneNumberId).toBe(PHONE_NUMBER_ID);
    expect(sent.body).toMatchObject({
      to: '16315551234',
      type: 'interactive',
      interactive: {
        type: 'flow',
        body: { text: 'Hi Kerry Fisher, tell us more' },
        action: {
          name: 'flow',
          parameters: {
            flow_message_version: '3',
            flow_id: META_FLOW_ID,
            flow_cta: 'Contact us',
            mode: 'draft',
            flow_action: 'navigate',
          },
        },
      },
    });
    const token = (sent.body as { interactive: { action: { parameters: { flow_token: string } } } })
      .interactive.action.parameters.flow_token;
    const session = await eventually(async () => {
      const found = await testDb.db.prisma.flowSession.findUnique({ where: { flowToken: token } });

      return found?.messageId ? found : undefined;
    });
    expect(session).toMatchObject({
      flowId,
      connectionId,
      messageId: sent.wamid,
      recipientWaId: '16315551234',
      status: 'open',
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const version = await testDb.db.prisma.flowVersion.findUnique({
      where: { id: session.flowVersionId ?? '' },
    });
    expect(version?.flowId).toBe(flowId);
  });

  it('queues nothing twice when the inbox runs the handler again for the same message', async () => {
    const { message, contact } = inboundOf('book');
    await handle(message, contact, context());
    await handle(message, contact, context());
    await eventually(() => Promise.resolve(graph.accepted().length === 1));
    const rows = await messages.list(workspaceId, { limit: 100 });

    expect(rows.filter((row) => row.idempotencyKey.startsWith(message.id))).toHaveLength(1);
  });

  it('matches patterns in linear time and ignores messages no trigger takes', async () => {
    const hostile = inboundOf(`${'a'.repeat(5000)}!`);
    const unmatched = inboundOf('hello there');
    const vip = inboundOf('aaaa');
    for (const inbound of [hostile, unmatched, vip]) {
      await handle(inbound.message, inbound.contact, context());
    }
    const sent = await eventually(() => Promise.resolve(graph.accepted()[0]));
    const keys = (await messages.list(workspaceId, { limit: 100 })).map(
      (row) => row.idempotencyKey,
    );

    expect(sent.body).toMatchObject({ type: 'text', text: { body: 'Welcome back' } });
    expect(keys).toContain(`${vip.message.id}:thanks`);
    expect(keys.filter((key) => key.startsWith(`${hostile.message.id}:`))).toEqual([]);
    expect(keys.filter((key) => key.startsWith(`${unmatched.message.id}:`))).toEqual([]);
  });

  it('stores a save step as a submission of the Flow, once per message, and queues its delivery', async () => {
    const { prisma } = testDb.db;
    const destination = await prisma.destination.create({
      data: {
        id: randomUUID(),
        workspaceId,
        flowId,
        name: 'CRM',
        url: 'http://127.0.0.1:9/hooks',
        secret: 'sealed',
      },
    });
    await setLogic(
      [
        {
          id: 'note',
          type: 'trigger.message_received',
          match: { kind: 'keyword', keywords: ['note'] },
        },
        {
          id: 'save',
          type: 'save_submission',
          answers: { note: 'payload.text', name: 'payload.name' },
        },
        { id: 'thanks', type: 'send_message', message: { kind: 'text', body: 'Noted' } },
      ],
      [
        { from: 'note', to: 'save' },
        { from: 'save', to: 'thanks' },
      ],
    );
    const { message, contact } = inboundOf('note: call me after six');

    await handle(message, contact, context());
    await handle(message, contact, context());

    const stored = await prisma.submission.findMany({ where: { workspaceId, source: 'message' } });
    expect(stored).toMatchObject([
      {
        flowId,
        connectionId,
        messageId: `${message.id}:save`,
        sessionId: null,
        customerWaId: '16315551234',
        answers: {
          note: {
            label: 'note',
            value: 'note: call me after six',
            text: 'note: call me after six',
          },
          name: { label: 'name', value: 'Kerry Fisher', text: 'Kerry Fisher' },
        },
        destinationIds: [destination.id],
        status: 'received',
      },
    ]);
    const jobs = await prisma.job.findMany({ where: { key: { startsWith: stored[0]?.id } } });
    expect(jobs.map((job) => job.key)).toEqual([`${stored[0]?.id}:${destination.id}`]);
    const keys = (await messages.list(workspaceId, { limit: 100 })).map(
      (row) => row.idempotencyKey,
    );
    expect(keys.filter((key) => key.startsWith(`${message.id}:`))).toEqual([
      `${message.id}:thanks`,
    ]);
  });

  it('leaves Flow completions to the completion handler', async () => {
    const { message, contact } = inboundOf('book');
    const completion = {
      ...message,
      type: 'interactive',
      interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', response_json: '{}' } },
    } as WebhookMessage;
    await handle(completion, contact, context());

    expect(await messages.list(workspaceId, { limit: 100 })).not.toContainEqual(
      expect.objectContaining({ idempotencyKey: `${message.id}:send` }),
    );
  });
});
