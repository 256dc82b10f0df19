import type { GraphDocument } from '@sanjay-flow/graph';
import { describe, expect, it } from 'vitest';

import { copyNodes, pasteNodes, readNodeSet, removeNodes } from './nodeSet';

function screen(id: string, next?: string) {
  const footer = next
    ? {
        type: 'Footer',
        label: 'Next',
        'on-click-action': { name: 'navigate', next: { type: 'screen', name: next }, payload: {} },
      }
    : { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } };

  return {
    kind: 'screen' as const,
    id,
    position: { x: 0, y: 0 },
    screen: { id, title: id, layout: { type: 'SingleColumnLayout', children: [footer] } },
  };
}

function flow(): GraphDocument {
  return {
    schemaVersion: 1,
    flow: { version: '7.3', routing_model: { ASK: ['THANKS'], THANKS: [] } },
    nodes: [screen('ASK', 'THANKS'), screen('THANKS')],
    logic: {
      nodes: [
        { id: 'submitted_1', type: 'trigger.screen_submitted', screen: 'ASK' },
        { id: 'go_1', type: 'go_to_screen', screen: 'THANKS' },
      ],
      edges: [{ from: 'submitted_1', to: 'go_1' }],
      positions: { submitted_1: { x: 0, y: 300 }, go_1: { x: 300, y: 300 } },
    },
  } as GraphDocument;
}

describe('copy and paste of canvas nodes', () => {
  it('pastes screens under new ids, with their references and routes following', () => {
    const document = flow();
    const set = copyNodes(document, new Set(['ASK', 'THANKS', 'submitted_1', 'go_1']));
    expect(set).not.toBeNull();
    if (set === null) {
      return;
    }

    const pasted = pasteNodes(document, set);

    expect(pasted.ids).toEqual(['ASK_COPY', 'THANKS_COPY', 'screen_submitted_1', 'go_to_screen_1']);
    const askCopy = pasted.document.nodes[2];
    expect(askCopy?.screen.id).toBe('ASK_COPY');
    expect(JSON.stringify(askCopy?.screen)).toContain('"name":"THANKS_COPY"');
    expect(askCopy?.position).toEqual({ x: 40, y: 40 });
    expect(pasted.document.flow.routing_model).toEqual({
      ASK: ['THANKS'],
      THANKS: [],
      ASK_COPY: ['THANKS_COPY'],
      THANKS_COPY: [],
    });
    expect(pasted.document.logic?.nodes.slice(2)).toEqual([
      { id: 'screen_submitted_1', type: 'trigger.screen_submitted', screen: 'ASK_COPY' },
      { id: 'go_to_screen_1', type: 'go_to_screen', screen: 'THANKS_COPY' },
    ]);
    expect(pasted.document.logic?.edges.at(-1)).toEqual({
      from: 'screen_submitted_1',
      to: 'go_to_screen_1',
    });
  });

  it('names a second copy with letters, since screen ids hold no digits', () => {
    const document = flow();
    const set = copyNodes(document, new Set(['THANKS']));
    if (set === null) {
      throw new Error('nothing copied');
    }
    const once = pasteNodes(document, set).document;

    expect(pasteNodes(once, set).ids).toEqual(['THANKS_COPY_A']);
  });

  it('keeps a pasted logic node pointing at a screen that was not copied', () => {
    const set = copyNodes(flow(), new Set(['go_1']));
    if (set === null) {
      throw new Error('nothing copied');
    }

    const pasted = pasteNodes(flow(), set);

    expect(pasted.document.logic?.nodes.at(-1)).toEqual({
      id: 'go_to_screen_1',
      type: 'go_to_screen',
      screen: 'THANKS',
    });
  });

  it('reads back only what it wrote', () => {
    const set = copyNodes(flow(), new Set(['ASK']));

    expect(readNodeSet(JSON.stringify(set))).toEqual(set);
    expect(readNodeSet('hello')).toBeNull();
    expect(readNodeSet(JSON.stringify({ ...set, screens: [{ kind: 'screen' }] }))).toBeNull();
    expect(copyNodes(flow(), new Set(['nothing']))).toBeNull();
  });

  it('removes screens with their routes and logic with its edges, but never the last screen', () => {
    const removed = removeNodes(flow(), new Set(['THANKS', 'go_1']));

    expect(removed.nodes.map((node) => node.id)).toEqual(['ASK']);
    expect(removed.flow.routing_model).toEqual({ ASK: [] });
    expect(removed.logic?.edges).toEqual([]);
    expect(removeNodes(flow(), new Set(['ASK', 'THANKS'])).nodes.map((node) => node.id)).toEqual([
      'ASK',
    ]);
    const untouched = flow();
    expect(removeNodes(untouched, new Set(['nothing']))).toBe(untouched);
  });
});
