import type { JsonObject, JsonValue } from '../json';
import { isJsonObject, ownProperty } from '../json';
import type { BinaryOperator, ExpressionNode, ExpressionRoot } from './ast';
import type { ExpressionResult } from './error';
import { ExpressionFailure, captureFailure } from './error';
import { callFunction, isFunctionName } from './functions';
import {
  checkArray,
  checkNumber,
  checkString,
  expectNumber,
  isTruthy,
  jsonEquals,
  toText,
  typeName,
} from './values';

/** What an expression can read. Values are plain JSON; nothing here performs I/O. */
export interface ExpressionScope {
  /** The request's `data`. */
  payload: JsonObject;
  /** The session's variables. */
  vars: JsonObject;
  flowToken: string;
  /** The current screen id, or `null` before the first screen. */
  screen: string | null;
  /** The parsed JSON response, only inside an HTTP response mapping. */
  response?: JsonValue;
  /** Milliseconds since the epoch, from the injected clock. */
  now: () => number;
}

export function evaluateExpression(
  node: ExpressionNode,
  scope: ExpressionScope,
): ExpressionResult<JsonValue> {
  return captureFailure(() => evaluateNode(node, scope));
}

export function evaluateNode(node: ExpressionNode, scope: ExpressionScope): JsonValue {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'array':
      return checkArray(
        node.items.map((item) => evaluateNode(item, scope)),
        node.offset,
      );
    case 'root':
      return readRoot(node.name, node.offset, scope);
    case 'member':
      return readMember(evaluateNode(node.object, scope), node.property, node.offset);
    case 'index':
      return readIndex(
        evaluateNode(node.object, scope),
        evaluateNode(node.index, scope),
        node.offset,
      );
    case 'unary':
      return node.operator === '!'
        ? !isTruthy(evaluateNode(node.operand, scope))
        : -expectNumber(evaluateNode(node.operand, scope), node.offset, "'-'");
    case 'binary':
      return evaluateBinary(node.operator, node.left, node.right, node.offset, scope);
    case 'call':
      return evaluateCall(node.name, node.args, node.offset, scope);
  }
}

function readRoot(name: ExpressionRoot, offset: number, scope: ExpressionScope): JsonValue {
  switch (name) {
    case 'payload':
      return scope.payload;
    case 'vars':
      return scope.vars;
    case 'session':
      return { flow_token: scope.flowToken };
    case 'screen':
      return scope.screen;
    case 'response':
      if (scope.response === undefined) {
        throw new ExpressionFailure(
          offset,
          "'response' is only available in an HTTP response mapping",
        );
      }

      return scope.response;
  }
}

// Reading through `null` gives `null`, because payload fields are often absent.
function readMember(object: JsonValue, property: string, offset: number): JsonValue {
  if (object === null) {
    return null;
  }
  if (isJsonObject(object)) {
    return ownProperty(object, property) ?? null;
  }

  throw new ExpressionFailure(offset, `Cannot read '${property}' of ${typeName(object)}`);
}

function readIndex(object: JsonValue, index: JsonValue, offset: number): JsonValue {
  if (object === null) {
    return null;
  }
  if (Array.isArray(object)) {
    if (typeof index !== 'number' || !Number.isInteger(index)) {
      throw new ExpressionFailure(
        offset,
        `A list index must be a whole number, got ${typeName(index)}`,
      );
    }

    return object[index] ?? null;
  }
  if (isJsonObject(object)) {
    if (typeof index !== 'string') {
      throw new ExpressionFailure(offset, `An object key must be a string, got ${typeName(index)}`);
    }

    return ownProperty(object, index) ?? null;
  }

  throw new ExpressionFailure(offset, `Cannot index ${typeName(object)}`);
}

function evaluateBinary(
  operator: BinaryOperator,
  leftNode: ExpressionNode,
  rightNode: ExpressionNode,
  offset: number,
  scope: ExpressionScope,
): JsonValue {
  // Short-circuit: the right side is not evaluated when the left decides the result.
  if (operator === '&&') {
    return isTruthy(evaluateNode(leftNode, scope)) && isTruthy(evaluateNode(rightNode, scope));
  }
  if (operator === '||') {
    return isTruthy(evaluateNode(leftNode, scope)) || isTruthy(evaluateNode(rightNode, scope));
  }
  const left = evaluateNode(leftNode, scope);
  const right = evaluateNode(rightNode, scope);
  switch (operator) {
    case '==':
      return jsonEquals(left, right);
    case '!=':
      return !jsonEquals(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(operator, left, right, offset);
    case 'in':
      return contains(right, left, offset);
    case '+':
      return add(left, right, offset);
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(operator, left, right, offset);
  }
}

function compare(
  operator: '<' | '<=' | '>' | '>=',
  left: JsonValue,
  right: JsonValue,
  offset: number,
): boolean {
  const comparable =
    (typeof left === 'number' && typeof right === 'number') ||
    (typeof left === 'string' && typeof right === 'string');
  if (!comparable) {
    throw new ExpressionFailure(
      offset,
      `'${operator}' compares two numbers or two strings, got ${typeName(left)} and ${typeName(right)}`,
    );
  }
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}

function contains(container: JsonValue, item: JsonValue, offset: number): boolean {
  if (container === null) {
    return false;
  }
  if (Array.isArray(container)) {
    return container.some((candidate) => jsonEquals(candidate, item));
  }
  if (typeof container === 'string' && typeof item === 'string') {
    return container.includes(item);
  }
  if (isJsonObject(container) && typeof item === 'string') {
    return Object.hasOwn(container, item);
  }

  throw new ExpressionFailure(
    offset,
    `'in' cannot look for ${typeName(item)} in ${typeName(container)}`,
  );
}

function add(left: JsonValue, right: JsonValue, offset: number): JsonValue {
  if (typeof left === 'string' || typeof right === 'string') {
    return checkString(toText(left, offset) + toText(right, offset), offset);
  }

  return checkNumber(
    expectNumber(left, offset, "'+'") + expectNumber(right, offset, "'+'"),
    offset,
  );
}

function arithmetic(
  operator: '-' | '*' | '/' | '%',
  left: JsonValue,
  right: JsonValue,
  offset: number,
): number {
  const a = expectNumber(left, offset, `'${operator}'`);
  const b = expectNumber(right, offset, `'${operator}'`);
  if ((operator === '/' || operator === '%') && b === 0) {
    throw new ExpressionFailure(offset, 'Division by zero');
  }
  switch (operator) {
    case '-':
      return checkNumber(a - b, offset);
    case '*':
      return checkNumber(a * b, offset);
    case '/':
      return checkNumber(a / b, offset);
    case '%':
      return checkNumber(a % b, offset);
  }
}

function evaluateCall(
  name: string,
  argNodes: ExpressionNode[],
  offset: number,
  scope: ExpressionScope,
): JsonValue {
  if (!isFunctionName(name)) {
    throw new ExpressionFailure(offset, `Unknown function '${name}'`);
  }
  const args = argNodes.map((arg) => evaluateNode(arg, scope));

  return callFunction(name, args, { offset, now: scope.now });
}
