import fc from 'fast-check';
import {
  FLOW_JSON_VERSIONS,
  SAMPLE_INPUT_KINDS,
  buildSampleFlow,
  validateFlowJson,
} from '@sanjay-flow/flow-json';
import type { SampleInputKind } from '@sanjay-flow/flow-json';
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

/** Valid Flows of every version, with unknown screen properties the import must keep. */
const sampleFlow = fc
  .record({
    version: fc.constantFrom(...FLOW_JSON_VERSIONS),
    withEndpoint: fc.boolean(),
    screens: fc.array(
      fc.record({
        parent: fc.nat({ max: 20 }),
        inputs: fc.array(
          fc.constantFrom(...(Object.keys(SAMPLE_INPUT_KINDS) as SampleInputKind[])),
          { maxLength: 4 },
        ),
        texts: fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,12}[a-z]$/), {
          minLength: 1,
          maxLength: 5,
        }),
        useForm: fc.boolean(),
        passData: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .chain((spec) =>
    fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }).map((note) => {
      const flow = buildSampleFlow(spec) as { screens: Array<Record<string, unknown>> };
      if (note !== undefined) {
        flow.screens.forEach((screen) => (screen['x-note'] = note));
      }

      return flow;
    }),
  );

describe('import then compile (property)', () => {
  it('gives back any valid Flow, unknown properties included', async () => {
    await fc.assert(
      fc.asyncProperty(sampleFlow, async (flow) => {
        const errors = validateFlowJson(flow).filter((problem) => problem.severity === 'error');
        expect(
          errors.every(
            (problem) =>
              problem.code === 'INVALID_PROPERTY_KEY' && problem.pointer.endsWith('/x-note'),
          ),
        ).toBe(true);
        const compiled = compileGraph(await importFlowJson(flow));
        // Compared as JSON: the generator may produce -0, which JSON writes as 0.
        expect(compiled.flowJson).toEqual(JSON.parse(JSON.stringify(flow)));
        expect(compileGraph(await importFlowJson(compiled.flowJson)).contentHash).toBe(
          compiled.contentHash,
        );
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
