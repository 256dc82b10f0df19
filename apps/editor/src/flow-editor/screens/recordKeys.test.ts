import { describe, expect, it } from 'vitest';

import { renameKey, withoutKey } from './recordKeys';

describe('renameKey', () => {
  it('renames in place, keeping the order and the values', () => {
    const renamed = renameKey({ first: 1, second: 2, third: 3 }, 'second', 'middle');

    expect(Object.entries(renamed)).toEqual([
      ['first', 1],
      ['middle', 2],
      ['third', 3],
    ]);
  });

  it('leaves the record as it was when the key is absent', () => {
    expect(renameKey({ only: 'a' }, 'missing', 'other')).toEqual({ only: 'a' });
  });
});

describe('withoutKey', () => {
  it('drops the key and keeps the others in order', () => {
    expect(Object.keys(withoutKey({ first: 1, second: 2, third: 3 }, 'second'))).toEqual([
      'first',
      'third',
    ]);
  });
});
