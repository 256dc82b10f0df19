import type { DynamicValue, Expression, Reference } from './ast';

/** The JSON type a value has at run time; `unknown` when it cannot be told before. */
export type ValueType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'unknown';

export interface TypeIssue {
  message: string;
  offset: number;
}

export interface TypedExpression {
  type: ValueType;
  issues: TypeIssue[];
}

/** Every `${…}` reference in a parsed value, in text order. */
export function referencesOf(value: DynamicValue): Reference[] {
  switch (value.kind) {
    case 'static':
      return [];
    case 'reference':
      return [value.reference];
    case 'expression':
      return expressionReferences(value.expression);
  }
}

function expressionReferences(expression: Expression): Reference[] {
  switch (expression.kind) {
    case 'reference':
      return [expression.reference];
    case 'unary':
      return expressionReferences(expression.operand);
    case 'binary':
      return [...expressionReferences(expression.left), ...expressionReferences(expression.right)];
    case 'concat':
      return expression.parts.flatMap(expressionReferences);
    case 'string':
    case 'number':
    case 'boolean':
      return [];
  }
}

/**
 * Works out an expression's type and what is wrong with its operands (spec A6): `==`/`!=`
 * compare values of one type, `<`…`>=` and arithmetic take numbers, `!`/`&&`/`||` booleans,
 * and juxtaposition joins text.
 */
export function typeExpression(
  expression: Expression,
  typeOf: (reference: Reference) => ValueType,
): TypedExpression {
  const issues: TypeIssue[] = [];
  const type = infer(expression, typeOf, issues);

  return { type, issues };
}

function infer(
  expression: Expression,
  typeOf: (reference: Reference) => ValueType,
  issues: TypeIssue[],
): ValueType {
  switch (expression.kind) {
    case 'reference':
      return typeOf(expression.reference);
    case 'string':
    case 'number':
    case 'boolean':
      return expression.kind;
    case 'concat':
      expression.parts.forEach((part) => infer(part, typeOf, issues));

      return 'string';
    case 'unary': {
      const operand = infer(expression.operand, typeOf, issues);
      const wanted = expression.operator === '!' ? 'boolean' : 'number';
      expect(operand, wanted, expression.operator, expression.start, issues);

      return wanted;
    }
    case 'binary':
      return inferBinary(expression, typeOf, issues);
  }
}

function inferBinary(
  expression: Extract<Expression, { kind: 'binary' }>,
  typeOf: (reference: Reference) => ValueType,
  issues: TypeIssue[],
): ValueType {
  const left = infer(expression.left, typeOf, issues);
  const right = infer(expression.right, typeOf, issues);
  const { operator } = expression;
  switch (operator) {
    case '&&':
    case '||':
      expect(left, 'boolean', operator, expression.left.start, issues);
      expect(right, 'boolean', operator, expression.right.start, issues);

      return 'boolean';
    case '==':
    case '!=':
      if (left !== 'unknown' && right !== 'unknown' && left !== right) {
        issues.push({
          message: `“${operator}” compares a ${left} with a ${right}; both sides must have the same type`,
          offset: expression.start,
        });
      }

      return 'boolean';
    case '<':
    case '<=':
    case '>':
    case '>=':
      expect(left, 'number', operator, expression.left.start, issues);
      expect(right, 'number', operator, expression.right.start, issues);

      return 'boolean';
    case '+':
    case '-':
    case '/':
    case '%':
      expect(left, 'number', operator, expression.left.start, issues);
      expect(right, 'number', operator, expression.right.start, issues);

      return 'number';
  }
}

function expect(
  found: ValueType,
  wanted: ValueType,
  operator: string,
  offset: number,
  issues: TypeIssue[],
): void {
  if (found !== 'unknown' && found !== wanted) {
    issues.push({ message: `“${operator}” needs a ${wanted} here, but gets a ${found}`, offset });
  }
}

/** Whether an expression reads any reference (an If condition must). */
export function hasReference(expression: Expression): boolean {
  return expressionReferences(expression).length > 0;
}
