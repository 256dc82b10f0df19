import { isTruthy } from '../../expression';
import type { StepContext, StepOutcome } from '../context';
import { evaluateIn } from '../context';
import type { ConditionNode } from './schema';

export function executeCondition(node: ConditionNode, context: StepContext): StepOutcome {
  const value = evaluateIn(context, 'expression', node.expression);
  const port = isTruthy(value) ? 'true' : 'false';

  return { kind: 'continue', port, detail: { result: port }, values: { value } };
}
