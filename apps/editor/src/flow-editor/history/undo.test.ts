import type { GraphDocument } from '@sanjay-flow/graph';
import { afterEach, describe, expect, it } from 'vitest';

import { currentDocument, useEditorStore } from '../editorStore';

function twoScreens(): GraphDocument {
  const screen = (id: string, x: number) => ({
    kind: 'screen' as const,
    id,
    position: { x, y: 0 },
    screen: { id, title: id, layout: {} },
  });

  return { schemaVersion: 1, flow: { version: '7.3' }, nodes: [screen('A', 0), screen('B', 400)] };
}

const store = () => useEditorStore.getState();

afterEach(() => {
  store().unload();
});

function tenMixedEdits() {
  store().addLogicNode('trigger.flow_opened', { x: 0, y: 300 });
  store().addLogicNode('finish_flow', { x: 300, y: 300 });
  store().connect({ from: 'flow_opened_1', to: 'finish_flow_1' });
  store().changeNodes([{ type: 'position', id: 'A', position: { x: 5, y: 5 }, dragging: true }]);
  store().changeNodes([{ type: 'position', id: 'A', position: { x: 50, y: 50 }, dragging: true }]);
  store().changeNodes([{ type: 'position', id: 'A', position: { x: 60, y: 70 }, dragging: false }]);
  store().addLogicNode('condition', { x: 600, y: 300 });
  store().updateLogicNode({ id: 'condition_1', type: 'condition', expression: 'vars.ok' });
  store().disconnect('flow_opened_1', undefined);
  store().changeNodes([{ type: 'position', id: 'B', position: { x: 700, y: 10 } }]);
  store().removeLogicNodes(['finish_flow_1']);
  store().changeEdges([{ type: 'remove', id: 'logic:none' }]);
  store().addLogicNode('set_data', { x: 0, y: 600 });
}

describe('undo and redo in the editor store', () => {
  it('walks ten mixed edits back to the loaded document and forward again', () => {
    store().load('flow-1', twoScreens());
    const loaded = currentDocument('flow-1');
    tenMixedEdits();
    const edited = currentDocument('flow-1');
    expect(store().history.past).toHaveLength(10);

    for (let step = 0; step < 10; step += 1) {
      store().undo();
    }
    expect(currentDocument('flow-1')).toEqual(loaded);
    for (let step = 0; step < 10; step += 1) {
      store().redo();
    }

    expect(currentDocument('flow-1')).toEqual(edited);
  });

  it('makes one step of a drag and counts undo and redo as edits to save', () => {
    store().load('flow-1', twoScreens());
    const drag = (x: number, dragging: boolean) =>
      store().changeNodes([{ type: 'position', id: 'B', position: { x, y: 0 }, dragging }]);
    drag(410, true);
    drag(420, true);
    drag(430, false);
    const edits = store().documentEdits;

    store().undo();

    expect(currentDocument('flow-1')?.nodes[1]?.position).toEqual({ x: 400, y: 0 });
    store().redo();
    expect(currentDocument('flow-1')?.nodes[1]?.position).toEqual({ x: 430, y: 0 });
    expect(store().documentEdits).toBe(edits + 2);
  });

  it('does nothing past either end and starts afresh when a flow is loaded', () => {
    store().load('flow-1', twoScreens());
    const edits = store().documentEdits;
    store().undo();
    store().redo();
    expect(store().documentEdits).toBe(edits);

    store().addLogicNode('finish_flow', { x: 0, y: 0 });
    store().load('flow-1', twoScreens());

    expect(store().history.past).toEqual([]);
  });
});
