import { parseJsonText, parsePointer, validateFlowJsonText } from '@sanjay-flow/flow-json';

import type { FlowValidationError, FlowValidationPointer, UnpublishedRule } from '../state';

/**
 * Checks an uploaded Flow JSON text with the product's validator and words each error the way
 * the Flows API does: Meta's code, a type, a message, the line/column span of the value and a
 * `pointers` entry with its path. Warnings are not reported: Meta's list holds only what blocks
 * publishing. `rules` are Meta's unpublished rules, reported where the text has their pointer.
 */
export function flowValidationErrors(
  text: string,
  rules: readonly UnpublishedRule[] = [],
): FlowValidationError[] {
  const found = validateFlowJsonText(text)
    .problems.filter((problem) => problem.severity === 'error')
    .map((problem) =>
      located(
        {
          error: problem.code,
          error_type: problem.code === 'INVALID_JSON' ? 'JSON_SYNTAX_ERROR' : 'FLOW_JSON_ERROR',
          message:
            problem.pointer === '' ? problem.message : `${problem.message} (at ${problem.pointer})`,
        },
        problem.pointer,
        problem.line === undefined
          ? undefined
          : { line: problem.line, column: problem.column ?? 1 },
      ),
    );

  return [...found, ...unpublishedRuleErrors(text, rules)];
}

function unpublishedRuleErrors(
  text: string,
  rules: readonly UnpublishedRule[],
): FlowValidationError[] {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return [];
  }

  return rules.flatMap((rule) => {
    const position = parsed.positionOf(rule.pointer);

    return position === undefined
      ? []
      : [
          located(
            { error: rule.error, error_type: 'FLOW_JSON_ERROR', message: rule.message },
            rule.pointer,
            position,
          ),
        ];
  });
}

function located(
  error: FlowValidationError,
  pointer: string,
  position: { line: number; column: number } | undefined,
): FlowValidationError {
  if (position === undefined) {
    return error;
  }
  const span = {
    line_start: position.line,
    line_end: position.line,
    column_start: position.column,
    column_end: position.column,
  };
  const pointers: FlowValidationPointer[] =
    pointer === '' ? [] : [{ ...span, path: metaPath(pointer) }];

  return { ...error, ...span, ...(pointers.length === 0 ? {} : { pointers }) };
}

/** `/screens/0/layout/children/1` → `screens[0].layout.children[1]`, Meta's way. */
function metaPath(pointer: string): string {
  return parsePointer(pointer)
    .map((token, index) => (/^\d+$/.test(token) ? `[${token}]` : index === 0 ? token : `.${token}`))
    .join('');
}
