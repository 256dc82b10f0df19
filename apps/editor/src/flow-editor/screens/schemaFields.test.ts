import { COMPONENT_TYPE_NAMES } from '@sanjay-flow/flow-json';
import { describe, expect, it } from 'vitest';

import { schemaFields, schemaIssues } from './schemaFields';

describe('inspector fields from the component schemas', () => {
  it('reads limits, choices, flags and actions from the TextInput and Footer schemas', () => {
    const fields = new Map(
      schemaFields('TextInput', '7.3').map((field) => [field.property, field]),
    );

    expect(fields.get('label')).toEqual({
      property: 'label',
      required: true,
      field: { kind: 'text', maxLength: 20 },
    });
    expect(fields.get('input-type')?.field).toEqual({
      kind: 'choice',
      options: ['text', 'number', 'email', 'password', 'passcode', 'phone'],
    });
    expect(fields.get('required')).toMatchObject({ required: false, field: { kind: 'boolean' } });
    expect(fields.get('max-chars')?.field).toEqual({ kind: 'number' });
    expect(fields.has('type')).toBe(false);
    expect(
      schemaFields('Footer', '7.3').find((field) => field.property === 'on-click-action')?.field,
    ).toEqual({
      kind: 'action',
      actions: ['navigate', 'data_exchange', 'complete'],
    });
  });

  it('leaves out container content and properties newer than the Flow', () => {
    expect(schemaFields('Form', '7.3').map((field) => field.property)).not.toContain('children');
    expect(schemaFields('If', '7.3').map((field) => field.property)).toEqual(['condition']);
    expect(schemaFields('TextInput', '6.1').map((field) => field.property)).not.toContain(
      'pattern',
    );
    expect(schemaFields('TextInput', '6.2').map((field) => field.property)).toContain('pattern');
  });

  it('gives every component type a form', () => {
    for (const type of COMPONENT_TYPE_NAMES) {
      expect(schemaFields(type, '7.3').length, type).toBeGreaterThan(0);
    }
  });

  it('says what the schema refuses, by property', () => {
    const issues = schemaIssues('TextInput', {
      type: 'TextInput',
      name: 'n',
      label: 'x'.repeat(21),
    });

    expect(issues.get('label')?.[0]).toMatch(/20/);
    expect(schemaIssues('TextInput', { type: 'TextInput', name: 'n', label: 'ok' }).size).toBe(0);
  });
});
