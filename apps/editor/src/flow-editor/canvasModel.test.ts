import type { GraphDocument } from '@sanjay-flow/graph';
import { describe, expect, it } from 'vitest';

import { toCanvasEdges, toCanvasNodes, withPositions } from './canvasModel';

function twoScreenDocument(): GraphDocument {
  return {
    schemaVersion: 1,
    flow: { version: '3.1' },
    nodes: [
      {
        kind: 'screen',
        id: 'WELCOME',
        position: { x: 0, y: 0 },
        screen: {
          id: 'WELCOME',
          title: 'Welcome',
          layout: {
            type: 'SingleColumnLayout',
            children: [
              { type: 'TextHeading', text: 'Hello' },
              {
                type: 'Footer',
                label: 'Next',
                'on-click-action': {
                  name: 'navigate',
                  next: { type: 'screen', name: 'DONE' },
                  payload: {},
                },
              },
            ],
          },
        },
      },
      {
        kind: 'screen',
        id: 'DONE',
        position: { x: 400, y: 0 },
        screen: {
          id: 'DONE',
          title: 'Done',
          terminal: true,
          layout: {
            type: 'SingleColumnLayout',
            children: [
              {
                type: 'Footer',
                label: 'Finish',
                'on-click-action': { name: 'complete', payload: {} },
              },
            ],
          },
        },
      },
    ],
  };
}

describe('toCanvasNodes', () => {
  it('draws one screen card per screen, keeping ids, positions and the terminal mark', () => {
    const nodes = toCanvasNodes(twoScreenDocument());

    expect(nodes.map((node) => [node.id, node.type, node.position])).toEqual([
      ['WELCOME', 'screen', { x: 0, y: 0 }],
      ['DONE', 'screen', { x: 400, y: 0 }],
    ]);
    expect(nodes.map((node) => [node.data.title, node.data.terminal])).toEqual([
      ['Welcome', false],
      ['Done', true],
    ]);
    expect(nodes[0]?.data.components.map((line) => line.type)).toEqual(['TextHeading', 'Footer']);
  });
});

describe('toCanvasEdges', () => {
  it('draws the navigation between screens with its kind', () => {
    const edges = toCanvasEdges(twoScreenDocument());

    expect(edges.map((edge) => [edge.source, edge.target, edge.data?.kind])).toEqual([
      ['WELCOME', 'DONE', 'navigate'],
    ]);
  });
});

describe('withPositions', () => {
  it('moves only the screens whose canvas node moved and keeps everything else', () => {
    const document = twoScreenDocument();
    const nodes = toCanvasNodes(document).map((node) =>
      node.id === 'DONE' ? { ...node, position: { x: 420.5, y: -30 } } : node,
    );

    const moved = withPositions(document, nodes);

    expect(moved.nodes.map((node) => node.position)).toEqual([
      { x: 0, y: 0 },
      { x: 420.5, y: -30 },
    ]);
    expect(moved.nodes[1]?.screen).toBe(document.nodes[1]?.screen);
    expect(moved.flow).toBe(document.flow);
    expect(document.nodes[1]?.position).toEqual({ x: 400, y: 0 });
  });
});
