import type { ExpressionRoot } from '../expression';
import type { Mapping } from './context';

/** One expression or template inside a node, so it can be parsed when the program is checked. */
export interface ExpressionSite {
  field: string;
  text: string;
  kind: 'expression' | 'template';
  roots?: readonly ExpressionRoot[];
}

export const STEP_ROOTS: readonly ExpressionRoot[] = ['payload', 'vars', 'session', 'screen'];

export function mappingSites(field: string, mapping: Mapping): ExpressionSite[] {
  return Object.entries(mapping).map(([key, text]) => ({
    field: `${field}.${key}`,
    text,
    kind: 'expression',
    roots: STEP_ROOTS,
  }));
}
