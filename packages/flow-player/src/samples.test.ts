import fc from 'fast-check';
import { FLOW_JSON_VERSIONS, SAMPLE_INPUT_KINDS, buildSampleFlow } from '@sanjay-flow/flow-json';
import type { SampleInputKind } from '@sanjay-flow/flow-json';
import { describe, expect, it } from 'vitest';

import { FlowPlayerError, createFlowPlayer } from './index';
import { routingEndpoint, walkFlow } from './walk.test-helper';

const sampleSpec = fc.record({
  version: fc.constantFrom(...FLOW_JSON_VERSIONS),
  withEndpoint: fc.boolean(),
  screens: fc.array(
    fc.record({
      parent: fc.nat({ max: 6 }),
      inputs: fc.array(fc.constantFrom(...(Object.keys(SAMPLE_INPUT_KINDS) as SampleInputKind[])), {
        maxLength: 4,
      }),
      texts: fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,12}[a-z]$/), {
        minLength: 1,
        maxLength: 4,
      }),
      useForm: fc.boolean(),
      passData: fc.boolean(),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

describe('generated Flows of every version (property)', () => {
  it('play to their end, completing with the keys their complete action declares', () => {
    fc.assert(
      fc.property(sampleSpec, (spec) => {
        const flow = buildSampleFlow(spec) as Parameters<typeof routingEndpoint>[0];
        const player = createFlowPlayer(flow);
        const walk = walkFlow(player, player.start({ examples: true }), routingEndpoint(flow));

        expect(walk.state.status).toBe('completed');
        if (walk.completed !== undefined) {
          expect(Object.keys(walk.completed).sort()).toEqual(walk.declaredKeys);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('whatever a caller passes as an input value (property)', () => {
  it('is taken or refused with a FlowPlayerError, never a crash', () => {
    fc.assert(
      fc.property(
        sampleSpec,
        fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }),
        (spec, values) => {
          const player = createFlowPlayer(buildSampleFlow(spec));
          const state = player.start({ examples: true });
          const inputs = player.view(state).inputs;
          values.forEach((value, index) => {
            const input = inputs[index % Math.max(inputs.length, 1)];
            if (input === undefined) {
              return;
            }
            try {
              const step = player.input(state, input.name, value);
              player.view(step.state);
            } catch (error) {
              expect(error).toBeInstanceOf(FlowPlayerError);
            }
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('whatever an endpoint replies (property)', () => {
  it('is taken or refused with a FlowPlayerError, never a crash', () => {
    const reply = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        screen: fc.constantFrom('SCREEN_A', 'SCREEN_B', 'SCREEN_C', 'SUCCESS', '__proto__'),
        data: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })),
      }),
    );
    fc.assert(
      fc.property(sampleSpec, reply, (spec, answer) => {
        const player = createFlowPlayer(buildSampleFlow({ ...spec, withEndpoint: true }));
        const opened = player.start({ examples: true });
        const state = {
          ...opened,
          pending: { action: 'data_exchange' as const, screen: opened.screen },
        };
        try {
          player.view(player.receive(state, answer));
        } catch (error) {
          expect(error).toBeInstanceOf(FlowPlayerError);
        }
      }),
      { numRuns: 60 },
    );
  });
});
