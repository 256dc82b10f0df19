import { valueAt, type GraphDocument } from '@sanjay-flow/graph';
import { afterEach, describe, expect, it } from 'vitest';

import { currentDocument, useEditorStore } from '../editorStore';
import { keyboardSlot } from './ComponentPalette';
import {
  addNewComponent,
  addNewScreen,
  connectToScreen,
  dropAt,
  moveExistingComponent,
  screenEndIndex,
} from './screenActions';

function blank(version = '7.3'): GraphDocument {
  return {
    schemaVersion: 1,
    flow: { version },
    nodes: [
      {
        kind: 'screen',
        id: 'WELCOME',
        position: { x: 0, y: 0 },
        screen: {
          id: 'WELCOME',
          terminal: true,
          layout: {
            type: 'SingleColumnLayout',
            children: [
              { type: 'Form', name: 'form', children: [] },
              { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete' } },
            ],
          },
        },
      },
    ],
  };
}

const store = () => useEditorStore.getState();
const screenOf = (nodeId: string) =>
  currentDocument('flow-1')?.nodes.find((node) => node.id === nodeId)?.screen;

afterEach(() => {
  store().unload();
});

describe('editing screens through the store', () => {
  it('adds a screen and a component, each selected and counted as an edit to save', () => {
    store().load('flow-1', blank());
    addNewScreen({ x: 400, y: 0 });
    expect(store().selection).toEqual({ nodeId: 'SCREEN_A' });

    addNewComponent('TextInput', { nodeId: 'SCREEN_A', list: '/layout/children', index: 5 });
    expect(store().selection).toEqual({ nodeId: 'SCREEN_A', pointer: '/layout/children/0' });
    expect(valueAt(screenOf('SCREEN_A'), '/layout/children/0/name')).toBe('text_input');
    expect(store().documentEdits).toBe(2);
    expect(store().nodes.find((node) => node.id === 'SCREEN_A')?.selected).toBe(true);
  });

  it('refuses what the Flow cannot take and says why, changing nothing', () => {
    store().load('flow-1', blank('6.2'));
    addNewComponent('ChipsSelector', { nodeId: 'WELCOME', list: '/layout/children', index: 0 });
    expect(store().refusal).toMatch(/needs Flow JSON 6\.3/);

    dropAt(
      { kind: 'new-component', type: 'Form' },
      { nodeId: 'WELCOME', list: '/layout/children/0/children', index: 0 },
    );
    expect(store().refusal).toMatch(/cannot hold another Form/);
    moveExistingComponent(
      { nodeId: 'WELCOME', pointer: '/layout/children/0' },
      { nodeId: 'WELCOME', list: '/layout/children/0/children', index: 0 },
    );
    expect(store().refusal).toMatch(/into itself/);
    expect(store().documentEdits).toBe(0);
  });

  it('moves a component into a Form and connects the Footer to a new screen', () => {
    store().load('flow-1', blank());
    addNewComponent('TextInput', { nodeId: 'WELCOME', list: '/layout/children', index: 0 });
    moveExistingComponent(
      { nodeId: 'WELCOME', pointer: '/layout/children/0' },
      { nodeId: 'WELCOME', list: '/layout/children/1/children', index: 0 },
    );
    expect(valueAt(screenOf('WELCOME'), '/layout/children/0/children/0/type')).toBe('TextInput');
    addNewScreen({ x: 400, y: 0 });

    connectToScreen({ nodeId: 'WELCOME', pointer: '/layout/children/1' }, 'SCREEN_A');
    expect(valueAt(screenOf('WELCOME'), '/layout/children/1/on-click-action/next/name')).toBe(
      'SCREEN_A',
    );
    expect(screenOf('SCREEN_A')?.data).toEqual({
      text_input: { type: 'string', __example__: 'Example' },
    });
    expect(store().edges.find((edge) => edge.data?.kind === 'navigate')?.sourceHandle).toBe(
      'navigate:/layout/children/1',
    );

    connectToScreen({ nodeId: 'WELCOME', pointer: '/layout/children/0' }, 'SCREEN_A');
    expect(store().refusal).toMatch(/no click action/);
  });

  it('undoes a screen edit like any other', () => {
    store().load('flow-1', blank());
    const before = currentDocument('flow-1');
    addNewComponent('TextBody', { nodeId: 'WELCOME', list: '/layout/children', index: 0 });
    store().undo();

    expect(currentDocument('flow-1')).toEqual(before);
  });

  it('adds from the keyboard into the selected container, or before the closing Footer', () => {
    const document = blank();
    expect(keyboardSlot(document, { nodeId: 'WELCOME' })).toEqual({
      nodeId: 'WELCOME',
      list: '/layout/children',
      index: 1,
    });
    expect(keyboardSlot(document, { nodeId: 'WELCOME', pointer: '/layout/children/0' })).toEqual({
      nodeId: 'WELCOME',
      list: '/layout/children/0/children',
      index: 0,
    });
  });

  it('puts the end of a screen (a drop on the card, away from a gap) before its Footer', () => {
    const text = { type: 'TextBody', text: 'Hello' };
    const footer = { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete' } };

    expect(screenEndIndex([])).toBe(0);
    expect(screenEndIndex([text, text])).toBe(2);
    expect(screenEndIndex([text, footer])).toBe(1);
  });
});
