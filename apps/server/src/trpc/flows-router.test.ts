import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase } from '../test-support/database';
import type { TestDatabase } from '../test-support/database';
import { readTestData } from '../test-support/fixtures';
import { testContext, trpcErrorOf } from '../test-support/trpc';
import { appRouter } from './router';
import { createCallerFactory } from './trpc';

const createCaller = createCallerFactory(appRouter);
const SURVEY = readTestData('meta-tools_survey_v3.1.flow.json');

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
});

afterAll(async () => {
  await testDb.dispose();
});

async function callerForNewWorkspace() {
  const workspaceId = await testDb.createWorkspace();

  return createCaller(testContext(testDb, workspaceId));
}

describe('flows router', () => {
  it('creates, lists, renames and deletes a Flow', async () => {
    const caller = await callerForNewWorkspace();
    const { id } = await caller.flows.create({ name: '  Lead capture ' });

    expect(await caller.flows.list()).toEqual([
      expect.objectContaining({ id, name: 'Lead capture', revision: 1, screenCount: 1 }),
    ]);
    await caller.flows.rename({ id, name: 'Leads' });
    expect((await caller.flows.get({ id })).name).toBe('Leads');
    await caller.flows.delete({ id });
    expect(await caller.flows.list()).toEqual([]);
  });

  it('imports a Flow JSON file and exports the same document', async () => {
    const caller = await callerForNewWorkspace();
    const { id } = await caller.flows.import({ fileName: 'survey.flow.json', text: SURVEY });
    const flow = await caller.flows.get({ id });
    const exported = await caller.flows.export({ id });

    expect(flow.name).toBe('survey');
    expect(flow.graph.nodes.map((node) => node.id)).toEqual(['SURVEY_SCREEN']);
    expect(exported.fileName).toBe('survey.json');
    expect(JSON.parse(exported.text)).toEqual(JSON.parse(SURVEY));
  });

  it('keeps the key order of an imported file through storage and export', async () => {
    const caller = await callerForNewWorkspace();
    const { id } = await caller.flows.import({ fileName: 'survey.json', text: SURVEY });
    const exported = await caller.flows.export({ id });

    expect(JSON.stringify(JSON.parse(exported.text))).toBe(JSON.stringify(JSON.parse(SURVEY)));
  });

  it('refuses a file that is not JSON, with the line and column of the problem', async () => {
    const caller = await callerForNewWorkspace();
    const error = await trpcErrorOf(
      caller.flows.import({ fileName: 'broken.json', text: '{\n  "version": "7.3",\n  oops\n}' }),
    );

    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/broken\.json.*not valid Flow JSON.*line 3/);
    expect(await caller.flows.list()).toEqual([]);
  });

  it('refuses an unknown component with the pointer to it', async () => {
    const caller = await callerForNewWorkspace();
    const flow = JSON.parse(SURVEY) as { screens: Array<{ layout: { children: unknown[] } }> };
    flow.screens[0]?.layout.children.push({ type: 'Hologram' });
    const error = await trpcErrorOf(
      caller.flows.import({ fileName: 'survey.json', text: JSON.stringify(flow, null, 2) }),
    );

    expect(error.code).toBe('BAD_REQUEST');
    expect(error.cause).toMatchObject({
      problems: [expect.objectContaining({ pointer: '/screens/0/layout/children/1/type' })],
    });
  });

  it('refuses other file types and files over 10 MB', async () => {
    const caller = await callerForNewWorkspace();
    const wrongType = await trpcErrorOf(
      caller.flows.import({ fileName: 'photo.png', text: SURVEY }),
    );
    const tooLarge = await trpcErrorOf(
      caller.flows.import({ fileName: 'big.json', text: ' '.repeat(10 * 1024 * 1024 + 1) }),
    );

    expect(wrongType.code).toBe('BAD_REQUEST');
    expect(wrongType.message).toMatch(/photo\.png.*\.json/);
    expect(tooLarge.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('saves with the expected revision and refuses a stale one', async () => {
    const caller = await callerForNewWorkspace();
    const { id } = await caller.flows.import({ fileName: 'survey.json', text: SURVEY });
    const { graph } = await caller.flows.get({ id });
    const moved = {
      ...graph,
      nodes: graph.nodes.map((node, index) =>
        index === 0 ? { ...node, position: { x: 7, y: 9 } } : node,
      ),
    };
    const saved = await caller.flows.save({ id, expectedRevision: 1, graph: moved });
    const stale = await trpcErrorOf(caller.flows.save({ id, expectedRevision: 1, graph }));

    expect(saved.revision).toBe(2);
    expect(stale.code).toBe('CONFLICT');
    expect((await caller.flows.get({ id })).graph.nodes[0]?.position).toEqual({ x: 7, y: 9 });
  });

  it('refuses a malformed document without changing the saved one', async () => {
    const caller = await callerForNewWorkspace();
    const { id } = await caller.flows.create({ name: 'Sign-up' });
    const error = await trpcErrorOf(
      caller.flows.save({ id, expectedRevision: 1, graph: { nodes: 3 } }),
    );

    expect(error.code).toBe('BAD_REQUEST');
    expect((await caller.flows.get({ id })).revision).toBe(1);
  });

  it('refuses a document nested too deep or with two nodes of one id', async () => {
    const caller = await callerForNewWorkspace();
    const { id } = await caller.flows.create({ name: 'Deep' });
    const { graph } = await caller.flows.get({ id });
    let deep: unknown = 'bottom';
    for (let level = 0; level < 10_000; level += 1) {
      deep = { deeper: deep };
    }
    const [first] = graph.nodes;
    const tooDeep = { ...graph, flow: { ...graph.flow, 'x-deep': deep } };
    const twice = { ...graph, nodes: [...graph.nodes, { ...first, position: { x: 1, y: 1 } }] };

    expect(
      (await trpcErrorOf(caller.flows.save({ id, expectedRevision: 1, graph: tooDeep }))).message,
    ).toMatch(/nests deeper than/);
    expect(
      (await trpcErrorOf(caller.flows.save({ id, expectedRevision: 1, graph: twice }))).message,
    ).toMatch(/two nodes with the id “WELCOME”/);
  });

  it('answers not found for a Flow of another workspace', async () => {
    const owner = await callerForNewWorkspace();
    const stranger = await callerForNewWorkspace();
    const { id } = await owner.flows.create({ name: 'Private' });

    expect((await trpcErrorOf(stranger.flows.get({ id }))).code).toBe('NOT_FOUND');
    expect((await trpcErrorOf(stranger.flows.delete({ id }))).code).toBe('NOT_FOUND');
    expect((await trpcErrorOf(stranger.flows.rename({ id, name: 'Mine' }))).code).toBe('NOT_FOUND');
    expect(await owner.flows.list()).toHaveLength(1);
  });
});
