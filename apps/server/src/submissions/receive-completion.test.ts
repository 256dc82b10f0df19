import { createJobRepository, type PrismaClient } from '@sanjay-flow/db';
import { importFlowJson } from '@sanjay-flow/graph';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { DELIVERY_QUEUE } from '../delivery/queue';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import {
  fixtureCompletion,
  seedSurvey,
  type SeededSurvey,
  surveyFlowJson,
} from './completion.test-helper';
import { type FlowCompletion, receiveCompletion } from './receive-completion';

const log = pino({ level: 'silent' });
const FIXTURE_TOKEN = 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.';
const FIXTURE_CONTEXT = 'wamid.gvwegfretge==';

describe('receiveCompletion', () => {
  let testDb: TestDatabase;
  let prisma: PrismaClient;
  let workspaceId: string;
  let survey: SeededSurvey;

  beforeAll(async () => {
    testDb = await openTestDatabase();
    prisma = testDb.db.prisma;
  });

  afterAll(() => testDb.dispose());

  beforeEach(async () => {
    // A workspace per test: the fixture's message id and token are the same in every test.
    workspaceId = await testDb.createWorkspace();
    await prisma.flowSession.deleteMany({ where: { flowToken: FIXTURE_TOKEN } });
    survey = await seedSurvey(prisma, workspaceId, {
      flowToken: FIXTURE_TOKEN,
      messageId: FIXTURE_CONTEXT,
    });
  });

  const receive = (completion: FlowCompletion) =>
    receiveCompletion({ prisma, jobs: createJobRepository(prisma) }, completion, {
      workspaceId,
      connectionId: null,
      log,
    });

  it("stores Meta's completion with the survey's labels and option titles", async () => {
    const { submission, created } = await receive(fixtureCompletion('completion'));

    expect(created).toBe(true);
    expect(submission).toMatchObject({
      flowId: survey.flowId,
      flowVersionId: survey.versionId,
      sessionId: survey.sessionId,
      flowToken: FIXTURE_TOKEN,
      customerWaId: '972987654321',
      customerUserId: 'US.13491208655302741918',
      status: 'no_destination',
      missingRequired: [],
      responseError: null,
    });
    expect(submission.answers).toEqual({
      comment_text: { label: 'Leave a comment', value: 'Comment Text', text: 'Comment Text' },
      delivery_rating: {
        label: 'Delivery and setup',
        value: '4',
        text: '★☆☆☆☆ • Very Poor (1/5)',
      },
      purchase_rating: {
        label: 'Purchase experience',
        value: '2',
        text: '★★★☆☆ • Average (3/5)',
      },
      recommend_radio: { label: 'Choose one', value: '0', text: 'Yes' },
      cs_rating: { label: 'Customer service', value: '0', text: '★★★★★ • Excellent (5/5)' },
    });
    const session = await prisma.flowSession.findUniqueOrThrow({ where: { id: survey.sessionId } });
    expect(session.status).toBe('closed');
  });

  it('labels answers from the current graph when no version of the Flow was sent', async () => {
    const graph = JSON.parse(JSON.stringify(await importFlowJson(surveyFlowJson()))) as object;
    await prisma.flow.update({ where: { id: survey.flowId }, data: { graph } });
    await prisma.flowSession.update({
      where: { id: survey.sessionId },
      data: { flowVersionId: null },
    });
    await prisma.flowVersion.deleteMany({ where: { flowId: survey.flowId } });
    const { submission } = await receive(fixtureCompletion('completion'));

    expect(submission.flowVersionId).toBeNull();
    expect(submission.answers).toMatchObject({
      recommend_radio: { label: 'Choose one', text: 'Yes' },
    });
  });

  it('finds the session by the replied-to message when the token is absent', async () => {
    const { submission } = await receive(fixtureCompletion('without_flow_token'));

    expect(submission).toMatchObject({ sessionId: survey.sessionId, flowToken: null });
    expect(submission.fields).toContain('recommend_radio');
  });

  it('keeps a completion that matches no session, with no Flow', async () => {
    const completion = {
      ...fixtureCompletion('completion'),
      responseJson: JSON.stringify({ flow_token: 'unknown-token', note: 'hello' }),
      contextMessageId: 'wamid.unknown',
    };
    const { submission } = await receive(completion);

    expect(submission).toMatchObject({ flowId: null, sessionId: null, status: 'no_destination' });
    expect(submission.answers).toEqual({ note: { label: 'note', value: 'hello', text: 'hello' } });
  });

  it('keeps a response_json that is not JSON, flagged, as its raw text', async () => {
    const completion = { ...fixtureCompletion('completion'), responseJson: '{"flow_token": "AQ' };
    const { submission } = await receive(completion);

    expect(submission.answers).toBeNull();
    expect(submission.rawResponse).toBe('{"flow_token": "AQ');
    expect(submission.responseError).toMatch(/not JSON/);
    // The context id still finds the session.
    expect(submission.flowId).toBe(survey.flowId);
  });

  it('lists required answers the completion left empty', async () => {
    const completion = {
      ...fixtureCompletion('completion'),
      responseJson: JSON.stringify({
        flow_token: FIXTURE_TOKEN,
        purchase_rating: '1',
        delivery_rating: '',
        recommend_radio: '0',
      }),
    };
    const { submission } = await receive(completion);

    expect(submission.missingRequired).toEqual(['delivery_rating', 'cs_rating']);
  });

  it('stores one submission and queues one delivery for 100 copies of a message', async () => {
    await prisma.destination.create({
      data: {
        id: crypto.randomUUID(),
        workspaceId,
        name: 'CRM',
        url: 'http://127.0.0.1:9/hook',
        secret: 'v1:0000000000000000:AAAA',
      },
    });
    const completion = fixtureCompletion('completion');
    const results = await Promise.all(Array.from({ length: 100 }, () => receive(completion)));

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await prisma.submission.count({ where: { workspaceId } })).toBe(1);
    const jobs = await prisma.job.findMany({ where: { queue: DELIVERY_QUEUE, workspaceId } });
    expect(jobs).toHaveLength(1);
    expect(results[0]?.submission.status).toBe('received');
  });
});
