import fc from 'fast-check';

import { SAMPLE_INPUT_KINDS, buildSampleFlow } from './sample';
import type { SampleFlowSpec, SampleInputKind, SampleScreenSpec } from './sample';
import { FLOW_JSON_VERSIONS } from './versions';

const INPUT_KINDS = Object.keys(SAMPLE_INPUT_KINDS) as SampleInputKind[];

/** Non-blank text that cannot be read as a dynamic value. */
export const sampleText = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.!?]{0,18}[A-Za-z0-9.!?]$/);

const screenSpec: fc.Arbitrary<SampleScreenSpec> = fc.record({
  parent: fc.nat({ max: 30 }),
  inputs: fc.array(fc.constantFrom(...INPUT_KINDS), { maxLength: 5 }),
  texts: fc.array(sampleText, { minLength: 1, maxLength: 8 }),
  useForm: fc.boolean(),
  passData: fc.boolean(),
});

/** Descriptions of valid Flows: every version, 1–12 screens, with and without an endpoint. */
export const sampleFlowSpec: fc.Arbitrary<SampleFlowSpec> = fc.record({
  version: fc.constantFrom(...FLOW_JSON_VERSIONS),
  withEndpoint: fc.boolean(),
  screens: fc.array(screenSpec, { minLength: 1, maxLength: 12 }),
});

export const sampleFlow = sampleFlowSpec.map(buildSampleFlow);
