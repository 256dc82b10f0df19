import { describe, expect, it } from 'vitest';

import { loadFixtureFlows } from './fixtures.test-helper';
import type { Problem } from './problem';
import { validateFlowJson, validateFlowJsonText } from './validate';

const fixtures = loadFixtureFlows();

function errorsOf(problems: Problem[]): Problem[] {
  return problems.filter((problem) => problem.severity === 'error');
}

function flowWith(
  children: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    version: '7.3',
    screens: [{ id: 'FIRST', terminal: true, layout: { type: 'SingleColumnLayout', children } }],
    ...extra,
  };
}

/** Codes of the rules on Flow-wide structure, left out where a test looks at one shape only. */
const FLOW_WIDE_CODES = new Set([
  'MISSING_TERMINAL_SCREEN',
  'MISSING_FOOTER_ON_TERMINAL_SCREEN',
  'INVALID_ROUTING_MODEL',
  'INVALID_SCREEN_DYNAMIC_DATA',
]);

function structuralProblems(document: unknown): Problem[] {
  return validateFlowJson(document).filter((problem) => !FLOW_WIDE_CODES.has(problem.code));
}

function codes(document: unknown): string[] {
  return errorsOf(structuralProblems(document)).map((problem) => problem.code);
}

describe('validateFlowJson on the real Meta fixtures', () => {
  it('finds all seventeen fixture Flows', () => {
    expect(fixtures).toHaveLength(17);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))(
    '%s has no errors',
    (_name, fixture) => {
      expect(errorsOf(validateFlowJson(fixture.flow))).toEqual([]);
      const fromText = validateFlowJsonText(fixture.text);
      expect(errorsOf(fromText.problems)).toEqual([]);
      expect(fromText.document).toEqual(fixture.flow);
    },
  );
});

describe('validateFlowJson: the document', () => {
  it('rejects a top level that is not an object', () => {
    expect(structuralProblems([])).toMatchObject([{ pointer: '', code: 'INVALID_FLOW_JSON' }]);
    expect(structuralProblems('7.3')).toMatchObject([{ pointer: '', code: 'INVALID_FLOW_JSON' }]);
  });

  it('needs a known version string', () => {
    const withoutVersion = flowWith([]);
    delete withoutVersion.version;
    expect(structuralProblems(withoutVersion)).toContainEqual(
      expect.objectContaining({ pointer: '/version', code: 'MISSING_FLOW_JSON_VERSION' }),
    );
    expect(codes(flowWith([], { version: 7.3 }))).toContain('INVALID_FLOW_JSON_VERSION');
    const unknown = structuralProblems(flowWith([], { version: '8.0' }));
    expect(unknown).toContainEqual(
      expect.objectContaining({ pointer: '/version', code: 'INVALID_FLOW_JSON_VERSION' }),
    );
    expect(unknown[0]?.message).toContain('“8.0”');
  });

  it('warns, without failing, about versions that can no longer be published', () => {
    const problems = structuralProblems(flowWith([], { version: '3.1' }));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'UNSUPPORTED_FLOW_JSON_VERSION', severity: 'warning' }),
    ]);
  });

  it('needs a non-empty list of screens', () => {
    expect(codes({ version: '7.3' })).toEqual(['MISSING_REQUIRED_PROPERTY']);
    expect(codes({ version: '7.3', screens: {} })).toEqual(['INVALID_PROPERTY_TYPE']);
    expect(codes({ version: '7.3', screens: [] })).toEqual(['MIN_ITEMS_REQUIRED']);
    expect(structuralProblems({ version: '7.3', screens: [] })[0]?.pointer).toBe('/screens');
  });

  it('rejects unknown top-level keys and data_channel_uri after 2.1', () => {
    expect(structuralProblems(flowWith([], { colour: 'red' }))).toContainEqual(
      expect.objectContaining({ pointer: '/colour', code: 'INVALID_PROPERTY_KEY' }),
    );
    expect(
      codes(flowWith([], { version: '3.0', data_channel_uri: 'https://example.com' })),
    ).toEqual(['INVALID_PROPERTY_KEY']);
    expect(
      codes(flowWith([], { version: '2.1', data_channel_uri: 'https://example.com' })),
    ).toEqual([]);
  });

  it('checks data_api_version and the shape of routing_model', () => {
    expect(codes(flowWith([], { data_api_version: '2.0', routing_model: { FIRST: [] } }))).toEqual([
      'INVALID_PROPERTY_VALUE',
    ]);
    expect(structuralProblems(flowWith([], { routing_model: { FIRST: 'SECOND' } }))).toContainEqual(
      expect.objectContaining({ pointer: '/routing_model/FIRST', code: 'INVALID_PROPERTY_TYPE' }),
    );
  });
});

describe('validateFlowJson: screens', () => {
  const layout = { type: 'SingleColumnLayout', children: [] };

  it('needs a text id and a layout on every screen', () => {
    const problems = structuralProblems({
      version: '7.3',
      screens: [{ layout }, { id: 4, layout }, { id: 'X' }, 'Y'],
    });
    expect(problems.map(({ pointer, code }) => `${pointer} ${code}`)).toEqual([
      '/screens/0/id MISSING_REQUIRED_PROPERTY',
      '/screens/1/id INVALID_PROPERTY_TYPE',
      '/screens/2/layout MISSING_REQUIRED_PROPERTY',
      '/screens/3 INVALID_PROPERTY_TYPE',
    ]);
    expect(problems[2]?.screenId).toBe('X');
    expect(problems[2]?.message).toContain('Screen “X” has no “layout”');
  });

  it('accepts only SingleColumnLayout with a list of children', () => {
    const screens = [
      { id: 'A', layout: { type: 'TwoColumnLayout', children: [] } },
      { id: 'B', layout: { type: 'SingleColumnLayout', children: {} } },
      { id: 'C', layout: { type: 'SingleColumnLayout' } },
    ];
    expect(
      structuralProblems({ version: '7.3', screens }).map(
        ({ pointer, code }) => `${pointer} ${code}`,
      ),
    ).toEqual([
      '/screens/0/layout/type INVALID_PROPERTY_VALUE',
      '/screens/1/layout/children INVALID_PROPERTY_TYPE',
      '/screens/2/layout/children MISSING_REQUIRED_PROPERTY',
    ]);
  });

  it('rejects duplicate screen ids at the second use', () => {
    const problems = structuralProblems({
      version: '7.3',
      screens: [
        { id: 'A', layout },
        { id: 'B', layout },
        { id: 'A', layout },
      ],
    });
    expect(problems).toEqual([
      expect.objectContaining({
        pointer: '/screens/2/id',
        code: 'DUPLICATE_SCREEN_IDS',
        screenId: 'A',
      }),
    ]);
    expect(problems[0]?.message).toContain('1st and the 3rd screen');
  });

  it('reserves SUCCESS in any letter case', () => {
    expect(codes({ version: '7.3', screens: [{ id: 'SUCCESS', layout }] })).toEqual([
      'SCREEN_ID_IS_RESERVED_KEYWORD',
    ]);
    expect(codes({ version: '7.3', screens: [{ id: 'Success', layout }] })).toEqual([
      'SCREEN_ID_IS_RESERVED_KEYWORD',
    ]);
  });
});

describe('validateFlowJson: components', () => {
  const text = { type: 'TextBody', text: 'Hello' };

  it('finds an unknown type deep inside a Form, with its pointer and screen', () => {
    const flow = {
      version: '7.3',
      screens: [
        { id: 'FIRST', layout: { type: 'SingleColumnLayout', children: [text] } },
        {
          id: 'SECOND',
          layout: {
            type: 'SingleColumnLayout',
            children: [
              { type: 'Form', name: 'details', children: [text, text, { type: 'Slider' }] },
            ],
          },
        },
      ],
    };
    const [problem, ...rest] = structuralProblems(flow);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      pointer: '/screens/1/layout/children/0/children/2/type',
      code: 'UNKNOWN_COMPONENT_TYPE',
      screenId: 'SECOND',
      severity: 'error',
    });
    expect(problem?.message).toBe(
      'The 3rd component in the Form “details” of screen “SECOND” has the type “Slider”, which is not a WhatsApp Flows component.',
    );
  });

  it('walks If branches and Switch cases', () => {
    const flow = flowWith([
      { type: 'If', condition: '${form.ok}', then: [text], else: [{ type: 'Blink' }] },
      { type: 'Switch', value: '${data.kind}', cases: { a: [text], b: [{ type: 'Marquee' }] } },
    ]);
    expect(
      errorsOf(structuralProblems(flow)).map(({ pointer, code }) => `${pointer} ${code}`),
    ).toEqual([
      '/screens/0/layout/children/0/else/0/type UNKNOWN_COMPONENT_TYPE',
      '/screens/0/layout/children/1/cases/b/0/type UNKNOWN_COMPONENT_TYPE',
    ]);
  });

  it('suggests the right spelling of a type in the wrong case', () => {
    const [problem] = structuralProblems(flowWith([{ type: 'textinput' }]));
    expect(problem?.message).toContain('Did you mean “TextInput”?');
  });

  it('rejects components without a type or that are not objects', () => {
    expect(
      structuralProblems(flowWith([{ text: 'x' }, 'TextBody', { type: 3 }])).map(
        ({ pointer, code }) => `${pointer} ${code}`,
      ),
    ).toEqual([
      '/screens/0/layout/children/0/type MISSING_REQUIRED_TYPE_PROPERTY',
      '/screens/0/layout/children/1 INVALID_PROPERTY_TYPE',
      '/screens/0/layout/children/2/type INVALID_PROPERTY_TYPE',
    ]);
  });

  it('rejects containers whose children are not lists', () => {
    const flow = flowWith([
      { type: 'Form', name: 'f' },
      { type: 'If', condition: '${form.ok}', then: text },
      { type: 'Switch', value: '${data.kind}', cases: { a: text } },
    ]);
    expect(structuralProblems(flow).map(({ pointer, code }) => `${pointer} ${code}`)).toEqual([
      '/screens/0/layout/children/0/children MISSING_REQUIRED_PROPERTY',
      '/screens/0/layout/children/1/then INVALID_PROPERTY_TYPE',
      '/screens/0/layout/children/2/cases/a INVALID_PROPERTY_TYPE',
    ]);
  });

  it('rejects a component newer than the Flow version', () => {
    const [problem] = structuralProblems(
      flowWith([{ type: 'CalendarPicker', name: 'when', label: 'When' }], { version: '6.0' }),
    );
    expect(problem).toMatchObject({
      code: 'COMPONENT_NEEDS_NEWER_VERSION',
      pointer: '/screens/0/layout/children/0/type',
    });
    expect(problem?.message).toContain('needs Flow JSON 6.1 or later');
    expect(
      codes(
        flowWith([{ type: 'CalendarPicker', name: 'when', label: 'When' }], { version: '6.1' }),
      ),
    ).toEqual([]);
  });
});

describe('validateFlowJsonText', () => {
  it('reports text that is not JSON with its line and column', () => {
    const { document, problems } = validateFlowJsonText(
      '{\n  "version": "7.3",\n  "screens": [,]\n}',
    );
    expect(document).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ code: 'INVALID_JSON', pointer: '', line: 3, column: 15 }),
    ]);
  });

  it('places each problem at the value its pointer names', () => {
    const text = JSON.stringify(
      flowWith([{ type: 'Form', name: 'f', children: [{ type: 'Nope' }] }]),
      null,
      2,
    );
    const { problems } = validateFlowJsonText(text);
    const lines = text.split('\n');
    const [problem] = problems;
    expect(problem?.line).toBeDefined();
    expect(lines[(problem?.line ?? 0) - 1]?.slice((problem?.column ?? 0) - 1)).toBe('"Nope"');
  });

  it('places a missing property at the object that lacks it', () => {
    const { problems } = validateFlowJsonText('\n\n  {"screens": []}');
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'MISSING_FLOW_JSON_VERSION',
        pointer: '/version',
        line: 3,
        column: 3,
      }),
    );
  });
});
