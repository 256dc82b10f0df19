import type { GraphDocument } from '@sanjay-flow/graph';
import { describe, expect, it } from 'vitest';

import { layoutPositions, placedAt } from './autoLayout';

function piledUp(): GraphDocument {
  const screen = (id: string, next?: string) => ({
    kind: 'screen' as const,
    id,
    position: { x: 0, y: 0 },
    screen: {
      id,
      title: id,
      layout: {
        type: 'SingleColumnLayout',
        children: next
          ? [
              {
                type: 'Footer',
                label: 'Next',
                'on-click-action': { name: 'navigate', next: { type: 'screen', name: next } },
              },
            ]
          : [],
      },
    },
  });

  return {
    schemaVersion: 1,
    flow: { version: '7.3' },
    nodes: [screen('ONE', 'TWO'), screen('TWO', 'THREE'), screen('THREE')],
    logic: {
      nodes: [{ id: 'opened', type: 'trigger.flow_opened' }],
      edges: [],
      positions: { opened: { x: 0, y: 0 } },
    },
  };
}

describe('automatic layout on demand', () => {
  it('lays screens out left to right along their navigation and places the logic anew', async () => {
    const document = piledUp();

    const positions = await layoutPositions(document);
    const placed = placedAt(document, positions);

    const xs = placed.nodes.map((node) => node.position.x);
    expect(xs[0]).toBeLessThan(xs[1] ?? 0);
    expect(xs[1]).toBeLessThan(xs[2] ?? 0);
    expect(placed.logic?.positions.opened).toEqual(positions.get('opened'));
    expect(placed.logic?.positions.opened).not.toEqual({ x: 0, y: 0 });
  });

  it('leaves nodes it was given no position for where they are', () => {
    const document = piledUp();

    const placed = placedAt(document, new Map([['TWO', { x: 5, y: 6 }]]));

    expect(placed.nodes.map((node) => node.position)).toEqual([
      { x: 0, y: 0 },
      { x: 5, y: 6 },
      { x: 0, y: 0 },
    ]);
  });
});
