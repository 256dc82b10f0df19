import { describe, expect, it } from 'vitest';

import { inspectorFieldId, splitSelectionPointer } from './fieldIds';

describe('inspector field ids', () => {
  it('finds the component and the property a pointer names', () => {
    expect(splitSelectionPointer('/layout/children/0/children/2/label')).toEqual({
      component: '/layout/children/0/children/2',
      property: 'label',
    });
    expect(splitSelectionPointer('/layout/children/1/cases/a~1b/0')).toEqual({
      component: '/layout/children/1/cases/a~1b/0',
    });
    expect(splitSelectionPointer('/layout/children/3/on-click-action/payload/x')).toEqual({
      component: '/layout/children/3',
      property: 'on-click-action',
    });
    expect(splitSelectionPointer('/data/email')).toEqual({ property: 'data' });
  });

  it('makes distinct, valid element ids', () => {
    const id = inspectorFieldId('WELCOME', '/layout/children/0', 'label');
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(id).not.toBe(inspectorFieldId('WELCOME', '/layout/children/0', 'label-variant'));
    expect(inspectorFieldId('A', '/x', 'y')).not.toBe(inspectorFieldId('A', '', 'x/y'));
  });
});
