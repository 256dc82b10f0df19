import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { sampleFlow } from './sample.test-helper';
import { validateFlowJson } from './validate';

describe('buildSampleFlow', () => {
  it('builds Flows the validator accepts without a remark, for every version', () => {
    fc.assert(
      fc.property(sampleFlow, (flow) => {
        // Nothing but the notice that an old version can no longer be published.
        const problems = validateFlowJson(flow).filter(
          (problem) => problem.code !== 'UNSUPPORTED_FLOW_JSON_VERSION',
        );
        expect(problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
