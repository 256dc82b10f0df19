import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Prisma, PrismaClient } from '../generated/prisma/client';
import { applyMigrations } from '../migrate/apply';
import { runStatement, type TestDatabase, testDatabaseTargets } from '../testing/databases';
import { createFlowRepository, type FlowRecord, type FlowRepository } from './flows';
import { DEFAULT_WORKSPACE_NAME, ensureDefaultWorkspace } from './workspaces';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

function graphWithNodes(...kinds: string[]): Prisma.InputJsonValue {
  return {
    schemaVersion: 1,
    flow: { version: '7.3' },
    nodes: kinds.map((kind, index) => ({ kind, id: `N${index}`, position: { x: 0, y: 0 } })),
  };
}

function withoutGraph({ graph: _graph, ...rest }: FlowRecord): Omit<FlowRecord, 'graph'> {
  return rest;
}

describe.each(testDatabaseTargets())('repositories on the $name database', (target) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let flows: FlowRepository;

  beforeAll(async () => {
    database = await target.start();
    await applyMigrations(database.url);
    prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: database.url, max: 8 }),
    });
    flows = createFlowRepository(prisma);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await database.stop();
  });

  /**
   * One client per writer, as if each were a separate server process: operations issued
   * together on one client reach the database one after another and never race.
   */
  async function withSeparateClients<T>(
    count: number,
    use: (clients: PrismaClient[]) => Promise<T>,
  ): Promise<T> {
    const clients = Array.from(
      { length: count },
      () => new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 1 }) }),
    );
    try {
      return await use(clients);
    } finally {
      await Promise.all(clients.map((client) => client.$disconnect()));
    }
  }

  async function newWorkspace(name = 'Acme'): Promise<string> {
    return (await prisma.workspace.create({ data: { name } })).id;
  }

  describe('ensureDefaultWorkspace', () => {
    beforeAll(() => runStatement(database.url, 'TRUNCATE workspace CASCADE'));

    it('creates "Default workspace" once, even when asked concurrently', async () => {
      const results = await Promise.all([1, 2, 3].map(() => ensureDefaultWorkspace(prisma)));

      expect(results[0]).toEqual({
        id: expect.any(String) as unknown,
        name: DEFAULT_WORKSPACE_NAME,
      });
      expect(results).toEqual([results[0], results[0], results[0]]);
      expect(await prisma.workspace.count()).toBe(1);
    });

    it('returns the oldest workspace when there are several', async () => {
      const oldest = await ensureDefaultWorkspace(prisma);
      await prisma.workspace.update({
        where: { id: oldest.id },
        data: { name: 'Renamed', createdAt: new Date('2020-01-01T00:00:00Z') },
      });
      await newWorkspace('Younger');

      expect(await ensureDefaultWorkspace(prisma)).toEqual({ id: oldest.id, name: 'Renamed' });
    });
  });

  describe('flows', () => {
    it('creates a flow at revision 1 and reads it back', async () => {
      const workspaceId = await newWorkspace();

      const created = await flows.create(workspaceId, { name: 'Booking', graph: { nodes: [1] } });

      expect(created).toMatchObject({ name: 'Booking', revision: 1, graph: { nodes: [1] } });
      expect(await flows.get(workspaceId, created.id)).toEqual(created);
      expect(await prisma.flowVersion.count({ where: { flowId: created.id } })).toBe(0);
    });

    it('records version 1 with the flow when one is given', async () => {
      const workspaceId = await newWorkspace();

      const created = await flows.create(workspaceId, {
        name: 'Survey',
        graph: { nodes: [] },
        version: { label: 'first', flowJson: { version: '7.3' }, contentHash: 'abc' },
      });

      expect(await prisma.flowVersion.findMany({ where: { flowId: created.id } })).toEqual([
        expect.objectContaining({
          number: 1,
          label: 'first',
          graph: { nodes: [] },
          flowJson: { version: '7.3' },
          contentHash: 'abc',
        }),
      ]);
    });

    it('lists the workspace flows, most recently updated first', async () => {
      const workspaceId = await newWorkspace();
      const otherWorkspaceId = await newWorkspace('Other');
      const first = await flows.create(workspaceId, { name: 'First', graph: {} });
      const second = await flows.create(workspaceId, { name: 'Second', graph: {} });
      await flows.create(otherWorkspaceId, { name: 'Elsewhere', graph: {} });
      // Both start in the past, so the save below makes `first` the most recently updated.
      await runStatement(
        database.url,
        `UPDATE flow SET updated_at = '2020-01-01T00:00:00Z' WHERE workspace_id = '${workspaceId}'`,
      );
      await flows.saveGraph(workspaceId, first.id, {
        expectedRevision: 1,
        graph: graphWithNodes('screen', 'screen', 'condition'),
      });

      const listed = await flows.list(workspaceId);

      expect(listed).toEqual([
        {
          id: first.id,
          name: 'First',
          revision: 2,
          screenCount: 2,
          createdAt: first.createdAt,
          updatedAt: expect.any(Date) as unknown,
        },
        { ...withoutGraph(second), updatedAt: new Date('2020-01-01T00:00:00Z'), screenCount: 0 },
      ]);
      expect(await flows.list('not-a-uuid')).toEqual([]);
    });

    it('hides a flow from every other workspace', async () => {
      const owner = await newWorkspace();
      const stranger = await newWorkspace('Stranger');
      const flow = await flows.create(owner, { name: 'Private', graph: {} });

      expect(await flows.get(stranger, flow.id)).toBeNull();
      expect(await flows.rename(stranger, flow.id, 'Taken')).toBeNull();
      expect(await flows.remove(stranger, flow.id)).toBe(false);
      expect(
        await flows.saveGraph(stranger, flow.id, { expectedRevision: 1, graph: { x: 1 } }),
      ).toEqual({ status: 'not_found' });
      expect(
        await flows.addVersion(stranger, flow.id, { graph: {}, flowJson: {}, contentHash: 'h' }),
      ).toBeNull();
      expect(await flows.get(owner, flow.id)).toEqual(flow);
    });

    it('treats an unknown or malformed id as not found', async () => {
      const workspaceId = await newWorkspace();

      expect(await flows.get(workspaceId, MISSING_ID)).toBeNull();
      expect(await flows.get(workspaceId, 'not-a-uuid')).toBeNull();
      expect(await flows.rename(workspaceId, 'not-a-uuid', 'x')).toBeNull();
      expect(await flows.remove(workspaceId, MISSING_ID)).toBe(false);
      expect(
        await flows.saveGraph(workspaceId, 'nope', { expectedRevision: 1, graph: {} }),
      ).toEqual({ status: 'not_found' });
    });

    it('renames a flow without moving its revision', async () => {
      const workspaceId = await newWorkspace();
      const flow = await flows.create(workspaceId, { name: 'Old', graph: {} });

      const renamed = await flows.rename(workspaceId, flow.id, 'New');

      expect(renamed).toMatchObject({ id: flow.id, name: 'New', revision: 1 });
      expect(await flows.get(workspaceId, flow.id)).toMatchObject({ name: 'New' });
    });

    it('removes a flow and its versions', async () => {
      const workspaceId = await newWorkspace();
      const flow = await flows.create(workspaceId, {
        name: 'Doomed',
        graph: {},
        version: { flowJson: {}, contentHash: 'h' },
      });

      expect(await flows.remove(workspaceId, flow.id)).toBe(true);
      expect(await flows.remove(workspaceId, flow.id)).toBe(false);
      expect(await flows.get(workspaceId, flow.id)).toBeNull();
      expect(await prisma.flowVersion.count({ where: { flowId: flow.id } })).toBe(0);
    });
  });

  describe('saveGraph', () => {
    it('saves at the expected revision and refuses a stale one', async () => {
      const workspaceId = await newWorkspace();
      const flow = await flows.create(workspaceId, { name: 'Form', graph: { v: 1 } });

      const saved = await flows.saveGraph(workspaceId, flow.id, {
        expectedRevision: 1,
        graph: { v: 2 },
      });
      const stale = await flows.saveGraph(workspaceId, flow.id, {
        expectedRevision: 1,
        graph: { v: 'lost' },
      });

      expect(saved).toMatchObject({ status: 'saved', flow: { revision: 2, graph: { v: 2 } } });
      expect(stale).toMatchObject({
        status: 'conflict',
        current: { revision: 2, graph: { v: 2 } },
      });
    });

    it('lets exactly one of several concurrent saves from the same revision win', async () => {
      const workspaceId = await newWorkspace();
      const flow = await flows.create(workspaceId, { name: 'Race', graph: { v: 0 } });
      const results = await withSeparateClients(5, (clients) =>
        Promise.all(
          clients.map((client, index) =>
            createFlowRepository(client).saveGraph(workspaceId, flow.id, {
              expectedRevision: 1,
              graph: { editor: index },
            }),
          ),
        ),
      );

      const statuses = results.map((result) => result.status).sort();
      expect(statuses).toEqual(['conflict', 'conflict', 'conflict', 'conflict', 'saved']);
      const winner = results.find((result) => result.status === 'saved');
      const stored = await flows.get(workspaceId, flow.id);
      expect(stored).toMatchObject({ revision: 2 });
      expect(winner).toEqual({ status: 'saved', flow: stored });
    });
  });

  describe('addVersion', () => {
    it('numbers versions in order, also when added concurrently', async () => {
      const workspaceId = await newWorkspace();
      const flow = await flows.create(workspaceId, {
        name: 'Versioned',
        graph: {},
        version: { flowJson: {}, contentHash: 'v1' },
      });

      const added = await withSeparateClients(4, (clients) =>
        Promise.all(
          clients.map((client, index) =>
            createFlowRepository(client).addVersion(workspaceId, flow.id, {
              label: `draft ${index}`,
              graph: { index },
              flowJson: { index },
              contentHash: `v${index}`,
            }),
          ),
        ),
      );

      expect(added.map((version) => version?.number).sort()).toEqual([2, 3, 4, 5]);
      expect(added[0]).toMatchObject({ flowId: flow.id, label: 'draft 0', graph: { index: 0 } });
      const next = await flows.addVersion(workspaceId, flow.id, {
        graph: {},
        flowJson: {},
        contentHash: 'v6',
      });
      expect(next).toMatchObject({ number: 6, label: null });
    });

    it('returns null for a flow that does not exist', async () => {
      const workspaceId = await newWorkspace();

      expect(
        await flows.addVersion(workspaceId, MISSING_ID, {
          graph: {},
          flowJson: {},
          contentHash: 'h',
        }),
      ).toBeNull();
    });
  });
});
