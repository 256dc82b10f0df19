import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startPublishingWorld,
  type PublishingWorld,
  type TestConnection,
} from '../publishing/publishing.test-helper';
import { testContext, trpcErrorOf } from '../test-support/trpc';
import { eventually } from '../workers/eventually.test-helper';
import { publishingRouter } from './publishing-router';
import { createCallerFactory, router } from './trpc';

const createCaller = createCallerFactory(router({ publishing: publishingRouter }));

let world: PublishingWorld;
let staging: TestConnection;
let production: TestConnection;

beforeAll(async () => {
  world = await startPublishingWorld();
  [staging, production] = (await world.addConnections(['staging', 'production'])) as [
    TestConnection,
    TestConnection,
  ];
});

afterAll(async () => {
  await world.close();
});

const callerAs = (role: 'viewer' | 'editor') =>
  createCaller(
    testContext(world.testDb, world.workspaceId, {
      overrides: { role, connections: world.deps.connections },
    }),
  );

describe('publishing router', () => {
  it('publishes to two connections in the background, step by step, and keeps the history', async () => {
    const flowId = await world.importFlow('Two accounts');
    const caller = callerAs('editor');

    const started = await caller.publishing.publish({
      flowId,
      connectionIds: [staging.connectionId, production.connectionId],
      categories: ['LEAD_GENERATION'],
    });

    expect(started.runs.map((r) => r.connectionName)).toEqual(['staging', 'production']);
    for (const { runId } of started.runs) {
      const run = await eventually(async () => {
        const found = await caller.publishing.run({ runId });

        return found.status === 'running' ? undefined : found;
      });
      expect(run.status).toBe('published');
      expect(run.steps.map((s) => [s.name, s.status])).toEqual([
        ['validate', 'done'],
        ['create', 'done'],
        ['upload', 'done'],
        ['validation_errors', 'done'],
        ['endpoint', 'skipped'],
        ['publish', 'done'],
      ]);
      expect(JSON.parse(run.flowJsonText)).toMatchObject({ version: '6.1' });
    }
    const statuses = await caller.publishing.status({ flowId });
    expect(statuses.map((s) => [s.connectionName, s.status, s.categories])).toEqual([
      ['staging', 'PUBLISHED', ['LEAD_GENERATION']],
      ['production', 'PUBLISHED', ['LEAD_GENERATION']],
    ]);
    const history = await caller.publishing.history({ flowId });
    expect(history).toHaveLength(2);
    const badges = await caller.publishing.badges();
    expect(badges.filter((b) => b.flowId === flowId)).toHaveLength(2);
  });

  it('lets viewers read but not publish', async () => {
    const flowId = await world.importFlow('Viewer');
    const viewer = callerAs('viewer');

    const error = await trpcErrorOf(
      viewer.publishing.publish({ flowId, connectionIds: [staging.connectionId] }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(await viewer.publishing.status({ flowId })).toEqual([]);
  });

  it("answers Meta's refusal of a deprecate with its code", async () => {
    const flowId = await world.importFlow('Never published');
    const caller = callerAs('editor');
    const { runs } = await caller.publishing.publish({
      flowId,
      connectionIds: [staging.connectionId],
      dryRun: true,
    });
    await eventually(async () => {
      const run = await caller.publishing.run({ runId: runs[0]?.runId ?? '' });

      return run.status === 'running' ? undefined : run;
    });

    const error = await trpcErrorOf(
      caller.publishing.deprecate({ flowId, connectionId: staging.connectionId }),
    );
    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toMatch(/publish it first/);
  });
});
