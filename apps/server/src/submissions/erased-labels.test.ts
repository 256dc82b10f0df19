import { createFlowRepository } from '@sanjay-flow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importFlow } from '../flows/import-flow';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { listSubmissions } from './view-submissions';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
});

afterAll(() => testDb.dispose());

/** A Flow its endpoint ends: the answers come from the endpoint's params, not a `complete`. */
const ENDPOINT_ENDED_FLOW = JSON.stringify({
  version: '7.1',
  data_api_version: '3.0',
  routing_model: { ASK: [] },
  screens: [
    {
      id: 'ASK',
      title: 'Your details',
      terminal: true,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextInput', name: 'name', label: 'Your name', required: true },
          {
            type: 'Footer',
            label: 'Send',
            'on-click-action': { name: 'data_exchange', payload: { name: '${form.name}' } },
          },
        ],
      },
    },
  ],
});

describe('responses of a Flow its endpoint ends', () => {
  it('label the answers by their inputs once delivery has erased them', async () => {
    const { prisma } = testDb.db;
    const workspaceId = await testDb.createWorkspace();
    const { id: flowId } = await importFlow(createFlowRepository(prisma), workspaceId, {
      fileName: 'details.json',
      text: ENDPOINT_ENDED_FLOW,
    });
    await prisma.submission.create({
      data: {
        workspaceId,
        flowId,
        messageId: 'wamid.erased-labels',
        fields: ['name', 'booking_id'],
        answers: undefined,
        status: 'delivered',
        receivedAt: new Date(),
        deliveredAt: new Date(),
        answersDeletedAt: new Date(),
      },
    });

    const { columns, rows } = await listSubmissions(prisma, workspaceId, { flowId, limit: 10 });

    expect(columns).toEqual([
      { key: 'name', label: 'Your name' },
      { key: 'booking_id', label: 'booking_id' },
    ]);
    expect(rows[0]?.answersDeletedAt).not.toBeNull();
  });
});
