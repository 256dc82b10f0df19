import type { GraphDocument } from '@sanjay-flow/graph';
import { describe, expect, it } from 'vitest';

import { componentProblems, screenProblems } from './screenProblems';

const doc: GraphDocument = {
  schemaVersion: 1,
  flow: { version: '7.3' },
  nodes: [
    {
      kind: 'screen',
      id: 'node-a',
      position: { x: 0, y: 0 },
      screen: {
        id: 'A',
        terminal: true,
        layout: {
          type: 'SingleColumnLayout',
          children: [
            {
              type: 'Form',
              name: 'form',
              children: [{ type: 'TextInput', name: 'n', label: 'A label that is far too long' }],
            },
            { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete' } },
          ],
        },
      },
    },
  ],
};

describe('validator problems on screens', () => {
  it('places each problem on its node and component property', () => {
    const problems = screenProblems(doc);
    expect(problems.some((found) => found.nodeId === 'node-a')).toBe(true);

    const input = componentProblems(problems, 'node-a', '/layout/children/0/children/0');
    expect(input.get('label')?.join(' ')).toMatch(/20/);
    // The Form itself does not carry its child's problem.
    expect(
      componentProblems(problems, 'node-a', '/layout/children/0').get('children'),
    ).toBeUndefined();
  });
});
