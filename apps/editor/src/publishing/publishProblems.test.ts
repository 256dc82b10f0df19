import { describe, expect, it } from 'vitest';

import { problemsByNode } from './publishProblems';

describe('publish problems on the canvas', () => {
  it('groups problems by the screen node they point at and leaves Flow-wide ones out', () => {
    const byNode = problemsByNode([
      { source: 'meta', code: 'A', message: 'one', pointer: '/screens/0/x', nodeId: 'ASK' },
      { source: 'meta', code: 'B', message: 'two', pointer: '/screens/0/y', nodeId: 'ASK' },
      { source: 'local', code: 'C', message: 'three', pointer: '/screens/1', nodeId: 'THANKS' },
      { source: 'meta', code: 'D', message: 'whole', pointer: '' },
    ]);

    expect([...byNode.keys()]).toEqual(['ASK', 'THANKS']);
    expect(byNode.get('ASK')?.map((p) => p.message)).toEqual(['one', 'two']);
  });
});
