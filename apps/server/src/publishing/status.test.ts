import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually } from '../workers/eventually.test-helper';
import { refreshStatus } from './lifecycle';
import { publishFlow } from './publish-flow';
import {
  startPublishingWorld,
  type PublishingWorld,
  type TestConnection,
} from './publishing.test-helper';
import { publicationStatuses } from './status';

let world: PublishingWorld;
let connection: TestConnection;

beforeAll(async () => {
  world = await startPublishingWorld();
  [connection] = (await world.addConnections(['health'])) as [TestConnection];
});

afterAll(async () => {
  await world.close();
});

/** Every webhook sent so far has been delivered and handled by the product's worker. */
async function handled(): Promise<void> {
  await world.sim.control.webhooksIdle();
  const undelivered = world.sim.control.webhooks().filter((d) => !d.delivered);
  expect(undelivered.map((d) => [d.status, d.error])).toEqual([]);
  await eventually(async () => {
    const pending = await world.deps.prisma.job.count({
      where: { queue: 'inbox', status: { in: ['pending', 'running'] } },
    });

    return pending === 0;
  });
}

describe('status and health of a published Flow', () => {
  it("follows Meta's status webhooks and shows active endpoint alerts", async () => {
    const flowId = await world.importFlow('Watched');
    const [published] = await publishFlow(world.deps, world.workspaceId, {
      flowId,
      connectionIds: [connection.connectionId],
    });
    const metaFlowId = published?.metaFlowId ?? '';
    const statusNow = async () =>
      (await publicationStatuses(world.deps.prisma, world.workspaceId, flowId))[0];

    // Webhooks are handled by a worker: each move waits until the previous one is handled, so
    // that the order the product sees is the order they were sent.
    await handled();
    world.sim.control.setFlowStatus(metaFlowId, 'THROTTLED');
    await handled();
    await world.sim.control.flowAlert(metaFlowId, 'ENDPOINT_ERROR_RATE', 'ACTIVATED');
    await handled();
    await world.sim.control.flowAlert(metaFlowId, 'ENDPOINT_LATENCY', 'ACTIVATED');
    await handled();
    await world.sim.control.flowAlert(metaFlowId, 'ENDPOINT_LATENCY', 'DEACTIVATED');
    await handled();

    const throttled = await statusNow();
    expect(throttled?.status).toBe('THROTTLED');
    expect(throttled?.alerts.map((alert) => alert.kind)).toEqual(['ENDPOINT_ERROR_RATE']);

    // A status webhook the product missed is caught up by reading Meta's status.
    await world.deps.prisma.flowPublication.updateMany({
      where: { flowId },
      data: { status: 'UNKNOWN' },
    });
    const ref = { flowId, connectionId: connection.connectionId };
    expect(await refreshStatus(world.deps, world.workspaceId, ref)).toEqual({
      status: 'THROTTLED',
    });
  });
});
