import { describe, expect, it } from 'vitest';

import { stepContext } from '../../testing/fakes.test-helper';
import { executeLookupTable } from './execute';
import type { LookupTableNode } from './schema';
import { LookupTableNodeSchema, defaultLookupTableNode } from './schema';

const node: LookupTableNode = {
  ...defaultLookupTableNode('pin'),
  key: 'payload.pincode',
  keyColumn: 'pincode',
  rows: [
    { pincode: 411001, city: 'Pune', delivery: true },
    { pincode: 560001, city: 'Bengaluru', delivery: false },
  ],
  mapping: [
    { variable: 'city', column: 'city' },
    { variable: 'canDeliver', column: 'delivery' },
    { variable: 'zone', column: 'zone' },
  ],
};

describe('lookup_table', () => {
  it('finds a row by comparing the key as text and maps its columns', () => {
    const context = stepContext({ payload: { pincode: '560001' } });
    expect(executeLookupTable(node, context)).toMatchObject({ port: 'found' });
    expect(context.variables).toEqual({ city: 'Bengaluru', canDeliver: false, zone: null });
  });

  it('leaves by port missing and writes nothing when no row matches', () => {
    const context = stepContext({ payload: { pincode: '999999' } });
    expect(executeLookupTable(node, context)).toMatchObject({ port: 'missing' });
    expect(context.variables).toEqual({});
  });

  it('accepts its defaults', () => {
    expect(LookupTableNodeSchema.safeParse(defaultLookupTableNode('x')).success).toBe(true);
  });
});
