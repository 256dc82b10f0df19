import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase } from '../test-support/database';
import type { TestDatabase } from '../test-support/database';
import { testContext, trpcErrorOf } from '../test-support/trpc';
import { appRouter } from './router';
import { createCallerFactory } from './trpc';

const createCaller = createCallerFactory(appRouter);

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
});

afterAll(async () => {
  await testDb.dispose();
});

async function newCaller(role: 'viewer' | 'owner' = 'owner') {
  const workspaceId = await testDb.createWorkspace();

  return createCaller({ ...testContext(testDb, workspaceId), role });
}

type Caller = Awaited<ReturnType<typeof newCaller>>;

/** Saves the draft with its first screen retitled, as the editor's autosave would. */
async function retitle(caller: Caller, id: string, title: string) {
  const flow = await caller.flows.get({ id });
  const [first, ...rest] = flow.graph.nodes;
  if (first === undefined) {
    throw new Error('the Flow has no screen');
  }
  const graph = {
    ...flow.graph,
    nodes: [{ ...first, screen: { ...first.screen, title } }, ...rest],
  };

  return caller.flows.save({ id, expectedRevision: flow.revision, graph });
}

describe('templates', () => {
  it('lists the gallery and creates a Flow from each template with its first version', async () => {
    const caller = await newCaller();
    const templates = await caller.flows.templates();
    expect(templates.map((entry) => entry.id)).toEqual([
      'appointment-booking',
      'lead-capture',
      'customer-satisfaction',
      'sign-up',
      'support-ticket',
    ]);

    for (const template of templates) {
      const { id } = await caller.flows.createFromTemplate({ templateId: template.id });
      const exported = JSON.parse((await caller.flows.export({ id })).text) as { version: string };
      const { versions } = await caller.versions.list({ flowId: id });

      expect((await caller.flows.get({ id })).name).toBe(template.name);
      expect(exported.version).toBe('7.3');
      expect(versions.map((version) => version.label)).toEqual([
        `From the “${template.name}” template`,
      ]);
    }
  });

  it('refuses an unknown template and viewers', async () => {
    const caller = await newCaller();
    const unknown = await trpcErrorOf(caller.flows.createFromTemplate({ templateId: 'nope' }));
    expect(unknown.code).toBe('BAD_REQUEST');

    const viewer = await newCaller('viewer');
    const refused = await trpcErrorOf(viewer.flows.createFromTemplate({ templateId: 'sign-up' }));
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('duplicates a Flow under a new name with the same document', async () => {
    const caller = await newCaller();
    const { id } = await caller.flows.createFromTemplate({ templateId: 'sign-up', name: 'Join' });
    const copy = await caller.flows.duplicate({ id });

    const [original, duplicated] = [await caller.flows.get({ id }), await caller.flows.get(copy)];
    expect(duplicated.name).toBe('Join (copy)');
    expect(duplicated.graph).toEqual(original.graph);
  });
});

describe('versions', () => {
  it('names a version, says when the draft moved on, and diffs screen by screen', async () => {
    const caller = await newCaller();
    const { id } = await caller.flows.createFromTemplate({ templateId: 'lead-capture' });
    const named = await caller.versions.save({ flowId: id, label: '  Launch  ' });
    expect(named).toMatchObject({ number: 2, label: 'Launch' });
    expect((await caller.versions.list({ flowId: id })).draftChanged).toBe(false);

    await retitle(caller, id, 'Contact us');
    const listed = await caller.versions.list({ flowId: id });
    expect(listed.draftChanged).toBe(true);

    const diff = await caller.versions.diff({ flowId: id, from: named.id, to: 'draft' });
    expect(diff).toEqual({
      from: 'Version 2: Launch',
      to: 'Current draft',
      entries: [
        {
          change: 'changed',
          area: 'screen',
          path: ['Screen “CONTACT”', 'title'],
          before: 'Get in touch',
          after: 'Contact us',
        },
      ],
    });
  });

  it('restores a version, keeping the unsaved draft as a version first', async () => {
    const caller = await newCaller();
    const { id } = await caller.flows.createFromTemplate({ templateId: 'support-ticket' });
    const first = (await caller.versions.list({ flowId: id })).versions[0];
    const saved = await retitle(caller, id, 'Help');

    const restored = await caller.versions.restore({
      flowId: id,
      versionId: first?.id ?? '',
      expectedRevision: saved.revision,
    });

    const flow = await caller.flows.get({ id });
    expect(restored).toEqual({ revision: saved.revision + 1, number: 1 });
    expect(flow.graph.nodes[0]?.screen.title).toBe('Get help');
    const { versions, draftChanged } = await caller.versions.list({ flowId: id });
    expect(versions.map((version) => version.label)).toEqual([
      'Before restoring version 1',
      'From the “Support ticket” template',
    ]);
    expect(draftChanged).toBe(false);
    const kept = await caller.versions.diff({
      flowId: id,
      from: 'draft',
      to: versions[0]?.id ?? '',
    });
    expect(kept.entries.map((entry) => entry.after)).toEqual(['Help']);
  });

  it('refuses a restore over a draft saved elsewhere, and versions of other Flows', async () => {
    const caller = await newCaller();
    const { id } = await caller.flows.createFromTemplate({ templateId: 'sign-up' });
    const other = await caller.flows.createFromTemplate({ templateId: 'sign-up' });
    const [version] = (await caller.versions.list({ flowId: id })).versions;
    const [otherVersion] = (await caller.versions.list({ flowId: other.id })).versions;
    await retitle(caller, id, 'Elsewhere');

    const stale = await trpcErrorOf(
      caller.versions.restore({ flowId: id, versionId: version?.id ?? '', expectedRevision: 1 }),
    );
    expect(stale.code).toBe('CONFLICT');
    const foreign = await trpcErrorOf(
      caller.versions.diff({ flowId: id, from: otherVersion?.id ?? '', to: 'draft' }),
    );
    expect(foreign.code).toBe('NOT_FOUND');
    const outsider = await newCaller();
    expect((await trpcErrorOf(outsider.versions.list({ flowId: id }))).code).toBe('NOT_FOUND');
  });
});
