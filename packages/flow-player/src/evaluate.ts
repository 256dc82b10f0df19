import type { Expression, Reference } from '@sanjay-flow/flow-json';

/** Reads the value a `${…}` reference points at; `undefined` when there is none yet. */
export type ReferenceReader = (reference: Reference) => unknown;

/**
 * Evaluates a back-tick expression the way the phone does (spec A6): `==`/`!=` compare values,
 * `<`…`>=` and arithmetic work on numbers (dividing by zero or by nothing gives 0), `!`, `&&`
 * and `||` on booleans, and juxtaposed operands are joined as text.
 */
export function evaluateExpression(expression: Expression, read: ReferenceReader): unknown {
  switch (expression.kind) {
    case 'reference':
      return read(expression.reference);
    case 'string':
    case 'number':
    case 'boolean':
      return expression.value;
    case 'concat':
      return expression.parts.map((part) => asText(evaluateExpression(part, read))).join('');
    case 'unary': {
      const operand = evaluateExpression(expression.operand, read);

      return expression.operator === '!' ? !asBoolean(operand) : -asNumber(operand);
    }
    case 'binary':
      return evaluateBinary(expression, read);
  }
}

function evaluateBinary(
  expression: Extract<Expression, { kind: 'binary' }>,
  read: ReferenceReader,
): unknown {
  const left = evaluateExpression(expression.left, read);
  const right = (): unknown => evaluateExpression(expression.right, read);
  switch (expression.operator) {
    case '&&':
      return asBoolean(left) && asBoolean(right());
    case '||':
      return asBoolean(left) || asBoolean(right());
    case '==':
      return sameValue(left, right());
    case '!=':
      return !sameValue(left, right());
    case '<':
      return asNumber(left) < asNumber(right());
    case '<=':
      return asNumber(left) <= asNumber(right());
    case '>':
      return asNumber(left) > asNumber(right());
    case '>=':
      return asNumber(left) >= asNumber(right());
    case '+':
      return asNumber(left) + asNumber(right());
    case '-':
      return asNumber(left) - asNumber(right());
    case '/':
      return divide(asNumber(left), asNumber(right()), (a, b) => a / b);
    case '%':
      return divide(asNumber(left), asNumber(right()), (a, b) => a % b);
  }
}

function divide(left: number, right: number, operation: (a: number, b: number) => number): number {
  return right === 0 ? 0 : operation(left, right);
}

/**
 * Input values are text on the phone, so a number input compared with a number literal is
 * compared as numbers; anything else compares by JSON value.
 */
function sameValue(left: unknown, right: unknown): boolean {
  if (typeof left === 'number' || typeof right === 'number') {
    return asNumber(left) === asNumber(right);
  }

  return JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
}

/** A number, or 0 for nothing and for text that is not a number. */
export function asNumber(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);

    return Number.isFinite(number) ? number : 0;
  }

  return 0;
}

/** `true` and the text "true" are true; everything else, including nothing, is false. */
export function asBoolean(value: unknown): boolean {
  return value === true || value === 'true';
}

/** An `enabled` property: on unless it is false (a reference to nothing leaves it on). */
export function isEnabled(value: unknown): boolean {
  return value === undefined || asBoolean(value);
}

/** How a value reads in text: nothing is empty, lists and objects as JSON. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }

  return JSON.stringify(value);
}
