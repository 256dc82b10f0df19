import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { sampleFlow } from './sample.test-helper';
import { validateFlowJson } from './validate';

describe('buildSampleFlow', () => {
  it('builds Flows the validator accepts, for every version', () => {
    fc.assert(
      fc.property(sampleFlow, (flow) => {
        const errors = validateFlowJson(flow).filter((problem) => problem.severity === 'error');
        expect(errors).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
