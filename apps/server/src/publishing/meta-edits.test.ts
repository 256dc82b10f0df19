import { createFlowRepository } from '@sanjay-flow/db';
import { upgradeGraphDocument } from '@sanjay-flow/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { asJson } from '../flows/json';
import { publishFlow } from './publish-flow';
import {
  metaFlowsOf,
  startPublishingWorld,
  twoScreenFlowJson,
  type PublishingWorld,
  type TestConnection,
} from './publishing.test-helper';
import { importMetaFlows, listMetaFlows } from './pull';
import { publicationStatuses } from './status';

let world: PublishingWorld;
let legacy: TestConnection;
let editable: TestConnection;
let existing: TestConnection;
let errors: TestConnection;

beforeAll(async () => {
  world = await startPublishingWorld();
  [legacy, editable, existing, errors] = (await world.addConnections([
    'legacy',
    'editable',
    'existing',
    'errors',
  ])) as [TestConnection, TestConnection, TestConnection, TestConnection];
});

afterAll(async () => {
  await world.close();
});

async function editHeading(flowId: string, text: string): Promise<void> {
  const flow = await createFlowRepository(world.deps.prisma).get(world.workspaceId, flowId);
  const graph = upgradeGraphDocument(flow?.graph);
  const screen = graph.nodes[0]?.screen as { layout: { children: { text?: string }[] } };
  const heading = screen.layout.children[0];
  if (heading !== undefined) {
    heading.text = text;
  }
  await world.deps.prisma.flow.update({ where: { id: flowId }, data: { graph: asJson(graph) } });
}

describe('Meta validation errors, edits of published Flows and pull', () => {
  it('clones a published Flow Meta will not let be edited, and moves queued sends to the clone', async () => {
    const { connectionId, wabaId, token } = legacy;
    const flowId = await world.importFlow('Legacy', twoScreenFlowJson('Legacy'));
    const input = { flowId, connectionIds: [connectionId] };
    const [first] = await publishFlow(world.deps, world.workspaceId, input);
    const oldId = first?.metaFlowId ?? '';
    world.sim.control.setFlowEditable(oldId, false);
    const queued = await world.deps.prisma.outboundMessage.create({
      data: {
        workspaceId: world.workspaceId,
        connectionId,
        kind: 'flow',
        idempotencyKey: `legacy-${oldId}`,
        body: { type: 'interactive', interactive: { action: { parameters: { flow_id: oldId } } } },
      },
    });

    await editHeading(flowId, 'Edited');
    const [second] = await publishFlow(world.deps, world.workspaceId, input);

    expect(second).toMatchObject({ status: 'published', uploaded: true });
    const newId = second?.metaFlowId ?? '';
    expect(newId).not.toBe(oldId);
    const [status] = await publicationStatuses(world.deps.prisma, world.workspaceId, flowId);
    expect(status).toMatchObject({
      metaFlowId: newId,
      metaFlowName: 'Legacy (2)',
      clonedFromMetaFlowId: oldId,
      status: 'PUBLISHED',
    });
    const moved = await world.deps.prisma.outboundMessage.findUnique({ where: { id: queued.id } });
    expect(moved?.body).toMatchObject({
      interactive: { action: { parameters: { flow_id: newId } } },
    });
    const atMeta = await metaFlowsOf(world.sim, wabaId, token);
    expect(atMeta.map(({ name, status: s }) => [name, s])).toEqual([
      ['Legacy', 'PUBLISHED'],
      ['Legacy (2)', 'PUBLISHED'],
    ]);
  });

  it('edits a published Flow in place where Meta allows it', async () => {
    const { connectionId } = editable;
    const flowId = await world.importFlow('Editable');
    const input = { flowId, connectionIds: [connectionId] };
    const [first] = await publishFlow(world.deps, world.workspaceId, input);

    await editHeading(flowId, 'Edited in place');
    const [second] = await publishFlow(world.deps, world.workspaceId, input);

    expect(second).toMatchObject({
      status: 'published',
      uploaded: true,
      metaFlowId: first?.metaFlowId,
    });
  });

  it('pulls the three Flows of a connection and imports them with their status', async () => {
    const { connectionId, wabaId, token } = existing;
    const create = async (name: string, publish: boolean) =>
      fetch(`${world.sim.url}/v23.0/${wabaId}/flows`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name,
          categories: ['SURVEY'],
          flow_json: twoScreenFlowJson(name),
          publish,
        }),
      });
    await create('From the builder 1', true);
    await create('From the builder 2', false);
    await create('From the builder 3', true);

    const listed = await listMetaFlows(world.deps, world.workspaceId, connectionId);
    expect(listed.map((f) => [f.name, f.status, f.flowId])).toEqual([
      ['From the builder 1', 'PUBLISHED', null],
      ['From the builder 2', 'DRAFT', null],
      ['From the builder 3', 'PUBLISHED', null],
    ]);
    const imported = await importMetaFlows(world.deps, world.workspaceId, {
      connectionId,
      metaFlowIds: listed.map((f) => f.metaFlowId),
    });

    expect(imported.map((r) => r.outcome)).toEqual(['imported', 'imported', 'imported']);
    const flows = await createFlowRepository(world.deps.prisma).list(world.workspaceId);
    expect(flows.map((f) => f.name)).toEqual(
      expect.arrayContaining(['From the builder 1', 'From the builder 2', 'From the builder 3']),
    );
    const again = await importMetaFlows(world.deps, world.workspaceId, {
      connectionId,
      metaFlowIds: [listed[0]?.metaFlowId ?? ''],
    });
    expect(again[0]?.outcome).toBe('already_linked');
    const firstId = imported[0]?.outcome === 'imported' ? imported[0].flowId : '';
    const [status] = await publicationStatuses(world.deps.prisma, world.workspaceId, firstId);
    expect(status).toMatchObject({ status: 'PUBLISHED', metaFlowId: listed[0]?.metaFlowId });
  });

  // Last: the stand-in applies the rule to every later upload.
  it('shows a validation error that only appears at upload on the node it points at', async () => {
    const { connectionId } = errors;
    const flowId = await world.importFlow('Upload errors');
    world.sim.control.addUnpublishedRule({
      pointer: '/screens/1/layout/children/0/text',
      error: 'INVALID_PROPERTY_VALUE',
      message: 'This text is not allowed here.',
    });

    const [outcome] = await publishFlow(world.deps, world.workspaceId, {
      flowId,
      connectionIds: [connectionId],
    });

    expect(outcome).toMatchObject({ status: 'refused', uploaded: true });
    expect(outcome?.problems).toEqual([
      expect.objectContaining({
        source: 'meta',
        code: 'INVALID_PROPERTY_VALUE',
        pointer: '/screens/1/layout/children/0/text',
        nodeId: 'THANKS',
        componentPointer: '/layout/children/0/text',
      }),
    ]);
    const [status] = await publicationStatuses(world.deps.prisma, world.workspaceId, flowId);
    expect(status?.status).toBe('DRAFT');
    expect(status?.validationErrors[0]?.nodeId).toBe('THANKS');
  });
});
