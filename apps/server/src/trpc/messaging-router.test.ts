import { randomBytes } from 'node:crypto';

import { createOutboundMessageRepository } from '@sanjay-flow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import {
  createBookingFlow,
  createTestConnection,
  importContactUs,
} from '../test-support/messaging';
import { testContext, trpcErrorOf } from '../test-support/trpc';
import { messagingRouter } from './messaging-router';
import { createCallerFactory, router } from './trpc';

const createCaller = createCallerFactory(router({ messaging: messagingRouter }));
const secrets = createSecretBox(randomBytes(32));

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
});

afterAll(async () => {
  await testDb.dispose();
});

async function workspaceWithFlow() {
  const { prisma } = testDb.db;
  const workspaceId = await testDb.createWorkspace();
  const connectionId = await createTestConnection(prisma, secrets, workspaceId);
  const flowId = await importContactUs(prisma, workspaceId);
  const caller = createCaller(testContext(testDb, workspaceId, { secrets }));

  return { caller, workspaceId, flowId, connectionId };
}

describe('messaging router', () => {
  it('refuses to send a Flow that has no Meta Flow id for the connection', async () => {
    const { caller, flowId, connectionId } = await workspaceWithFlow();
    const error = await trpcErrorOf(
      caller.messaging.sendFlow({
        flowId,
        connectionId,
        to: '16505551234',
        cta: 'Open',
        body: 'Hi',
      }),
    );

    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toContain('sflow flows link-meta');
  });

  it('queues a Flow message with a session, reusing the version while the Flow is unchanged', async () => {
    const { caller, workspaceId, flowId, connectionId } = await workspaceWithFlow();
    await caller.messaging.linkMeta({ flowId, connectionId, metaFlowId: '1234567890123456' });
    const input = { flowId, connectionId, to: '+16505551234', cta: 'Open', body: 'Tell us more' };
    const first = await caller.messaging.sendFlow(input);
    const second = await caller.messaging.sendFlow({ ...input, screen: 'CONTACT_US' });

    expect(first).toMatchObject({ status: 'queued', created: true });
    expect(first.flowToken).not.toBe(second.flowToken);
    expect(second.flowVersionId).toBe(first.flowVersionId);
    const stored = await createOutboundMessageRepository(testDb.db.prisma).get(second.messageId);
    expect(stored).toMatchObject({ workspaceId, kind: 'flow', recipientWaId: '16505551234' });
    expect(stored?.body).toMatchObject({
      to: '16505551234',
      interactive: {
        action: {
          parameters: {
            flow_id: '1234567890123456',
            flow_token: second.flowToken,
            flow_action_payload: { screen: 'CONTACT_US' },
          },
        },
      },
    });
    const listed = await caller.messaging.messages({ status: 'queued' });
    expect(listed.map((message) => message.id)).toEqual([second.messageId, first.messageId]);
    expect(listed[0]).not.toHaveProperty('body');
  });

  it('sends a template whose FLOW button carries a new session token', async () => {
    const { caller, flowId, connectionId } = await workspaceWithFlow();
    const sent = await caller.messaging.sendFlowTemplate({
      flowId,
      connectionId,
      to: 'US.13491208655302741918',
      name: 'contact_follow_up',
      language: 'en_US',
      bodyParameters: ['Ana'],
      flowActionData: { source: 'template' },
    });
    const stored = await createOutboundMessageRepository(testDb.db.prisma).get(sent.messageId);
    const session = await testDb.db.prisma.flowSession.findUnique({
      where: { flowToken: sent.flowToken ?? '' },
    });

    expect(stored).toMatchObject({ kind: 'template', recipientUserId: 'US.13491208655302741918' });
    expect(stored?.body).toMatchObject({
      to: 'US.13491208655302741918',
      template: {
        components: [
          { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
          {
            type: 'button',
            sub_type: 'flow',
            index: '0',
            parameters: [
              {
                type: 'action',
                action: { flow_token: sent.flowToken, flow_action_data: { source: 'template' } },
              },
            ],
          },
        ],
      },
    });
    expect(session).toMatchObject({ flowId, recipientUserId: 'US.13491208655302741918' });
  });

  it('answers a message that breaks a rule with the field it breaks', async () => {
    const { caller, flowId, connectionId } = await workspaceWithFlow();
    await caller.messaging.linkMeta({ flowId, connectionId, metaFlowName: 'contact_us' });
    const error = await trpcErrorOf(
      caller.messaging.sendFlow({
        flowId,
        connectionId,
        to: '16505551234',
        cta: 'Book your appointment today',
        body: 'Hi',
      }),
    );

    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe(
      "The message breaks WhatsApp's rules: interactive.action.parameters.flow_cta: has at most 20 characters",
    );
  });

  it("refuses, before queuing, a screen the Flow lacks or data that does not fit the screen's", async () => {
    const { caller, workspaceId, connectionId } = await workspaceWithFlow();
    const bookingId = await createBookingFlow(testDb.db.prisma, workspaceId);
    await caller.messaging.linkMeta({ flowId: bookingId, connectionId, metaFlowId: '1234567890' });
    const send = (extra: { screen: string; data?: Record<string, number | string | string[]> }) =>
      trpcErrorOf(
        caller.messaging.sendFlow({
          flowId: bookingId,
          connectionId,
          to: '15551112222',
          cta: 'Book',
          body: 'b',
          ...extra,
        }),
      );
    const payload = 'interactive.action.parameters.flow_action_payload';

    const missing = await send({ screen: 'NOPE' });
    expect(missing.code).toBe('BAD_REQUEST');
    expect(missing.message).toBe(
      `The message breaks WhatsApp's rules: ${payload}.screen: no screen "NOPE" in this Flow (screens: CHOOSE_DATE, CHOOSE_SLOT, SUMMARY)`,
    );
    const unfit = await send({ screen: 'CHOOSE_SLOT', data: { x: 1 } });
    expect(unfit.message).toContain(`${payload}.screen: "CHOOSE_SLOT" is not an entry screen`);
    expect(unfit.message).toContain(
      `${payload}.data.x: is not declared in the data of screen "CHOOSE_SLOT"`,
    );
    expect(unfit.message).toContain(
      `${payload}.data: screen "CHOOSE_SLOT" declares "date", "slots"`,
    );
    const wrongType = await send({ screen: 'CHOOSE_DATE', data: { dates: 'monday' } });
    expect(wrongType.message).toContain(
      `${payload}.data.dates: is text, but screen "CHOOSE_DATE" declares it as array`,
    );
    const queued = await caller.messaging.messages({});
    expect(queued).toEqual([]);
  });

  it('refuses a link naming both a Meta Flow id and a name', async () => {
    const { caller, flowId, connectionId } = await workspaceWithFlow();
    const error = await trpcErrorOf(
      caller.messaging.linkMeta({ flowId, connectionId, metaFlowId: '1', metaFlowName: 'x' }),
    );

    expect(error.code).toBe('BAD_REQUEST');
  });
});
