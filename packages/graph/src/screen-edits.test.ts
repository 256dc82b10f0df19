import { validateFlowJson } from '@sanjay-flow/flow-json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { compileGraph } from './compile';
import type { GraphDocument } from './document';
import { GraphError } from './errors';
import {
  addComponent,
  addScreen,
  moveComponent,
  newScreenId,
  removeComponent,
  removeScreen,
  updateComponent,
  updateScreenProperties,
} from './screen-edits';
import { defaultComponent } from './screen-palette';
import { screenNode, valueAt } from './screen-tree';

function blank(): GraphDocument {
  return {
    schemaVersion: 1,
    flow: { version: '7.3' },
    nodes: [
      {
        kind: 'screen',
        id: 'WELCOME',
        position: { x: 0, y: 0 },
        screen: {
          id: 'WELCOME',
          title: 'Welcome',
          terminal: true,
          data: {},
          layout: {
            type: 'SingleColumnLayout',
            children: [
              { type: 'TextHeading', text: 'Hi' },
              { type: 'Form', name: 'form', children: [{ type: 'TextBody', text: 'Inside' }] },
              { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete' } },
            ],
          },
        },
      },
    ],
  };
}

const children = (doc: GraphDocument, nodeId = 'WELCOME') =>
  valueAt(screenNode(doc, nodeId).screen, '/layout/children') as Array<Record<string, unknown>>;

describe('screen edits', () => {
  it('adds screens with fresh letter-only ids and removes them with their routes', () => {
    const first = addScreen(blank(), { x: 10, y: 20 });
    const second = addScreen(first.doc, { x: 0, y: 0 });

    expect([first.id, second.id]).toEqual(['SCREEN_A', 'SCREEN_B']);
    expect(screenNode(second.doc, 'SCREEN_A').position).toEqual({ x: 10, y: 20 });
    const routed = {
      ...second.doc,
      flow: { ...second.doc.flow, routing_model: { WELCOME: ['SCREEN_A'], SCREEN_A: [] } },
    };
    const removed = removeScreen(routed, 'SCREEN_A');
    expect(removed.nodes.map((node) => node.id)).toEqual(['WELCOME', 'SCREEN_B']);
    expect(removed.flow.routing_model).toEqual({ WELCOME: [] });
    expect(newScreenId(removed)).toBe('SCREEN_A');
  });

  it('sets and removes screen properties but never the id or layout that way', () => {
    const doc = updateScreenProperties(blank(), 'WELCOME', { terminal: undefined, title: 'Hello' });

    expect(screenNode(doc, 'WELCOME').screen.terminal).toBeUndefined();
    expect(screenNode(doc, 'WELCOME').screen.title).toBe('Hello');
    expect(() => updateScreenProperties(doc, 'WELCOME', { id: 'X' })).toThrow(GraphError);
  });

  it('adds a component into a Form, updates and removes it, leaving the rest shared', () => {
    const original = blank();
    const slot = { nodeId: 'WELCOME', list: '/layout/children/1/children', index: 0 };
    const added = addComponent(original, slot, {
      type: 'TextInput',
      name: 'email',
      label: 'Email',
    });
    const place = { nodeId: 'WELCOME', pointer: '/layout/children/1/children/0' };

    expect(valueAt(screenNode(added, 'WELCOME').screen, `${place.pointer}/name`)).toBe('email');
    const updated = updateComponent(added, place, {
      type: 'TextInput',
      name: 'mail',
      label: 'Mail',
    });
    expect(children(updated)[0]).toBe(children(original)[0]);
    expect(removeComponent(updated, place)).toEqual(original);
    expect(() =>
      updateComponent(original, { nodeId: 'WELCOME', pointer: '/layout/children/9' }, {}),
    ).toThrow(GraphError);
  });

  it('gives a screen without a layout one when the first component arrives', () => {
    const doc = { ...blank() };
    const bare = updateScreenProperties(doc, 'WELCOME', {});
    const node = screenNode(bare, 'WELCOME');
    const without = { ...bare, nodes: [{ ...node, screen: { id: 'WELCOME' } }] };

    const added = addComponent(
      without,
      { nodeId: 'WELCOME', list: '/layout/children', index: 0 },
      {
        type: 'TextBody',
        text: 'x',
      },
    );
    expect(screenNode(added, 'WELCOME').screen.layout).toEqual({
      type: 'SingleColumnLayout',
      children: [{ type: 'TextBody', text: 'x' }],
    });
  });

  it('moves a component down its own list, into a later Form, and to another screen', () => {
    const withSecond = addScreen(blank(), { x: 0, y: 0 }).doc;
    const heading = { nodeId: 'WELCOME', pointer: '/layout/children/0' };

    const down = moveComponent(withSecond, heading, {
      nodeId: 'WELCOME',
      list: '/layout/children',
      index: 3,
    });
    expect(children(down).map((component) => component.type)).toEqual([
      'Form',
      'Footer',
      'TextHeading',
    ]);

    // The Form is at 1 before the heading leaves and at 0 afterwards.
    const intoForm = moveComponent(withSecond, heading, {
      nodeId: 'WELCOME',
      list: '/layout/children/1/children',
      index: 1,
    });
    expect(children(intoForm)[0]?.children).toEqual([
      { type: 'TextBody', text: 'Inside' },
      { type: 'TextHeading', text: 'Hi' },
    ]);

    const away = moveComponent(withSecond, heading, {
      nodeId: 'SCREEN_A',
      list: '/layout/children',
      index: 0,
    });
    expect(children(away, 'SCREEN_A')).toEqual([{ type: 'TextHeading', text: 'Hi' }]);
    expect(children(away)).toHaveLength(2);
  });

  it('refuses to move a container into itself', () => {
    expect(() =>
      moveComponent(
        blank(),
        { nodeId: 'WELCOME', pointer: '/layout/children/1' },
        { nodeId: 'WELCOME', list: '/layout/children/1/children', index: 0 },
      ),
    ).toThrow(/into itself/);
  });

  it('keeps every component exactly once whatever is moved where (property)', () => {
    const doc = blank();
    const slots = ['/layout/children', '/layout/children/1/children'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...slots),
        fc.integer({ min: 0, max: 4 }),
        (from, list, index) => {
          const pointer = from === 3 ? '/layout/children/1/children/0' : `/layout/children/${from}`;
          const source = { nodeId: 'WELCOME', pointer };
          if (pointer === '/layout/children/1' && list.startsWith(pointer)) {
            return;
          }
          const moved = moveComponent(doc, source, { nodeId: 'WELCOME', list, index });
          const texts = JSON.stringify(children(moved))
            .match(/"type":"\w+"/g)
            ?.sort();
          expect(texts).toEqual(
            JSON.stringify(children(doc))
              .match(/"type":"\w+"/g)
              ?.sort(),
          );
        },
      ),
    );
  });

  it('builds screens whose default components all pass the validator', () => {
    let doc = blank();
    const types = [
      'TextInput',
      'TextArea',
      'CheckboxGroup',
      'RadioButtonsGroup',
      'Dropdown',
      'DatePicker',
      'OptIn',
    ] as const;
    for (const type of types) {
      const screen = screenNode(doc, 'WELCOME').screen;
      doc = addComponent(
        doc,
        { nodeId: 'WELCOME', list: '/layout/children/1/children', index: 99 },
        defaultComponent(type, screen, '7.3'),
      );
    }
    const twice = defaultComponent('TextInput', screenNode(doc, 'WELCOME').screen, '7.3');

    expect(twice.name).toBe('text_input_2');
    expect(
      validateFlowJson(compileGraph(doc).flowJson).filter((p) => p.severity === 'error'),
    ).toEqual([]);
  });
});
