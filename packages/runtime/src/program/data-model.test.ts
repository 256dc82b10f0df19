import { describe, expect, it } from 'vitest';

import type { JsonObject } from '../json';
import type { DataModel } from './data-model';
import { DataModelSchema, findDataMismatch } from './data-model';

const model: DataModel = {
  name: { type: 'string', __example__: 'Ana' },
  age: { type: 'integer', __example__: 4 },
  price: { type: 'number', __example__: 1.5 },
  vip: { type: 'boolean', __example__: true },
  address: {
    type: 'object',
    properties: { city: { type: 'string' } },
    __example__: { city: 'Pune' },
  },
  slots: {
    type: 'array',
    items: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } },
    __example__: [],
  },
};

const valid: JsonObject = {
  name: 'Ana',
  age: 4,
  price: 9.99,
  vip: false,
  address: { city: 'Pune', extra: 1 },
  slots: [{ id: '1', title: '09:00' }, { id: '2' }],
};

describe('findDataMismatch', () => {
  it('accepts data that fits, extra keys and an error_message', () => {
    expect(findDataMismatch(model, valid)).toBeNull();
    expect(
      findDataMismatch(model, { ...valid, undeclared: [1], error_message: 'Try again' }),
    ).toBeNull();
  });

  it.each([
    [{ ...valid, name: undefined }, 'data.name: declared by the screen but missing from the reply'],
    [{ ...valid, name: 5 }, 'data.name: expected a string, got a number'],
    [{ ...valid, age: 4.5 }, 'data.age: expected an integer, got a number'],
    [{ ...valid, price: '9.99' }, 'data.price: expected a number, got a string'],
    [{ ...valid, vip: 'yes' }, 'data.vip: expected a boolean, got a string'],
    [{ ...valid, address: [] }, 'data.address: expected an object, got an array'],
    [{ ...valid, address: { city: null } }, 'data.address.city: expected a string, got null'],
    [{ ...valid, slots: {} }, 'data.slots: expected an array, got an object'],
    [{ ...valid, slots: [{ id: 1 }] }, 'data.slots[0].id: expected a string, got a number'],
    [{ ...valid, slots: ['09:00'] }, 'data.slots[0]: expected an object, got a string'],
    [{ ...valid, error_message: 3 }, 'data.error_message: expected a string, got a number'],
  ])('names the key in %j', (data, message) => {
    const cleaned = JSON.parse(JSON.stringify(data)) as Record<string, never>;
    expect(findDataMismatch(model, cleaned)).toBe(message);
  });

  it('parses a Flow JSON data model, keeping unknown keywords', () => {
    const parsed = DataModelSchema.safeParse({
      x: { type: 'string', __example__: 'a', description: 'kept' },
    });
    expect(parsed.success).toBe(true);
    expect(DataModelSchema.safeParse({ x: { type: 'date' } }).success).toBe(false);
  });
});
