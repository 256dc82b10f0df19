import fc from 'fast-check';
import { validateFlowJson } from '@sanjay-flow/flow-json';
import { describe, expect, it } from 'vitest';

import { compileGraph } from './compile';
import { loadFixtureFlows } from './fixtures.test-helper';
import { importFlowJson } from './import';
import { upgradeGraphDocument } from './upgrade';

const fixtures = loadFixtureFlows();

describe('import then compile gives back every real Meta Flow', () => {
  it('finds the fixtures', () => {
    expect(fixtures.length).toBe(17);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture.flow] as const))(
    '%s',
    async (_name, flow) => {
      const graph = await importFlowJson(flow);
      expect(compileGraph(graph).flowJson).toEqual(flow);
      // A stored document read back through the upgrade path compiles the same.
      const stored = JSON.parse(JSON.stringify(graph)) as unknown;
      expect(compileGraph(upgradeGraphDocument(stored)).flowJson).toEqual(flow);
    },
  );
});

const SCREEN_IDS = ['WELCOME', 'DETAILS', 'CONFIRM', 'THANKS', 'EXTRA_INFO'];
const VERSIONS = ['5.1', '6.0', '6.3', '7.0', '7.3'];

const textComponent = fc.record({
  type: fc.constantFrom('TextHeading', 'TextSubheading', 'TextBody', 'TextCaption'),
  text: fc.string({ minLength: 1, maxLength: 20 }),
});
const inputComponent = fc.record(
  {
    type: fc.constant('TextInput'),
    name: fc.stringMatching(/^[a-z][a-z_]{0,8}$/),
    label: fc.string({ minLength: 1, maxLength: 20 }),
    required: fc.boolean(),
  },
  { requiredKeys: ['type', 'name', 'label'] },
);

function footer(target: string | undefined) {
  const action =
    target === undefined
      ? { name: 'complete', payload: {} }
      : { name: 'navigate', next: { type: 'screen', name: target }, payload: {} };

  return fc.record({
    type: fc.constant('Footer'),
    label: fc.string({ minLength: 1, maxLength: 35 }),
    'on-click-action': fc.constant(action),
  });
}

/** Screens in order; each leads to the next one, and the last one completes the Flow. */
const smallFlow = fc
  .record({
    version: fc.constantFrom(...VERSIONS),
    screenCount: fc.integer({ min: 1, max: SCREEN_IDS.length }),
    withEndpoint: fc.boolean(),
    extraScreenKey: fc.option(fc.jsonValue(), { nil: undefined }),
  })
  .chain(({ version, screenCount, withEndpoint, extraScreenKey }) => {
    const ids = SCREEN_IDS.slice(0, screenCount);
    const screens = ids.map((id, index) => {
      const next = ids[index + 1];
      const children = fc
        .tuple(
          fc.array(fc.oneof(textComponent, inputComponent), { maxLength: 4 }),
          footer(next),
          fc.boolean(),
        )
        .map(([body, button, inForm]) =>
          inForm
            ? [{ type: 'Form', name: 'form', children: [...body, button] }]
            : [...body, button],
        );

      return fc.record(
        {
          id: fc.constant(id),
          title: fc.string({ maxLength: 20 }),
          terminal: fc.constant(next === undefined),
          data: fc.constant({}),
          layout: children.map((list) => ({ type: 'SingleColumnLayout', children: list })),
          ...(extraScreenKey === undefined ? {} : { 'x-note': fc.constant(extraScreenKey) }),
        },
        { requiredKeys: ['id', 'terminal', 'layout'] },
      );
    });
    const routing = Object.fromEntries(
      ids.map((id, index) => [id, ids.slice(index + 1, index + 2)]),
    );

    return fc
      .tuple(...screens)
      .map((list) =>
        withEndpoint
          ? { version, data_api_version: '3.0', routing_model: routing, screens: list }
          : { version, screens: list },
      );
  });

describe('import then compile (property)', () => {
  it('gives back any small valid Flow', async () => {
    await fc.assert(
      fc.asyncProperty(smallFlow, async (flow) => {
        const errors = validateFlowJson(flow).filter((problem) => problem.severity === 'error');
        const valid = errors.every((problem) => problem.pointer.endsWith('/x-note'));
        expect(valid).toBe(true);
        expect(compileGraph(await importFlowJson(flow)).flowJson).toEqual(flow);
      }),
      { numRuns: 60 },
    );
  });
});
