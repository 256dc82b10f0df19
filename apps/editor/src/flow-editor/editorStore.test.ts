import type { GraphDocument } from '@sanjay-flow/graph';
import { defaultFinishFlowNode, defaultScreenSubmittedTrigger } from '@sanjay-flow/runtime';
import { afterEach, describe, expect, it } from 'vitest';

import { currentDocument, openDocument, useEditorStore } from './editorStore';

function oneScreen(): GraphDocument {
  return {
    schemaVersion: 1,
    flow: { version: '7.1' },
    nodes: [
      {
        kind: 'screen',
        id: 'ORDER',
        position: { x: 0, y: 0 },
        screen: { id: 'ORDER', title: 'Order', layout: {} },
      },
    ],
  };
}

const store = () => useEditorStore.getState();

afterEach(() => {
  store().unload();
});

describe('editor store: logic edits', () => {
  it('adds a node selected, counts each edit for autosave, and saves positions', () => {
    store().load('flow-1', oneScreen());
    store().addLogicNode('trigger.flow_opened', { x: 10, y: 10 });
    store().addLogicNode('finish_flow', { x: 300, y: 10 });

    expect(store().documentEdits).toBe(2);
    expect(
      store()
        .nodes.filter((node) => node.selected)
        .map((node) => node.id),
    ).toEqual(['finish_flow_1']);
    store().changeNodes([{ type: 'position', id: 'flow_opened_1', position: { x: 50, y: 60 } }]);

    expect(currentDocument('flow-1')?.logic?.positions.flow_opened_1).toEqual({ x: 50, y: 60 });
    expect(store().documentEdits).toBe(3);
  });

  it('connects ports, refuses what the runtime could not follow and says why', () => {
    store().load('flow-1', oneScreen());
    store().addLogicNode('trigger.flow_opened', { x: 0, y: 0 });
    store().addLogicNode('finish_flow', { x: 0, y: 0 });
    store().connect({ from: 'flow_opened_1', to: 'finish_flow_1' });
    const edits = store().documentEdits;

    store().connect({ from: 'finish_flow_1', to: 'flow_opened_1' });

    expect(store().refusal).toMatch(/has no exit/);
    expect(store().documentEdits).toBe(edits);
    expect(store().edges.map((edge) => edge.id)).toContain('logic:flow_opened_1:next');
    store().dismissRefusal();
    expect(store().refusal).toBeNull();
  });

  it('deletes logic nodes and edges from canvas changes, and never a screen', () => {
    store().load('flow-1', oneScreen());
    store().addLogicNode('trigger.flow_opened', { x: 0, y: 0 });
    store().addLogicNode('finish_flow', { x: 0, y: 0 });
    store().connect({ from: 'flow_opened_1', to: 'finish_flow_1' });

    store().changeEdges([{ type: 'remove', id: 'logic:flow_opened_1:next' }]);
    expect(currentDocument('flow-1')?.logic?.edges).toEqual([]);
    store().changeNodes([{ type: 'remove', id: 'finish_flow_1' }]);
    store().changeNodes([{ type: 'remove', id: 'ORDER' }]);

    expect(store().nodes.map((node) => node.id)).toEqual(['ORDER', 'flow_opened_1']);
    expect(currentDocument('flow-1')?.nodes.map((node) => node.id)).toEqual(['ORDER']);
  });

  it('stores an updated node and keeps the selection', () => {
    store().load('flow-1', oneScreen());
    store().addLogicNode('condition', { x: 0, y: 0 });
    store().updateLogicNode({ id: 'condition_1', type: 'condition', expression: 'vars.ok' });

    expect(currentDocument('flow-1')?.logic?.nodes).toEqual([
      { id: 'condition_1', type: 'condition', expression: 'vars.ok' },
    ]);
    expect(store().nodes.find((node) => node.id === 'condition_1')?.selected).toBe(true);
  });
});

describe('editor store: opening a document', () => {
  const withUnplacedLogic = (): GraphDocument => ({
    ...oneScreen(),
    logic: {
      nodes: [defaultScreenSubmittedTrigger('sent', 'ORDER'), defaultFinishFlowNode('done')],
      edges: [{ from: 'sent', to: 'done' }],
      positions: {},
    },
  });

  it('lays out logic nodes without positions and counts that as an edit to save', async () => {
    await openDocument('flow-1', withUnplacedLogic());

    const saved = currentDocument('flow-1');
    expect(Object.keys(saved?.logic?.positions ?? {}).sort()).toEqual(['done', 'sent']);
    expect(store().documentEdits).toBe(1);
  });

  it('loads a fully placed document untouched, with nothing to save', async () => {
    const unplaced = withUnplacedLogic();
    const positions = { sent: { x: 0, y: 300 }, done: { x: 400, y: 300 } };
    const placed = { ...unplaced, logic: { nodes: [], edges: [], ...unplaced.logic, positions } };

    await openDocument('flow-1', placed);

    expect(store().document).toBe(placed);
    expect(store().documentEdits).toBe(0);
  });

  it('loads nothing once the page that asked has closed', async () => {
    await openDocument('flow-1', withUnplacedLogic(), { stillOpen: () => false });

    expect(store().flowId).toBeNull();
  });
});
