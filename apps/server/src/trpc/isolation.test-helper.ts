import { randomBytes, randomUUID } from 'node:crypto';

import { putMember } from '../auth/accounts';
import { createApiToken } from '../auth/api-tokens';
import { createKeyPairs } from '../connections/key-pairs';
import { createDestinations } from '../delivery/manage-destinations';
import { createHttpPort } from '../endpoint/http-port';
import { createSecretBox } from '../secrets/secret-box';
import type { TestDatabase } from '../test-support/database';
import { createTestConnection, importContactUs } from '../test-support/messaging';
import { testContext } from '../test-support/trpc';
import type { Context, Role } from './context';
import { appRouter } from './router';
import { createCallerFactory } from './trpc';

const CUSTOMER_PHONE = '15551230000';

export const secrets = createSecretBox(randomBytes(32));
const createCaller = createCallerFactory(appRouter);

/** One of each record a workspace holds, made through the product's own code where it can be. */
export interface WorkspaceRecords {
  workspaceId: string;
  flowId: string;
  graph: unknown;
  connectionId: string;
  destinationId: string;
  submissionId: string;
  alertId: string;
  messageId: string;
  eventId: string;
  tokenId: string;
  memberUserId: string;
  versionId: string;
  publishRunId: string;
  /** The customer of the submission, to ask data-subject requests about. */
  customerPhone: string;
}

/** What every procedure of the app is called with, for `role` in `workspaceId`. */
export function contextFor(testDb: TestDatabase, workspaceId: string, role: Role): Context {
  const prisma = testDb.db.prisma;
  const allowedHosts: string[] = [];

  return testContext(testDb, workspaceId, {
    secrets,
    overrides: {
      role,
      actor: { kind: 'token', tokenId: randomUUID() },
      keyPairs: createKeyPairs({ prisma, secrets, graceHours: 1 }),
      destinations: createDestinations({
        prisma,
        secrets,
        http: createHttpPort({ allowedHosts }),
        allowedHosts,
        timeoutMs: 1000,
      }),
      preview: { budgetMs: 1000, httpAllowedHosts: allowedHosts },
    },
  });
}

export function callerFor(testDb: TestDatabase, workspaceId: string, role: Role) {
  return createCaller(contextFor(testDb, workspaceId, role));
}

export async function seedWorkspace(testDb: TestDatabase, name: string): Promise<WorkspaceRecords> {
  const prisma = testDb.db.prisma;
  const workspaceId = await testDb.createWorkspace(name);
  const owner = callerFor(testDb, workspaceId, 'owner');
  const flowId = await importContactUs(prisma, workspaceId, `${name} flow`);
  const { graph } = await owner.flows.get({ id: flowId });
  const connectionId = await createTestConnection(prisma, secrets, workspaceId, {
    phoneNumberId: String(Date.now()) + String(Math.floor(Math.random() * 1000)),
  });
  await owner.connections.keys.generate({ connectionId });
  await owner.endpoint.sessions.open({ flowId, connectionId });
  const destination = await prisma.destination.create({
    data: {
      id: randomUUID(),
      workspaceId,
      name: 'Hook',
      url: 'https://hooks.example.test/',
      secret: 'sealed',
    },
  });
  const submission = await prisma.submission.create({
    data: {
      workspaceId,
      flowId,
      connectionId,
      messageId: `wamid.${randomUUID()}`,
      customerWaId: CUSTOMER_PHONE,
      answers: { name: 'Ana' },
      status: 'dead',
      receivedAt: new Date(),
    },
  });
  const alert = await prisma.flowAlert.create({
    data: { workspaceId, flowId, kind: 'FLOW_STATUS_CHANGE', message: 'Flow blocked' },
  });
  const message = await prisma.outboundMessage.create({
    data: {
      workspaceId,
      connectionId,
      kind: 'text',
      idempotencyKey: randomUUID(),
      status: 'failed',
    },
  });
  const event = await prisma.inboxEvent.create({
    data: {
      id: randomUUID(),
      workspaceId,
      connectionId,
      appId: '1234567890123456',
      status: 'malformed',
    },
  });
  await prisma.endpointCall.create({
    data: { workspaceId, flowId, httpStatus: 200, latencyMs: 5 },
  });
  const { view: token } = await createApiToken(prisma, { workspaceId, name: 'CI', role: 'editor' });
  const member = await prisma.user.create({ data: { email: `${randomUUID()}@example.test` } });
  await putMember(prisma, workspaceId, member.id, 'editor');
  const version = await prisma.flowVersion.findFirstOrThrow({ where: { flowId } });
  const run = await prisma.publishRun.create({
    data: { workspaceId, flowId, connectionId, contentHash: 'x', flowJsonText: '{}' },
  });

  return {
    workspaceId,
    flowId,
    graph,
    connectionId,
    destinationId: destination.id,
    submissionId: submission.id,
    alertId: alert.id,
    messageId: message.id,
    eventId: event.id,
    tokenId: token.id,
    memberUserId: member.id,
    versionId: version.id,
    publishRunId: run.id,
    customerPhone: CUSTOMER_PHONE,
  };
}

/** Every id of the records, to look for in an answer that must show none of them. */
export function idsOf(records: WorkspaceRecords): string[] {
  const {
    graph: _graph,
    workspaceId: _workspaceId,
    customerPhone: _customerPhone,
    ...ids
  } = records;

  return Object.values(ids);
}
