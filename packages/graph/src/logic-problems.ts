import { LogicNodeSchema, expressionSitesOf, siteSyntaxError } from '@sanjay-flow/runtime';
import type { LogicNode } from '@sanjay-flow/runtime';

/** One problem of a node being edited, at a field path such as `url` or `assignments.0.variable`. */
export interface LogicFieldProblem {
  field: string;
  message: string;
  /** For expressions and templates: where in the text the parser stopped. */
  offset?: number;
}

export type LogicNodeCheck =
  | { ok: true; node: LogicNode; problems: LogicFieldProblem[] }
  | { ok: false; problems: LogicFieldProblem[] };

/**
 * Reads a node the inspector edited: the node kind's zod schema decides whether it can be
 * stored (`ok`), and the runtime's parser reports expressions and templates that would fail
 * when the logic runs. Expression problems do not stop storing: the text is the user's work.
 */
export function checkLogicNode(value: unknown): LogicNodeCheck {
  const parsed = LogicNodeSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  }

  return { ok: true, node: parsed.data, problems: expressionProblems(parsed.data) };
}

/** Expressions and templates of the node that do not parse, by field (`data.name`, `url`). */
export function expressionProblems(node: LogicNode): LogicFieldProblem[] {
  return expressionSitesOf(node).flatMap((site): LogicFieldProblem[] => {
    const error = siteSyntaxError(site);

    return error === undefined
      ? []
      : [{ field: site.field, message: error.message, offset: error.offset }];
  });
}
