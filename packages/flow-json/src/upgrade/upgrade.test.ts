import { describe, expect, it } from 'vitest';

import { loadFixtureFlows } from '../fixtures.test-helper';
import { validateFlowJson } from '../validate';
import { upgradeFlowJson } from './upgrade';

const fixtures = new Map(loadFixtureFlows().map((fixture) => [fixture.name, fixture.flow]));

function fixture(name: string): unknown {
  const flow = fixtures.get(name);
  if (flow === undefined) {
    throw new Error(`no fixture ${name}`);
  }

  return structuredClone(flow);
}

function upgraded(document: unknown, to: Parameters<typeof upgradeFlowJson>[1]) {
  const result = upgradeFlowJson(document, to);
  if (!result.ok) {
    throw new Error(result.message);
  }

  return result;
}

describe('upgradeFlowJson', () => {
  it('adds the labels 4.0 requires and leaves a valid 7.3 Flow', () => {
    const original = fixture('meta-tools_survey_v3.1.flow.json');
    const result = upgraded(original, '7.3');
    expect(result.manual).toEqual([]);
    expect(result.flow.version).toBe('7.3');
    expect(result.changes.map((change) => change.pointer)).toContain(
      '/screens/0/layout/children/0/children/3/label',
    );
    expect(JSON.stringify(result.flow)).toContain('"label":"Tour type"');
    expect(validateFlowJson(result.flow).filter((problem) => problem.severity === 'error')).toEqual(
      [],
    );
    expect(original).toEqual(fixture('meta-tools_survey_v3.1.flow.json'));
  });

  it('removes data_channel_uri and lists what a person must change', () => {
    const result = upgraded(fixture('pywa_docs-examples_v2_1.flows.json › sign_in'), '7.3');
    expect(result.flow).not.toHaveProperty('data_channel_uri');
    expect(
      result.changes.find((change) => change.pointer === '/data_channel_uri')?.message,
    ).toContain('endpoint URI');
    expect(result.manual.map((note) => note.pointer)).toEqual(
      expect.arrayContaining([
        '/routing_model/SIGN_IN',
        '/screens/0/layout/children/0/children/2/text',
      ]),
    );
  });

  it('converts literal DatePicker dates when crossing 5.0 and flags dynamic ones', () => {
    const flow = {
      version: '4.0',
      screens: [
        {
          id: 'WHEN',
          terminal: true,
          data: { last: { type: 'string', __example__: '1760050800000' } },
          layout: {
            type: 'SingleColumnLayout',
            children: [
              {
                type: 'DatePicker',
                name: 'day',
                label: 'Day',
                'min-date': '1696892400000',
                'unavailable-dates': ['1697000000000'],
                'max-date': '${data.last}',
              },
              {
                type: 'Footer',
                label: 'Done',
                'on-click-action': { name: 'complete', payload: {} },
              },
            ],
          },
        },
      ],
    };
    const result = upgraded(flow, '5.0');
    const picker = (
      result.flow.screens as Array<{ layout: { children: Array<Record<string, unknown>> } }>
    )[0]?.layout.children[0];
    expect(picker).toMatchObject({ 'min-date': '2023-10-09', 'unavailable-dates': ['2023-10-11'] });
    expect(result.manual).toEqual([
      expect.objectContaining({ pointer: '/screens/0/layout/children/0/max-date' }),
    ]);
  });

  it('drops blank optional text when crossing 6.0', () => {
    const result = upgraded(fixture('pywa_docs-examples_v2_1.flows.json › support_request'), '6.0');
    expect(result.changes.map((change) => change.pointer)).toContain(
      '/screens/0/layout/children/0/children/1/helper-text',
    );
    expect(result.manual).toEqual([]);
  });

  it('refuses to downgrade or to read a Flow without a known version', () => {
    expect(
      upgradeFlowJson(
        fixture('pywa_docs-examples_v6_1.flows.json › calendar_picker_single_mode'),
        '5.0',
      ),
    ).toMatchObject({ ok: false });
    expect(upgradeFlowJson({ version: '1.0', screens: [] }, '7.3')).toMatchObject({ ok: false });
    expect(upgradeFlowJson([], '7.3')).toMatchObject({ ok: false });
  });

  it('upgrades every fixture without losing a screen', () => {
    for (const flow of fixtures.values()) {
      const result = upgraded(structuredClone(flow), '7.3');
      expect((result.flow.screens as unknown[]).length).toBe(
        (flow as { screens: unknown[] }).screens.length,
      );
    }
  });
});
