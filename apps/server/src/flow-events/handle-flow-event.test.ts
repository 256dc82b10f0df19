import { randomUUID } from 'node:crypto';

import { createFlowAlertRepository, type PrismaClient } from '@sanjay-flow/db';
import { parseWebhookEnvelope, webhookItems } from '@sanjay-flow/whatsapp';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { readTestData } from '../test-support/fixtures';
import { handleFlowEvent } from './handle-flow-event';

const log = pino({ level: 'silent' });
const META_FLOW_ID = '6627390910605886';

/** The Flows events of a webhook body, as the inbox worker hands them over. */
function flowEventsOf(body: string) {
  const parsed = parseWebhookEnvelope(body);
  if (!parsed.ok) {
    throw new Error(parsed.problem);
  }

  return webhookItems(parsed.envelope).flatMap((item) =>
    item.kind === 'flow_event' ? [item.event] : [],
  );
}

function flowsWebhook(value: Record<string, unknown>): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '644600416743275', time: 1684969340, changes: [{ field: 'flows', value }] }],
  });
}

describe('handleFlowEvent', () => {
  let testDb: TestDatabase;
  let prisma: PrismaClient;
  let workspaceId: string;
  let flowId: string;

  beforeAll(async () => {
    testDb = await openTestDatabase();
    prisma = testDb.db.prisma;
  });

  afterAll(() => testDb.dispose());

  beforeEach(async () => {
    workspaceId = await testDb.createWorkspace();
    const flow = await prisma.flow.create({ data: { workspaceId, name: 'Survey', graph: {} } });
    flowId = flow.id;
    const connection = await prisma.connection.create({
      data: {
        id: randomUUID(),
        workspaceId,
        name: 'Main',
        wabaId: '644600416743275',
        phoneNumberId: '1122334455667',
        appId: '1',
        appSecret: 'v1:x',
        accessToken: 'v1:x',
        webhookVerifyToken: 'v1:x',
        graphApiUrl: 'http://127.0.0.1:9',
      },
    });
    await prisma.flowPublication.create({
      data: { workspaceId, flowId, connectionId: connection.id, metaFlowId: META_FLOW_ID },
    });
  });

  const handleAll = async (body: string) => {
    for (const event of flowEventsOf(body)) {
      await handleFlowEvent(prisma, event, { workspaceId, log });
    }
  };

  it("records Meta's DRAFT to PUBLISHED change on the publication, with no alert", async () => {
    await handleAll(readTestData('meta-docs_flows-webhook_status-change_draft-to-published.json'));

    const publication = await prisma.flowPublication.findFirstOrThrow({ where: { flowId } });
    expect(publication.status).toBe('PUBLISHED');
    expect(await prisma.flowAlert.count({ where: { workspaceId } })).toBe(0);
  });

  it('raises an alert when the Flow is blocked', async () => {
    await handleAll(
      flowsWebhook({
        event: 'FLOW_STATUS_CHANGE',
        flow_id: META_FLOW_ID,
        old_status: 'PUBLISHED',
        new_status: 'BLOCKED',
        message: 'Flow Survey changed status from PUBLISHED to BLOCKED',
      }),
    );

    const [alert] = await createFlowAlertRepository(prisma).list(workspaceId, {
      unreadOnly: true,
      limit: 5,
    });
    expect(alert).toMatchObject({ kind: 'FLOW_STATUS_CHANGE', alertState: 'BLOCKED', flowId });
  });

  it('turns endpoint health events into alerts of the Flow', async () => {
    await handleAll(
      flowsWebhook({
        event: 'ENDPOINT_ERROR_RATE',
        flow_id: META_FLOW_ID,
        error_rate: '12.5',
        threshold: 10,
        alert_state: 'ACTIVATED',
        errors: [{ error_type: 'TIMEOUT', error_rate: 12.5, error_count: 25 }],
      }),
    );
    await handleAll(
      flowsWebhook({
        event: 'ENDPOINT_AVAILABILITY',
        flow_id: META_FLOW_ID,
        availability: 75,
        threshold: 90,
        alert_state: 'ACTIVATED',
      }),
    );

    const alerts = await createFlowAlertRepository(prisma).list(workspaceId, {
      unreadOnly: false,
      limit: 5,
    });
    expect(alerts.map((alert) => alert.kind).sort()).toEqual([
      'ENDPOINT_AVAILABILITY',
      'ENDPOINT_ERROR_RATE',
    ]);
    const errorRate = alerts.find((alert) => alert.kind === 'ENDPOINT_ERROR_RATE');
    expect(errorRate).toMatchObject({
      flowId,
      metaFlowId: META_FLOW_ID,
      alertState: 'ACTIVATED',
      message: 'The endpoint error rate crossed its threshold',
      details: { error_rate: 12.5, threshold: 10 },
    });
  });

  it('keeps an event it does not know as an alert with no Flow', async () => {
    await handleAll(flowsWebhook({ event: 'SOMETHING_NEW', flow_id: '999', message: 'hello' }));

    const [alert] = await createFlowAlertRepository(prisma).list(workspaceId, {
      unreadOnly: true,
      limit: 5,
    });
    expect(alert).toMatchObject({ kind: 'SOMETHING_NEW', flowId: null, message: 'hello' });
  });
});
