import { randomBytes } from 'node:crypto';

import { createJobRepository, type PrismaClient } from '@sanjay-flow/db';
import { importFlowJson } from '@sanjay-flow/graph';
import type { ServerEffect } from '@sanjay-flow/runtime';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDestinations } from '../delivery/manage-destinations';
import { DELIVERY_QUEUE } from '../delivery/queue';
import { createHttpPort } from '../endpoint/http-port';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { fixtureCompletion, seedSurvey, surveyFlowJson } from './completion.test-helper';
import { receiveCompletion } from './receive-completion';
import { runCompletedTrigger } from './run-completed-trigger';

const log = pino({ level: 'silent' });
const TOKEN = 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.';
const http = createHttpPort({ allowedHosts: [] });

describe('runCompletedTrigger', () => {
  let testDb: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    testDb = await openTestDatabase();
    prisma = testDb.db.prisma;
  });

  afterAll(() => testDb.dispose());

  it('sends the confirmation and forwards to the named destination', async () => {
    const workspaceId = await testDb.createWorkspace();
    const survey = await seedSurvey(prisma, workspaceId, {
      flowToken: TOKEN,
      messageId: 'wamid.gvwegfretge==',
    });
    const { destination } = await createDestinations({
      prisma,
      secrets: createSecretBox(randomBytes(32)),
      http,
      allowedHosts: [],
      timeoutMs: 1000,
    }).create(workspaceId, {
      flowId: null,
      name: 'CRM',
      url: 'https://crm.example.com/h',
      enabled: false,
    });
    const graph = {
      ...(await importFlowJson(surveyFlowJson())),
      logic: {
        nodes: [
          { id: 'done', type: 'trigger.flow_completed' },
          { id: 'crm', type: 'forward_submission', destinationId: destination.id },
          {
            id: 'thanks',
            type: 'send_message',
            message: { kind: 'text', body: 'Thanks! You rated us {{payload.answers.cs_rating}}.' },
          },
        ],
        edges: [
          { from: 'done', to: 'crm' },
          { from: 'crm', to: 'thanks' },
        ],
        positions: {},
      },
    };
    await prisma.flow.update({
      where: { id: survey.flowId },
      data: { graph: JSON.parse(JSON.stringify(graph)) as object },
    });
    await prisma.destination.update({ where: { id: destination.id }, data: { enabled: true } });
    const jobs = createJobRepository(prisma);
    const { submission } = await receiveCompletion(
      { prisma, jobs },
      fixtureCompletion('completion'),
      {
        workspaceId,
        connectionId: null,
        log,
      },
    );
    const sent: ServerEffect[] = [];
    const run = () =>
      runCompletedTrigger(
        {
          prisma,
          jobs,
          ports: { http, delay: () => Promise.resolve() },
          sendMessages: (effects) => {
            sent.push(...effects);

            return Promise.resolve();
          },
        },
        submission,
        { connectionId: 'c1', log },
      );
    await run();

    expect(sent).toEqual([
      {
        kind: 'send_message',
        nodeId: 'thanks',
        to: { waId: '972987654321', userId: 'US.13491208655302741918' },
        message: { kind: 'text', body: 'Thanks! You rated us 0.', previewUrl: false },
      },
    ]);
    // The destination was enabled only after the submission arrived: the step queues it.
    expect(await prisma.job.count({ where: { queue: DELIVERY_QUEUE, workspaceId } })).toBe(1);
    const stored = await prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(stored).toMatchObject({ status: 'received', destinationIds: [destination.id] });
  });

  it('leaves a stored submission alone when the Flow logic does not compile', async () => {
    const workspaceId = await testDb.createWorkspace();
    await prisma.flowSession.deleteMany({ where: { flowToken: TOKEN } });
    const survey = await seedSurvey(prisma, workspaceId, {
      flowToken: TOKEN,
      messageId: 'wamid.gvwegfretge==',
    });
    const graph = {
      ...(await importFlowJson(surveyFlowJson())),
      logic: {
        // A condition without its expression: the stored graph no longer parses.
        nodes: [
          { id: 'done', type: 'trigger.flow_completed' },
          { id: 'check', type: 'condition' },
        ],
        edges: [{ from: 'done', to: 'check' }],
        positions: {},
      },
    };
    await prisma.flow.update({
      where: { id: survey.flowId },
      data: { graph: JSON.parse(JSON.stringify(graph)) as object },
    });
    const jobs = createJobRepository(prisma);
    const { submission } = await receiveCompletion(
      { prisma, jobs },
      fixtureCompletion('completion'),
      { workspaceId, connectionId: null, log },
    );
    const sent: ServerEffect[] = [];
    await runCompletedTrigger(
      {
        prisma,
        jobs,
        ports: { http, delay: () => Promise.resolve() },
        sendMessages: (effects) => {
          sent.push(...effects);

          return Promise.resolve();
        },
      },
      submission,
      { connectionId: 'c1', log },
    );

    expect(sent).toEqual([]);
  });
});
