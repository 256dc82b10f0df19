import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createKeyPairs } from '../connections/key-pairs';
import { uploadPublicKey } from '../connections/upload-public-key';
import { publishHistory } from './history';
import { publishFlow } from './publish-flow';
import {
  endpointFlowJson,
  startPublishingWorld,
  type PublishingWorld,
  type TestConnection,
} from './publishing.test-helper';
import { publicationStatuses } from './status';

let world: PublishingWorld;
let connection: TestConnection;

beforeAll(async () => {
  world = await startPublishingWorld();
  [connection] = (await world.addConnections(['endpoint'])) as [TestConnection];
});

afterAll(async () => {
  await world.close();
});

describe('publishing a Flow that calls its data endpoint', () => {
  it('refuses without an endpoint URI, then without a registered key, then publishes', async () => {
    const flowId = await world.importFlow('Booking', endpointFlowJson());
    const input = { flowId, connectionIds: [connection.connectionId] };

    const [noUri] = await publishFlow(world.deps, world.workspaceId, input);
    expect(noUri).toMatchObject({ status: 'refused' });
    expect(noUri?.message).toMatch(/no endpoint URI/);
    const [off] = await publishFlow(world.deps, world.workspaceId, { ...input, endpoint: false });
    expect(off?.message).toMatch(/publish it with the endpoint on/);

    const endpointUri = `${world.url}/endpoint/${flowId}`;
    const [noKey] = await publishFlow(world.deps, world.workspaceId, { ...input, endpointUri });
    expect(noKey).toMatchObject({ status: 'refused' });
    expect(noKey?.message).toMatch(/public key is not registered/);
    const [refused] = await publishHistory(world.deps.prisma, world.workspaceId, flowId, 1);
    expect(refused?.steps.find((s) => s.name === 'endpoint')?.status).toBe('failed');

    const { prisma, connections } = world.deps;
    const keyPairs = createKeyPairs({ prisma, secrets: world.secrets, graceHours: 1 });
    const record = await connections.record(world.workspaceId, connection.connectionId);
    await keyPairs.generate(record);
    await uploadPublicKey({ connections, keyPairs }, record);

    // Meta pings the product's real endpoint, encrypted with the uploaded key, before publishing.
    const [published] = await publishFlow(world.deps, world.workspaceId, { ...input, endpointUri });
    expect(published).toMatchObject({ status: 'published', uploaded: false });
    const [status] = await publicationStatuses(prisma, world.workspaceId, flowId);
    expect(status).toMatchObject({ status: 'PUBLISHED', endpointUri });
  });
});
