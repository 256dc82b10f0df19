import { objectFromEntries, setOwn } from '../../json';
import type { JsonValue } from '../../json';
import type { StepContext, StepOutcome } from '../context';
import { evaluateIn } from '../context';
import type { SetDataNode } from './schema';

export function executeSetData(node: SetDataNode, context: StepContext): StepOutcome {
  const written: [string, JsonValue][] = [];
  for (const [index, assignment] of node.assignments.entries()) {
    const value = evaluateIn(context, `assignments[${index}]`, assignment.expression);
    setOwn(context.variables, assignment.variable, value);
    written.push([assignment.variable, value]);
  }

  return {
    kind: 'continue',
    detail: { variables: written.map(([name]) => name) },
    values: objectFromEntries(written),
  };
}
