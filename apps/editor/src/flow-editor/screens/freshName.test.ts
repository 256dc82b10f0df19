import { describe, expect, it } from 'vitest';

import { freshName } from './freshName';

describe('freshName', () => {
  it('starts at 1 by default', () => {
    expect(freshName('field_', () => false)).toBe('field_1');
  });

  it('skips names already taken, counting on from the given number', () => {
    const taken = new Set(['case_3', 'case_4', 'case_6']);

    expect(freshName('case_', (name) => taken.has(name), 3)).toBe('case_5');
  });
});
