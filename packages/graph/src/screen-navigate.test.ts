import { validateFlowJson } from '@sanjay-flow/flow-json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { compileGraph } from './compile';
import type { GraphDocument } from './document';
import { screenEdges } from './edges';
import { addComponent, addScreen, updateScreenProperties } from './screen-edits';
import { connectNavigate, navigateRefusal } from './screen-navigate';
import { componentPalette, defaultComponent, placementRefusal } from './screen-palette';
import { completeReference, openReferenceAt, referencesInScope } from './screen-scope';
import { screenNode, valueAt } from './screen-tree';

function screen(id: string, children: unknown[], extra: Record<string, unknown> = {}) {
  return {
    kind: 'screen' as const,
    id,
    position: { x: 0, y: 0 },
    screen: { id, title: id, data: {}, layout: { type: 'SingleColumnLayout', children }, ...extra },
  };
}

const footer = { type: 'Footer', label: 'Next', 'on-click-action': { name: 'complete' } };

function signUp(): GraphDocument {
  return {
    schemaVersion: 1,
    flow: { version: '7.3' },
    nodes: [
      screen('DETAILS', [
        { type: 'TextInput', name: 'full_name', label: 'Name' },
        {
          type: 'CheckboxGroup',
          name: 'topics',
          label: 'Topics',
          'data-source': [{ id: 'a', title: 'A' }],
        },
        { type: 'PhotoPicker', name: 'photo', label: 'Photo' },
        footer,
      ]),
      screen('CONSENT', [{ type: 'OptIn', name: 'terms', label: 'I agree' }, footer]),
      screen('DONE', [{ type: 'TextBody', text: 'Thanks' }, footer], {
        terminal: true,
        success: true,
      }),
    ],
  };
}

const errors = (doc: GraphDocument) =>
  validateFlowJson(compileGraph(doc).flowJson).filter((problem) => problem.severity === 'error');

describe('connecting screens', () => {
  it('writes the navigate action with the inputs as payload and declares them on the target', () => {
    const result = connectNavigate(
      signUp(),
      { nodeId: 'DETAILS', pointer: '/layout/children/3' },
      'CONSENT',
    );
    expect(result.ok).toBe(true);
    const doc = result.ok ? result.doc : signUp();

    expect(
      valueAt(screenNode(doc, 'DETAILS').screen, '/layout/children/3/on-click-action'),
    ).toEqual({
      name: 'navigate',
      next: { type: 'screen', name: 'CONSENT' },
      payload: { full_name: '${form.full_name}', topics: '${form.topics}' },
    });
    expect(screenNode(doc, 'CONSENT').screen.data).toEqual({
      full_name: { type: 'string', __example__: 'Example' },
      topics: { type: 'array', items: { type: 'string' }, __example__: [] },
    });
    expect(screenEdges(doc).map((edge) => edge.label)).toEqual(['Footer “Next”']);
  });

  it('forwards earlier answers so a three-screen Flow validates once connected', () => {
    const first = connectNavigate(
      signUp(),
      { nodeId: 'DETAILS', pointer: '/layout/children/3' },
      'CONSENT',
    );
    const second =
      first.ok &&
      connectNavigate(first.doc, { nodeId: 'CONSENT', pointer: '/layout/children/1' }, 'DONE');
    expect(second && second.ok).toBe(true);
    const doc = second && second.ok ? second.doc : signUp();

    expect(Object.keys(screenNode(doc, 'DONE').screen.data as object)).toEqual([
      'full_name',
      'topics',
      'terms',
    ]);
    expect(
      valueAt(
        screenNode(doc, 'CONSENT').screen,
        '/layout/children/1/on-click-action/payload/full_name',
      ),
    ).toBe('${data.full_name}');
    expect(errors(doc)).toEqual([]);
  });

  it('keeps payload keys the user added when the same button is connected again', () => {
    const first = connectNavigate(
      signUp(),
      { nodeId: 'DETAILS', pointer: '/layout/children/3' },
      'CONSENT',
    );
    const doc = first.ok ? first.doc : signUp();
    const edited = JSON.parse(
      JSON.stringify(doc).replace(
        '"topics":"${form.topics}"',
        '"topics":"${form.topics}","source":"web"',
      ),
    ) as GraphDocument;

    const again = connectNavigate(
      edited,
      { nodeId: 'DETAILS', pointer: '/layout/children/3' },
      'CONSENT',
    );
    expect(
      again.ok &&
        valueAt(
          screenNode(again.doc, 'DETAILS').screen,
          '/layout/children/3/on-click-action/payload/source',
        ),
    ).toBe('web');
  });

  it('connects NavigationList items and adds routes to an existing routing model', () => {
    const base = signUp();
    const list = {
      type: 'NavigationList',
      name: 'menu',
      'list-items': [{ id: 'a', 'main-content': { title: 'A' } }],
    };
    const doc = {
      ...base,
      flow: { ...base.flow, routing_model: { DETAILS: [] } },
      nodes: [screen('MENU', [list]), ...base.nodes],
    };

    const result = connectNavigate(
      doc,
      { nodeId: 'MENU', pointer: '/layout/children/0/list-items/0' },
      'DONE',
    );
    expect(result.ok && result.doc.flow.routing_model).toEqual({ DETAILS: [], MENU: ['DONE'] });
  });

  it('says why a connection cannot be made', () => {
    const doc = signUp();
    expect(
      navigateRefusal(doc, { nodeId: 'DETAILS', pointer: '/layout/children/3' }, 'DETAILS'),
    ).toMatch(/itself/);
    expect(
      navigateRefusal(doc, { nodeId: 'DETAILS', pointer: '/layout/children/0' }, 'DONE'),
    ).toMatch(/no click action/);
    expect(
      navigateRefusal(doc, { nodeId: 'DETAILS', pointer: '/layout/children/9' }, 'DONE'),
    ).toMatch(/no component/);
    expect(
      navigateRefusal(doc, { nodeId: 'DETAILS', pointer: '/layout/children/3' }, 'nowhere'),
    ).toMatch(/only lead to a screen/);
    expect(
      connectNavigate(doc, { nodeId: 'DETAILS', pointer: '/layout/children/0' }, 'DONE').ok,
    ).toBe(false);
  });
});

describe('the component palette', () => {
  it('offers what the version has and says why the rest is missing', () => {
    const palette = componentPalette('6.2');
    expect(palette.find((entry) => entry.type === 'NavigationList')?.available).toBe(true);
    expect(palette.find((entry) => entry.type === 'ChipsSelector')).toMatchObject({
      available: false,
      reason: 'ChipsSelector needs Flow JSON 6.3 or later; this Flow uses 6.2.',
    });
    expect(componentPalette('7.3').every((entry) => entry.available)).toBe(true);
  });

  it('refuses components too new for the Flow and a Form inside a Form', () => {
    const doc = addComponent(
      signUp(),
      { nodeId: 'DONE', list: '/layout/children', index: 0 },
      {
        type: 'Form',
        name: 'form',
        children: [],
      },
    );
    expect(
      placementRefusal(
        doc,
        { nodeId: 'DONE', list: '/layout/children/0/children', index: 0 },
        'Form',
      ),
    ).toMatch(/cannot hold another Form/);
    expect(
      placementRefusal(doc, { nodeId: 'DONE', list: '/layout/children', index: 0 }, 'Form'),
    ).toBeNull();
    const old = { ...doc, flow: { version: '3.1' } };
    expect(
      placementRefusal(old, { nodeId: 'DONE', list: '/layout/children', index: 0 }, 'If'),
    ).toMatch(/4\.0/);
  });
});

describe('references in scope', () => {
  it('lists the screen’s data and inputs, then other screens’, and completes typed text', () => {
    const added = addScreen(signUp(), { x: 0, y: 0 });
    const doc = updateScreenProperties(added.doc, 'CONSENT', {
      data: { email: { type: 'string', __example__: 'a@b.c' } },
    });
    const references = referencesInScope(doc, 'CONSENT').map((reference) => reference.path);

    expect(references.slice(0, 2)).toEqual(['data.email', 'form.terms']);
    expect(references).toContain('screen.DETAILS.form.full_name');
    // Matches at the start come first, then matches anywhere.
    expect(
      completeReference(referencesInScope(doc, 'CONSENT'), 'form.t').map((r) => r.path),
    ).toEqual(['form.terms', 'screen.DETAILS.form.topics']);
    expect(completeReference(referencesInScope(doc, 'CONSENT'), 'full').map((r) => r.path)).toEqual(
      ['screen.DETAILS.form.full_name'],
    );
    expect(referencesInScope({ ...doc, flow: { version: '3.1' } }, 'CONSENT')).toHaveLength(2);
  });

  it('finds the reference being typed at the caret', () => {
    expect(openReferenceAt('Hi ${form.na', 12)).toEqual({ start: 5, typed: 'form.na' });
    expect(openReferenceAt('Hi ${form.name} x', 17)).toBeNull();
    expect(openReferenceAt('plain', 5)).toBeNull();
  });

  it('names new inputs so they never clash', () => {
    const doc = signUp();
    expect(defaultComponent('OptIn', screenNode(doc, 'CONSENT').screen, '7.3').name).toBe('opt_in');
  });
});

describe('connecting screens (property)', () => {
  const INPUT_TYPES = [
    'TextInput',
    'TextArea',
    'CheckboxGroup',
    'RadioButtonsGroup',
    'Dropdown',
    'DatePicker',
    'OptIn',
  ] as const;

  it('any chain of screens with any inputs, connected button by button, passes the validator', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...INPUT_TYPES), { maxLength: 4 }), {
          minLength: 2,
          maxLength: 5,
        }),
        (inputsPerScreen) => {
          let doc: GraphDocument = { schemaVersion: 1, flow: { version: '7.3' }, nodes: [] };
          const ids: string[] = [];
          for (const [index, inputs] of inputsPerScreen.entries()) {
            const added = addScreen(doc, { x: index * 300, y: 0 });
            ids.push(added.id);
            doc = added.doc;
            for (const type of inputs) {
              const screen = screenNode(doc, added.id).screen;
              const at = { nodeId: added.id, list: '/layout/children', index: 99 };
              doc = addComponent(doc, at, defaultComponent(type, screen, '7.3'));
            }
            const footer = defaultComponent('Footer', screenNode(doc, added.id).screen, '7.3');
            doc = addComponent(
              doc,
              { nodeId: added.id, list: '/layout/children', index: 99 },
              footer,
            );
          }
          const last = ids.at(-1) ?? '';
          doc = updateScreenProperties(doc, last, { terminal: true, success: true });
          for (const [index, id] of ids.slice(0, -1).entries()) {
            const footer = `/layout/children/${inputsPerScreen[index]?.length ?? 0}`;
            const connected = connectNavigate(
              doc,
              { nodeId: id, pointer: footer },
              ids[index + 1] ?? '',
            );
            expect(connected.ok).toBe(true);
            doc = connected.ok ? connected.doc : doc;
          }

          expect(errors(doc)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
