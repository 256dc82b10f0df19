import { createFlowRepository } from '@sanjay-flow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { publishHistory } from './history';
import { deleteDraft, deprecatePublication, previewLink, refreshStatus } from './lifecycle';
import { publishFlow } from './publish-flow';
import {
  metaFlowsOf,
  startPublishingWorld,
  twoScreenFlowJson,
  type PublishingWorld,
  type TestConnection,
} from './publishing.test-helper';
import { publicationStatuses } from './status';

let world: PublishingWorld;
let connection: TestConnection;

beforeAll(async () => {
  world = await startPublishingWorld();
  [connection] = (await world.addConnections(['staging'])) as [TestConnection];
});

afterAll(async () => {
  await world.close();
});

const publish = (flowId: string, changes: { dryRun?: boolean } = {}) =>
  publishFlow(world.deps, world.workspaceId, {
    flowId,
    connectionIds: [connection.connectionId],
    categories: ['SURVEY'],
    ...changes,
  });

async function stepsOf(flowId: string) {
  const [latest] = await publishHistory(world.deps.prisma, world.workspaceId, flowId);

  return Object.fromEntries((latest?.steps ?? []).map((s) => [s.name, s]));
}

describe('publishing a Flow to Meta (against the stand-in)', () => {
  it('creates, uploads and publishes; a second publish of the same content uploads nothing', async () => {
    const flowId = await world.importFlow('Survey');

    const [first] = await publish(flowId);
    expect(first).toMatchObject({ status: 'published', uploaded: true });
    const [second] = await publish(flowId);
    expect(second).toMatchObject({ status: 'unchanged', uploaded: false });
    expect(second?.message).toMatch(/Nothing to do/);

    const steps = await stepsOf(flowId);
    expect(steps.upload?.status).toBe('skipped');
    expect(steps.publish?.status).toBe('skipped');
    const atMeta = await metaFlowsOf(world.sim, connection.wabaId, connection.token);
    const surveys = atMeta.filter((flow) => flow.name === 'Survey');
    expect(surveys.map(({ id, status }) => ({ id, status }))).toEqual([
      { id: first?.metaFlowId, status: 'PUBLISHED' },
    ]);
  });

  it('makes one Flow when the create times out and is retried', async () => {
    const flowId = await world.importFlow('Slow create');
    // The stand-in creates the Flow, then answers after the client has given up.
    world.sim.control.addFault({ route: 'flows.create', kind: 'delay', delayMs: 1_500 });

    const [outcome] = await publish(flowId);

    expect(outcome).toMatchObject({ status: 'published' });
    const atMeta = await metaFlowsOf(world.sim, connection.wabaId, connection.token);
    expect(atMeta.filter((flow) => flow.name === 'Slow create')).toHaveLength(1);
    const steps = await stepsOf(flowId);
    expect(steps.create?.detail).toMatch(/found by name/);
    expect(steps.create?.attempts).toBe(2);
  });

  it('retries a rate-limited upload with back-off and publishes', async () => {
    const flowId = await world.importFlow('Throttled upload');
    world.sim.control.addFault({ route: 'assets.upload', kind: 'rate_limit', count: 1 });
    world.sim.control.addFault({
      route: 'assets.upload',
      kind: 'rate_limit',
      count: 1,
      scope: 'business',
    });

    const [outcome] = await publish(flowId);

    expect(outcome).toMatchObject({ status: 'published', uploaded: true });
    expect((await stepsOf(flowId)).upload?.attempts).toBe(3);
  });

  it('does not retry a 4xx that is not a rate limit', async () => {
    const flowId = await world.importFlow('Refused');
    // A Flow of the same name already exists on the WABA: Meta refuses with code 100.
    await fetch(`${world.sim.url}/v23.0/${connection.wabaId}/flows`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${connection.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'Refused', categories: ['OTHER'] }),
    });
    world.sim.control.addFault({ route: 'flows.create', kind: 'rate_limit', count: 1 });

    const [outcome] = await publish(flowId);

    expect(outcome?.status).toBe('refused');
    expect(outcome?.message).toMatch(/code 100/);
    expect((await stepsOf(flowId)).create).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('refuses a Flow with local validation errors before calling Meta', async () => {
    const flowId = await world.importFlow('Broken');
    const flows = createFlowRepository(world.deps.prisma);
    const flow = await flows.get(world.workspaceId, flowId);
    const graph = structuredClone(flow?.graph) as { nodes: { screen: { terminal?: boolean } }[] };
    delete graph.nodes[1]?.screen.terminal;
    await world.deps.prisma.flow.update({ where: { id: flowId }, data: { graph } });

    const [outcome] = await publish(flowId);

    expect(outcome?.status).toBe('refused');
    expect(outcome?.problems.length).toBeGreaterThan(0);
    expect((await stepsOf(flowId)).create?.status).toBe('skipped');
    const atMeta = await metaFlowsOf(world.sim, connection.wabaId, connection.token);
    expect(atMeta.map((f) => f.name)).not.toContain('Broken');
  });

  it('a dry run says what it would do and changes nothing', async () => {
    const flowId = await world.importFlow('Dry');

    const [outcome] = await publish(flowId, { dryRun: true });

    expect(outcome).toMatchObject({ status: 'dry_run', uploaded: true });
    expect(outcome?.message).toBe('Would create, upload and publish');
    const atMeta = await metaFlowsOf(world.sim, connection.wabaId, connection.token);
    expect(atMeta.map((f) => f.name)).not.toContain('Dry');
  });

  it('deprecates a published Flow, deletes a draft and gives a preview link', async () => {
    const flowId = await world.importFlow('Lifecycle');
    await publish(flowId);
    const ref = { flowId, connectionId: connection.connectionId };

    const preview = await previewLink(world.deps, world.workspaceId, ref);
    expect(preview.previewUrl).toContain(world.sim.url);
    expect(preview.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    await expect(deleteDraft(world.deps, world.workspaceId, ref)).rejects.toThrow(/139004/);
    expect(await deprecatePublication(world.deps, world.workspaceId, ref)).toMatchObject({
      status: 'DEPRECATED',
    });
    const [status] = await publicationStatuses(world.deps.prisma, world.workspaceId, flowId);
    expect(status).toMatchObject({ status: 'DEPRECATED', previewUrl: preview.previewUrl });

    const draftId = await world.importFlow('Draft only', twoScreenFlowJson('Draft'));
    world.sim.control.addFault({ route: 'flow.publish', kind: 'server_error', count: 5 });
    const [failed] = await publish(draftId);
    expect(failed?.status).toBe('failed');
    const draftRef = { flowId: draftId, connectionId: connection.connectionId };
    const deleted = await deleteDraft(world.deps, world.workspaceId, draftRef);
    const atMeta = await metaFlowsOf(world.sim, connection.wabaId, connection.token);
    expect(atMeta.map((f) => f.id)).not.toContain(deleted.metaFlowId);
  });

  it('creates a Flow again when Meta no longer has the one it was linked to', async () => {
    const flowId = await world.importFlow('Deleted at Meta', twoScreenFlowJson('Gone'));
    world.sim.control.addFault({ route: 'flow.publish', kind: 'server_error', count: 5 });
    expect((await publish(flowId))[0]?.status).toBe('failed'); // a draft at Meta
    const [linked] = await publicationStatuses(world.deps.prisma, world.workspaceId, flowId);
    const deleteAtMeta = (id: string) =>
      fetch(`${world.sim.url}/v23.0/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${connection.token}` },
      });
    expect((await deleteAtMeta(linked?.metaFlowId ?? '')).status).toBe(200);

    const [again] = await publish(flowId);

    expect(again?.status).toBe('published');
    const [relinked] = await publicationStatuses(world.deps.prisma, world.workspaceId, flowId);
    expect(relinked?.metaFlowId).not.toBe(linked?.metaFlowId);
    expect(relinked?.status).toBe('PUBLISHED');
    const [latest] = await publishHistory(world.deps.prisma, world.workspaceId, flowId);
    const create = latest?.steps.find((step) => step.name === 'create');
    expect(create?.detail).toContain(`Meta no longer had ${linked?.metaFlowId}`);

    const draftId = await world.importFlow('Deleted draft', twoScreenFlowJson('Draft gone'));
    world.sim.control.addFault({ route: 'flow.publish', kind: 'server_error', count: 5 });
    await publish(draftId);
    const draftRef = { flowId: draftId, connectionId: connection.connectionId };
    const [draft] = await publicationStatuses(world.deps.prisma, world.workspaceId, draftId);
    await deleteAtMeta(draft?.metaFlowId ?? '');
    expect(await refreshStatus(world.deps, world.workspaceId, draftRef)).toEqual({
      status: 'DELETED',
    });
  });

  it('stands back while an earlier publish of the Flow to the connection is still running', async () => {
    const flowId = await world.importFlow('Busy');
    const earlier = await world.deps.prisma.publishRun.create({
      data: {
        workspaceId: world.workspaceId,
        flowId,
        connectionId: connection.connectionId,
        contentHash: 'earlier',
        flowJsonText: '{}',
      },
    });

    const [refused] = await publish(flowId);
    expect(refused?.status).toBe('refused');
    expect(refused?.message).toMatch(/Another publish of this Flow/);

    // A run left `running` by a stopped process no longer holds the next one back.
    await world.deps.prisma.publishRun.update({
      where: { id: earlier.id },
      data: { createdAt: new Date(Date.now() - 11 * 60 * 1000) },
    });
    const [published] = await publish(flowId);
    expect(published?.status).toBe('published');
  });
});
