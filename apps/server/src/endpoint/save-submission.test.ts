import { randomBytes } from 'node:crypto';

import { createJobRepository, type PrismaClient } from '@sanjay-flow/db';
import type { GraphDocument } from '@sanjay-flow/graph';
import { openReply, sealRequest } from '@sanjay-flow/meta-sim';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type BusinessServer, startBusinessServer } from '../delivery/business-server.test-helper';
import { createDestinations } from '../delivery/manage-destinations';
import { verifyBody } from '../delivery/payload';
import { DELIVERY_QUEUE } from '../delivery/queue';
import { startDeliveryWorker } from '../delivery/start-delivery-worker';
import { findSubjectRecords } from '../privacy/subject-records';
import { createSecretBox } from '../secrets/secret-box';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { eventually } from '../workers/eventually.test-helper';
import type { JobWorker } from '../workers/job-worker';
import { createHttpPort } from './http-port';
import { graphOf, postRaw, seedWorkspace, startProduct } from './endpoint.test-helper';

const secrets = createSecretBox(randomBytes(32));
const log = pino({ level: 'silent' });
const http = createHttpPort({ allowedHosts: ['127.0.0.1'] });
const CUSTOMER = '15550001111';

/** A screen that asks for a time, and a save step that keeps it when the screen is submitted. */
function savingGraph(): GraphDocument {
  const graph = graphOf(
    [{ id: 'PICK' }, { id: 'THANKS', terminal: true }],
    { PICK: ['THANKS'], THANKS: [] },
    {
      nodes: [
        { id: 'opened', type: 'trigger.flow_opened' },
        { id: 'show_pick', type: 'go_to_screen', screen: 'PICK', data: {} },
        { id: 'picked', type: 'trigger.screen_submitted', screen: 'PICK' },
        {
          id: 'save',
          type: 'save_submission',
          answers: { slot: 'payload.slot', note: "concat('Picked ', payload.slot)" },
        },
        { id: 'thanks', type: 'go_to_screen', screen: 'THANKS', data: {} },
      ],
      edges: [
        { from: 'opened', to: 'show_pick' },
        { from: 'picked', to: 'save' },
        { from: 'save', to: 'thanks' },
      ],
    },
  );
  const pick = graph.nodes.find((node) => node.kind === 'screen' && node.id === 'PICK');
  if (pick?.kind !== 'screen') {
    throw new Error('no PICK screen');
  }
  pick.screen.layout = {
    type: 'SingleColumnLayout',
    children: [
      {
        type: 'RadioButtonsGroup',
        name: 'slot',
        label: 'Time',
        required: true,
        'data-source': [
          { id: '0900', title: '09:00' },
          { id: '1000', title: '10:00' },
        ],
      },
      {
        type: 'Footer',
        label: 'Book',
        'on-click-action': { name: 'data_exchange', payload: { slot: '${form.slot}' } },
      },
    ],
  };

  return graph;
}

describe('data endpoint: a save step stores a submission', () => {
  let testDb: TestDatabase;
  let prisma: PrismaClient;
  let first: Awaited<ReturnType<typeof startProduct>>;
  let second: Awaited<ReturnType<typeof startProduct>>;
  let business: BusinessServer;
  let worker: JobWorker;

  beforeAll(async () => {
    testDb = await openTestDatabase();
    prisma = testDb.db.prisma;
    // Two app instances on one database stand for two server processes.
    first = await startProduct(testDb, secrets);
    second = await startProduct(testDb, secrets);
    business = await startBusinessServer();
    worker = startDeliveryWorker({
      prisma,
      jobs: createJobRepository(prisma),
      secrets,
      http,
      log,
      pollMs: 20,
      backoff: () => 10,
    });
  });

  afterAll(async () => {
    await worker.stop();
    await first.close();
    await second.close();
    await business.close();
    await testDb.dispose();
  });

  async function openedFlow() {
    const workspace = await seedWorkspace(testDb, secrets, savingGraph());
    const { secret } = await createDestinations({
      prisma,
      secrets,
      http,
      allowedHosts: ['127.0.0.1'],
      timeoutMs: 5000,
    }).create(workspace.workspaceId, {
      flowId: workspace.flowId,
      name: 'CRM',
      url: business.url,
      enabled: true,
    });
    const flowToken = await workspace.openSession();
    // As a Flow sent to a customer: the session names them.
    await prisma.flowSession.update({ where: { flowToken }, data: { recipientWaId: CUSTOMER } });
    const init = await workspace
      .phone(first.url)
      .send({ version: '3.0', action: 'INIT', flow_token: flowToken, screen: '', data: {} });
    expect(init).toMatchObject({ status: 200, reply: { screen: 'PICK' } });

    return { workspace, secret, flowToken };
  }

  /** The customer picks a time on the PICK screen of `url`'s endpoint. */
  const pick = (
    workspace: Awaited<ReturnType<typeof openedFlow>>['workspace'],
    url: string,
    flowToken: string,
    slot: string,
  ) =>
    workspace.phone(url).send({
      version: '3.0',
      action: 'data_exchange',
      flow_token: flowToken,
      screen: 'PICK',
      data: { slot },
    });

  it('stores the answers before the phone gets its reply, then delivers them', async () => {
    const { workspace, secret, flowToken } = await openedFlow();

    const submitted = await pick(workspace, first.url, flowToken, '0900');

    expect(submitted).toMatchObject({ status: 200, reply: { screen: 'THANKS' } });
    const [stored, ...others] = await prisma.submission.findMany({
      where: { flowId: workspace.flowId },
    });
    expect(others).toEqual([]);
    expect(stored).toMatchObject({
      source: 'endpoint',
      workspaceId: workspace.workspaceId,
      connectionId: workspace.connectionId,
      flowToken,
      customerWaId: CUSTOMER,
      answers: {
        slot: { label: 'Time', value: '0900', text: '09:00' },
        note: { label: 'note', value: 'Picked 0900', text: 'Picked 0900' },
      },
      fields: ['slot', 'note'],
      missingRequired: [],
      status: 'received',
    });
    const session = await prisma.flowSession.findUniqueOrThrow({ where: { flowToken } });
    expect(stored?.sessionId).toBe(session.id);
    expect(session.status).toBe('open');

    const delivered = await eventually(async () => {
      const row = await prisma.submission.findUniqueOrThrow({ where: { id: stored?.id } });

      return row.status === 'delivered' && row;
    });
    expect(delivered).toMatchObject({ answers: null, fields: ['slot', 'note'] });
    const request = business.received.find(
      (received) => received.headers['x-sflow-delivery'] === stored?.id,
    );
    const signature = String(request?.headers['x-sflow-signature']);
    expect(verifyBody(secret, request?.body ?? '', signature)).toBe(true);
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      submission_id: stored?.id,
      source: 'endpoint',
      session_id: session.id,
      customer: { wa_id: CUSTOMER },
      answers: [
        { field: 'slot', label: 'Time', value: '0900', text: '09:00' },
        { field: 'note', label: 'note', value: 'Picked 0900', text: 'Picked 0900' },
      ],
    });
  });

  it('wakes the delivery worker as soon as the call has stored its submission', async () => {
    const wakes: string[] = [];
    const workers = {
      start: (options: { queue: string }) => ({
        wake: () => {
          wakes.push(options.queue);
        },
        stop: () => Promise.resolve(),
      }),
      stop: () => Promise.resolve(),
    };
    const awake = await startProduct(testDb, secrets, 3000, workers);
    try {
      const { workspace, flowToken } = await openedFlow();
      expect(wakes).not.toContain(DELIVERY_QUEUE);

      const submitted = await pick(workspace, awake.url, flowToken, '1000');

      expect(submitted).toMatchObject({ status: 200, reply: { screen: 'THANKS' } });
      expect(wakes).toContain(DELIVERY_QUEUE);
    } finally {
      await awake.close();
    }
  });

  it('stores nothing for a test session (a builder preview): it is not a customer', async () => {
    const { workspace, flowToken } = await openedFlow();
    await prisma.flow.update({ where: { id: workspace.flowId }, data: { endpointTestMode: true } });
    await prisma.flowSession.update({ where: { flowToken }, data: { testMode: true } });

    const submitted = await pick(workspace, first.url, flowToken, '0900');

    expect(submitted).toMatchObject({ status: 200, reply: { screen: 'THANKS' } });
    expect(await prisma.submission.count({ where: { flowId: workspace.flowId } })).toBe(0);
  });

  it('stores nothing more for a replay, on this process or another', async () => {
    const { workspace, flowToken } = await openedFlow();
    const sealed = sealRequest(
      {
        version: '3.0',
        action: 'data_exchange',
        flow_token: flowToken,
        screen: 'PICK',
        data: { slot: '1000' },
      },
      workspace.publicKeyPem,
    );
    const path = `/endpoint/${workspace.flowId}`;

    const answered = await postRaw(`${first.url}${path}`, sealed.body);
    const again = await postRaw(`${first.url}${path}`, sealed.body);
    const elsewhere = await postRaw(`${second.url}${path}`, sealed.body);

    expect(openReply(answered.text, sealed.aesKey, sealed.iv)).toMatchObject({ screen: 'THANKS' });
    expect([again, elsewhere]).toEqual([answered, answered]);
    const calls = await workspace.caller.endpoint.calls.list({
      flowId: workspace.flowId,
      limit: 5,
    });
    expect(calls.map((call) => call.errorCode)).toEqual(['REPLAYED', 'REPLAYED', null, null]);
    const stored = await prisma.submission.findMany({ where: { flowId: workspace.flowId } });
    expect(stored).toHaveLength(1);
    const jobs = await prisma.job.count({ where: { key: { startsWith: stored[0]?.id } } });
    expect(jobs).toBe(1);
  });

  it('lists the submission as saved at the endpoint, and finds it by the phone number', async () => {
    const { workspace, flowToken } = await openedFlow();
    await pick(workspace, first.url, flowToken, '1000');

    const { rows } = await workspace.caller.submissions.list({ flowId: workspace.flowId });
    const subject = await findSubjectRecords(prisma, workspace.workspaceId, CUSTOMER);

    expect(rows).toMatchObject([{ source: 'endpoint', customerWaId: CUSTOMER }]);
    expect(subject.submissionIds).toEqual([rows[0]?.id]);
  });
});
