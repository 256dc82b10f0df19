import { describe, expect, it } from 'vitest';

import { validateFlowJson, validateFlowJsonText } from '../validate';
import { baseFlow } from './base-flow.test-helper';
import { INVALID_CASES_A } from './cases.test-helper';
import { INVALID_CASES_B } from './cases-b.test-helper';
import { INVALID_CASES_C } from './cases-c.test-helper';

const CASES = [...INVALID_CASES_A, ...INVALID_CASES_B, ...INVALID_CASES_C];

describe('invalid Flows, one broken rule each', () => {
  it('starts from a valid Flow and has at least 60 cases', () => {
    expect(validateFlowJson(baseFlow())).toEqual([]);
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const errors = validateFlowJson(entry.build()).filter(
      (problem) => problem.severity === 'error',
    );
    expect(errors.map((problem) => `${problem.code} ${problem.pointer}`)).toContain(
      `${entry.code} ${entry.pointer}`,
    );
    expect(new Set(errors.map((problem) => problem.code))).toEqual(new Set([entry.code]));
  });

  it('places every case in the text with a line and a column', () => {
    for (const entry of CASES) {
      const { problems } = validateFlowJsonText(JSON.stringify(entry.build(), null, 2));
      expect(
        problems.every((problem) => problem.line !== undefined && problem.column !== undefined),
      ).toBe(true);
    }
  });
});
