import type { JsonValue } from '../json';

export const EXPRESSION_ROOTS = ['payload', 'vars', 'session', 'screen', 'response'] as const;
export type ExpressionRoot = (typeof EXPRESSION_ROOTS)[number];

export type BinaryOperator =
  '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | '+' | '-' | '*' | '/' | '%';

export type UnaryOperator = '!' | '-';

/** Every node carries the offset of its first character (or of its operator) for error messages. */
export type ExpressionNode =
  | { kind: 'literal'; value: JsonValue; offset: number }
  | { kind: 'array'; items: ExpressionNode[]; offset: number }
  | { kind: 'root'; name: ExpressionRoot; offset: number }
  | { kind: 'member'; object: ExpressionNode; property: string; offset: number }
  | { kind: 'index'; object: ExpressionNode; index: ExpressionNode; offset: number }
  | { kind: 'unary'; operator: UnaryOperator; operand: ExpressionNode; offset: number }
  | {
      kind: 'binary';
      operator: BinaryOperator;
      left: ExpressionNode;
      right: ExpressionNode;
      offset: number;
    }
  | { kind: 'call'; name: string; args: ExpressionNode[]; offset: number };
