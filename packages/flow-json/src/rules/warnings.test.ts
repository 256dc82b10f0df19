import { describe, expect, it } from 'vitest';

import { baseFlow, screen } from '../invalid/base-flow.test-helper';
import { validateFlowJson, validateFlowJsonText } from '../validate';

describe('warnings, kept apart from errors', () => {
  it('warns about a fixed error message, which the phone would always show', () => {
    const flow = baseFlow();
    const form = screen(flow, 0).layout.children[0] as Record<string, unknown>;
    form['error-messages'] = { first_name: 'Please type your name' };
    expect(validateFlowJson(flow)).toEqual([
      expect.objectContaining({
        code: 'LITERAL_ERROR_MESSAGE',
        severity: 'warning',
        pointer: '/screens/0/layout/children/0/error-messages/first_name',
        componentPath: 'Form "form"',
      }),
    ]);
  });

  it('warns about an input name that no reference can name', () => {
    const flow = baseFlow();
    const form = screen(flow, 0).layout.children[0] as { children: Array<Record<string, unknown>> };
    const input = form.children.find((child) => child['name'] === 'first_name');
    if (input === undefined) {
      throw new Error('the base Flow has a first_name input');
    }
    input['name'] = 'first name!';

    expect(validateFlowJson(flow)).toContainEqual(
      expect.objectContaining({
        code: 'NAME_CANNOT_BE_REFERENCED',
        severity: 'warning',
        pointer: '/screens/0/layout/children/0/children/1/name',
      }),
    );
  });

  it('warns about endpoint settings a Flow does not use', () => {
    const flow = {
      ...baseFlow(),
      data_api_version: '3.0',
      routing_model: { FIRST: ['LAST'], LAST: [] },
    };
    expect(validateFlowJson(flow)).toEqual([
      expect.objectContaining({ code: 'UNUSED_DATA_API_VERSION', severity: 'warning' }),
    ]);
    const withoutVersion = { ...baseFlow(), routing_model: { FIRST: ['LAST'], LAST: [] } };
    expect(validateFlowJson(withoutVersion)).toEqual([
      expect.objectContaining({ code: 'UNUSED_ROUTING_MODEL', severity: 'warning' }),
    ]);
  });
});

describe('problem places', () => {
  it('names the component of a broken reference', () => {
    const flow = baseFlow();
    const form = screen(flow, 0).layout.children[0] as { children: Array<Record<string, unknown>> };
    (form.children[0] as Record<string, unknown>).text = '${data.missing}';
    expect(validateFlowJson(flow)).toEqual([
      expect.objectContaining({
        code: 'INVALID_SCREEN_DYNAMIC_DATA',
        screenId: 'FIRST',
        componentPath: 'Form "form" > TextHeading[0]',
      }),
    ]);
  });

  it('refuses Flow JSON over 10 MB before reading it', () => {
    const text = JSON.stringify({ ...baseFlow(), padding: 'x'.repeat(10 * 1024 * 1024) });
    expect(validateFlowJsonText(text).problems).toEqual([
      expect.objectContaining({ code: 'INVALID_FLOW_JSON', pointer: '' }),
    ]);
  });
});
