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

    world.sim.control.setFlowStatus(metaFlowId, 'THROTTLED');
    await world.sim.control.flowAlert(metaFlowId, 'ENDPOINT_ERROR_RATE', 'ACTIVATED');
    await world.sim.control.flowAlert(metaFlowId, 'ENDPOINT_LATENCY', 'ACTIVATED');
    await world.sim.control.flowAlert(metaFlowId, 'ENDPOINT_LATENCY', 'DEACTIVATED');

    await world.sim.control.webhooksIdle();
    const deliveries = world.sim.control.webhooks(connection.wabaId);
    expect(deliveries.filter((d) => !d.delivered).map((d) => [d.status, d.error])).toEqual([]);
    // Every webhook handed over: the status change and all three alerts.
    const throttled = await eventually(async () => {
      const alerts = await world.deps.prisma.flowAlert.count({ where: { flowId } });
      const status = await statusNow();

      return status?.status === 'THROTTLED' && alerts === 3 ? status : undefined;
    });
    expect(throttled.alerts.map((alert) => alert.kind)).toEqual(['ENDPOINT_ERROR_RATE']);

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
