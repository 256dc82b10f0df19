import { validateFlowJsonText } from '@sanjay-flow/flow-json';

import type { FlowValidationError } from '../state';

/**
 * Checks an uploaded Flow JSON text with the product's validator and words each error the way
 * the Flows API does: Meta's code, a type, a message and the line/column span of the value.
 * Warnings are not reported: Meta's list holds only what blocks publishing.
 */
export function flowValidationErrors(text: string): FlowValidationError[] {
  return validateFlowJsonText(text)
    .problems.filter((problem) => problem.severity === 'error')
    .map((problem) => ({
      error: problem.code,
      error_type: problem.code === 'INVALID_JSON' ? 'JSON_SYNTAX_ERROR' : 'FLOW_JSON_ERROR',
      message:
        problem.pointer === '' ? problem.message : `${problem.message} (at ${problem.pointer})`,
      ...(problem.line === undefined
        ? {}
        : {
            line_start: problem.line,
            line_end: problem.line,
            column_start: problem.column ?? 1,
            column_end: problem.column ?? 1,
          }),
    }));
}
