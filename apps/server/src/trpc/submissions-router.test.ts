import { randomBytes } from 'node:crypto';

import { createJobRepository } from '@sanjay-flow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDestinations } from '../delivery/manage-destinations';
import { createHttpPort } from '../endpoint/http-port';
import { createLogger } from '../logger';
import { createSecretBox } from '../secrets/secret-box';
import { fixtureCompletion, seedSurvey } from '../submissions/completion.test-helper';
import { receiveCompletion } from '../submissions/receive-completion';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { testContext } from '../test-support/trpc';
import { alertsRouter } from './alerts-router';
import { destinationsRouter } from './destinations-router';
import { submissionsRouter } from './submissions-router';
import { createCallerFactory, router } from './trpc';

const createCaller = createCallerFactory(
  router({
    submissions: submissionsRouter,
    destinations: destinationsRouter,
    alerts: alertsRouter,
  }),
);
const secrets = createSecretBox(randomBytes(32));
const log = createLogger('silent');
const TOKEN = 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
});

afterAll(() => testDb.dispose());

async function seededWorkspace() {
  const workspaceId = await testDb.createWorkspace();
  const prisma = testDb.db.prisma;
  await prisma.flowSession.deleteMany({ where: { flowToken: TOKEN } });
  const survey = await seedSurvey(prisma, workspaceId, {
    flowToken: TOKEN,
    messageId: 'wamid.gvwegfretge==',
  });
  const receive = (messageId: string, responseJson: string) =>
    receiveCompletion(
      { prisma, jobs: createJobRepository(prisma) },
      { ...fixtureCompletion('completion'), messageId, responseJson },
      { workspaceId, connectionId: null, log },
    );
  const destinations = createDestinations({
    prisma,
    secrets,
    http: createHttpPort({ allowedHosts: [] }),
    allowedHosts: [],
    timeoutMs: 1000,
  });
  const caller = createCaller(
    testContext(testDb, workspaceId, { secrets, overrides: { destinations } }),
  );

  return { caller, survey, receive, workspaceId };
}

describe('submissions router', () => {
  it('lists responses with one readable column per field and filters by text', async () => {
    const { caller, survey, receive } = await seededWorkspace();
    await receive('wamid.a', fixtureCompletion('completion').responseJson);
    await receive(
      'wamid.b',
      JSON.stringify({ flow_token: TOKEN, cs_rating: '4', comment_text: 'late' }),
    );
    const { columns, rows } = await caller.submissions.list({ flowId: survey.flowId });

    expect(columns.map((column) => column.label)).toEqual([
      'Purchase experience',
      'Delivery and setup',
      'Customer service',
      'Choose one',
      'Leave a comment',
    ]);
    expect(rows).toHaveLength(2);
    const late = await caller.submissions.list({ flowId: survey.flowId, text: 'LATE' });
    expect(late.rows.map((row) => row.answers.cs_rating)).toEqual(['★☆☆☆☆ • Very Poor (1/5)']);
    expect(late.rows[0]?.missingRequired).toEqual([
      'purchase_rating',
      'delivery_rating',
      'recommend_radio',
    ]);
  });

  it('exports CSV with labels as headers and formulas made inert', async () => {
    const { caller, survey, receive } = await seededWorkspace();
    await receive(
      'wamid.csv',
      JSON.stringify({
        flow_token: TOKEN,
        comment_text: '=HYPERLINK("http://x","y")',
        cs_rating: '0',
      }),
    );
    const { csv, rows } = await caller.submissions.exportCsv({ flowId: survey.flowId });
    const [header, line] = csv.split('\r\n');

    expect(rows).toBe(1);
    expect(header).toBe(
      'received_at,status,source,customer,Purchase experience,Delivery and setup,Customer service,Choose one,Leave a comment',
    );
    expect(line).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(line).toContain('★★★★★ • Excellent (5/5)');
  });

  it('deletes responses of its own workspace only', async () => {
    const mine = await seededWorkspace();
    const { submission } = await mine.receive('wamid.del', '{}');
    const other = await seededWorkspace();

    await expect(other.caller.submissions.delete({ ids: [submission.id] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await mine.caller.submissions.delete({ ids: [submission.id] })).toEqual({ deleted: 1 });
  });
});

describe('destinations router', () => {
  it('shows the secret once and refuses a private URL with the reason', async () => {
    const { caller } = await seededWorkspace();
    const created = await caller.destinations.create({
      flowId: null,
      name: 'CRM',
      url: 'https://crm.example.com/hooks',
    });

    expect(created.secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await caller.destinations.list())).not.toContain(created.secret);
    await expect(
      caller.destinations.create({ flowId: null, name: 'Local', url: 'http://127.0.0.1:3601/x' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('refused') as string,
    });
  });
});

describe('alerts router', () => {
  it('lists unread alerts and marks them read', async () => {
    const { caller, workspaceId } = await seededWorkspace();
    await testDb.db.prisma.flowAlert.create({
      data: { workspaceId, kind: 'ENDPOINT_LATENCY', message: 'slow' },
    });

    expect(await caller.alerts.list({ unreadOnly: true })).toHaveLength(1);
    expect(await caller.alerts.markRead({})).toEqual({ marked: 1 });
    expect(await caller.alerts.list({ unreadOnly: true })).toEqual([]);
  });
});
