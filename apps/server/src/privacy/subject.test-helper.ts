import { randomBytes, randomUUID } from 'node:crypto';

import type { PrismaClient } from '@sanjay-flow/db';

import { DELIVERY_QUEUE, deliveryJobKey } from '../delivery/queue';
import { OUTBOX_QUEUE } from '../messaging/queue-message';
import { createSecretBox } from '../secrets/secret-box';
import { readTestData } from '../test-support/fixtures';
import { createTestConnection, importContactUs } from '../test-support/messaging';

/** The customer of Meta's recorded completion webhook (pywa's example). */
export const FIXTURE_CUSTOMER = { waId: '972987654321', userId: 'US.13491208655302741918' };

export interface Customer {
  waId: string;
  userId: string;
}

const secrets = createSecretBox(randomBytes(32));

export interface SeededWorkspace {
  workspaceId: string;
  flowId: string;
  connectionId: string;
  destinationId: string;
}

/** A workspace's Flow, connection and destination, which customers' records point at. */
export async function seedWorkspace(
  prisma: PrismaClient,
  workspaceId: string,
): Promise<SeededWorkspace> {
  const flowId = await importContactUs(prisma, workspaceId);
  const connectionId = await createTestConnection(prisma, secrets, workspaceId, {
    phoneNumberId: String(1_000_000_000_000 + Math.floor(Math.random() * 1e9)),
  });
  const destination = await prisma.destination.create({
    data: {
      id: randomUUID(),
      workspaceId,
      name: 'CRM',
      url: 'http://127.0.0.1:9/hook',
      secret: 'v1:test:sealed',
    },
  });

  return { workspaceId, flowId, connectionId, destinationId: destination.id };
}

/** Meta's completion webhook, for this customer instead of the recorded one. */
export function completionWebhook(customer: Customer, wamid: string): string {
  const recorded = JSON.parse(readTestData('pywa_webhook_flow-completion_nfm_reply.json')) as {
    completion: unknown;
  };

  return JSON.stringify(recorded.completion)
    .replaceAll(`"${FIXTURE_CUSTOMER.waId}"`, JSON.stringify(customer.waId))
    .replaceAll(`"${FIXTURE_CUSTOMER.userId}"`, JSON.stringify(customer.userId))
    .replaceAll('"wamid.wegrchytvwcggt=="', JSON.stringify(wamid));
}

/**
 * One customer's journey as the tables record it: a Flow sent (outbound message and its job),
 * a session with endpoint calls and a replay row, the completion webhook (event, item, job),
 * the submission, a file the customer picked, a delivery attempt and its job.
 */
export async function seedCustomer(
  prisma: PrismaClient,
  seeded: SeededWorkspace,
  customer: Customer,
): Promise<void> {
  const { workspaceId, flowId, connectionId, destinationId } = seeded;
  const sentWamid = `wamid.sent-${randomUUID()}`;
  const replyWamid = `wamid.reply-${randomUUID()}`;
  const flowToken = `token-${randomUUID()}`;
  const answers = { name: 'Dana Example', email: 'dana@example.test', phone: customer.waId };
  const session = await prisma.flowSession.create({
    data: {
      flowToken,
      workspaceId,
      flowId,
      connectionId,
      state: { variables: answers, screen: 'DETAILS' },
      messageId: sentWamid,
      recipientWaId: customer.waId,
      recipientUserId: customer.userId,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  await prisma.endpointCall.create({
    data: {
      workspaceId,
      flowId,
      sessionId: session.id,
      connectionId,
      action: 'data_exchange',
      screen: 'DETAILS',
      httpStatus: 200,
      latencyMs: 3,
      debugPayload: { request: { data: answers, flow_token: flowToken } },
    },
  });
  await prisma.endpointReplay.create({
    data: {
      fingerprint: randomUUID(),
      sessionId: session.id,
      httpStatus: 200,
      answer: 'sealed',
      expiresAt: new Date(Date.now() + 60_000),
    },
  });
  const outbound = await prisma.outboundMessage.create({
    data: {
      workspaceId,
      connectionId,
      sessionId: session.id,
      recipientWaId: customer.waId,
      recipientUserId: customer.userId,
      kind: 'flow',
      body: { to: customer.waId, type: 'interactive' },
      idempotencyKey: randomUUID(),
      status: 'sent',
      wamid: sentWamid,
    },
  });
  await prisma.job.create({
    data: {
      queue: OUTBOX_QUEUE,
      key: outbound.id,
      workspaceId,
      payload: { messageId: outbound.id },
    },
  });
  const eventId = randomUUID();
  await prisma.inboxEvent.create({
    data: {
      id: eventId,
      workspaceId,
      connectionId,
      appId: '1234567890123456',
      raw: completionWebhook(customer, replyWamid),
    },
  });
  await prisma.inboxItem.create({
    data: { key: `${workspaceId}/message:1122334455667:${replyWamid}`, kind: 'message', eventId },
  });
  await prisma.job.create({
    data: { queue: 'inbox', key: eventId, workspaceId },
  });
  const submission = await prisma.submission.create({
    data: {
      workspaceId,
      flowId,
      sessionId: session.id,
      connectionId,
      messageId: replyWamid,
      flowToken,
      customerWaId: customer.waId,
      customerUserId: customer.userId,
      answers,
      fields: Object.keys(answers),
      destinationIds: [destinationId],
      status: 'received',
      receivedAt: new Date(),
    },
  });
  await prisma.submissionFile.create({
    data: {
      workspaceId,
      submissionId: submission.id,
      field: 'photo',
      mediaId: '1045223450911234',
      // People name files after themselves: the erasure must reach the file's row too.
      fileName: `${customer.waId}.jpg`,
      mimeType: 'image/jpeg',
      status: 'fetched',
      fetchedAt: new Date(),
    },
  });
  await prisma.deliveryAttempt.create({
    data: {
      submissionId: submission.id,
      destinationId,
      attempt: 1,
      status: 'failed',
      httpStatus: 503,
      latencyMs: 12,
    },
  });
  await prisma.job.create({
    data: {
      queue: DELIVERY_QUEUE,
      key: deliveryJobKey(submission.id, destinationId),
      workspaceId,
      payload: { workspaceId, submissionId: submission.id, destinationId },
    },
  });
  await seedPrivacyRequest(prisma, workspaceId, customer);
}

/** A request from the public page for the customer's data, still waiting for its code. */
export async function seedPrivacyRequest(
  prisma: PrismaClient,
  workspaceId: string,
  customer: Customer,
): Promise<void> {
  await prisma.privacyRequest.create({
    data: {
      id: randomUUID(),
      workspaceId,
      phone: customer.waId,
      kind: 'erase',
      codeHash: 'sha256-of-id-and-code',
      expiresAt: new Date(Date.now() + 600_000),
    },
  });
}

/** Every table of the database, with the number of rows whose text contains `needle`. */
export async function tablesContaining(
  prisma: PrismaClient,
  needle: string,
): Promise<Record<string, number>> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
  );
  const found: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM "${name}" AS r WHERE strpos(r::text, $1) > 0`,
      needle,
    );
    if (row && row.count > 0) {
      found[name] = row.count;
    }
  }

  return found;
}
