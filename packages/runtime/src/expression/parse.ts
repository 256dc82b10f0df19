import type { BinaryOperator, ExpressionNode, ExpressionRoot } from './ast';
import { EXPRESSION_ROOTS } from './ast';
import type { ExpressionResult } from './error';
import { ExpressionFailure, captureFailure } from './error';
import { FUNCTION_ARITY, isFunctionName } from './functions';
import { EXPRESSION_LIMITS } from './limits';
import type { Token } from './tokenize';
import { tokenize } from './tokenize';

export interface ParseOptions {
  /** Roots the expression may read; `response` only makes sense in an HTTP response mapping. */
  roots?: readonly ExpressionRoot[];
}

// Binding power of each infix operator: higher binds tighter.
const BINDING_POWER: Record<BinaryOperator, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  in: 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};
const UNARY_POWER = 7;

const KEYWORD_VALUES: Record<string, boolean | null> = { true: true, false: false, null: null };

/** Parses one expression; the result is an AST or an error with the offset where parsing failed. */
export function parseExpression(
  text: string,
  options: ParseOptions = {},
): ExpressionResult<ExpressionNode> {
  return captureFailure(() => {
    if (text.length > EXPRESSION_LIMITS.maxTextLength) {
      throw new ExpressionFailure(
        EXPRESSION_LIMITS.maxTextLength,
        `Expression is longer than ${EXPRESSION_LIMITS.maxTextLength} characters`,
      );
    }
    const parser = new Parser(tokenize(text), options.roots ?? EXPRESSION_ROOTS);
    const node = parser.expression(0, 0);
    parser.expectEnd();

    return node;
  });
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly roots: readonly ExpressionRoot[],
  ) {}

  expression(minPower: number, depth: number): ExpressionNode {
    this.checkDepth(depth);
    let left = this.prefix(depth);
    for (;;) {
      const operator = this.infixOperator();
      if (operator === undefined || BINDING_POWER[operator] <= minPower) {
        return left;
      }
      const token = this.advance();
      const right = this.expression(BINDING_POWER[operator], depth + 1);
      left = { kind: 'binary', operator, left, right, offset: token.offset };
    }
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') {
      throw new ExpressionFailure(
        token.offset,
        `Unexpected ${describe(token)} after the expression`,
      );
    }
  }

  private prefix(depth: number): ExpressionNode {
    const token = this.peek();
    if (token.kind === 'operator' && (token.text === '!' || token.text === '-')) {
      this.advance();
      const operand = this.expression(UNARY_POWER, depth + 1);

      return { kind: 'unary', operator: token.text, operand, offset: token.offset };
    }

    return this.postfix(this.primary(depth), depth);
  }

  private postfix(start: ExpressionNode, depth: number): ExpressionNode {
    let node = start;
    for (;;) {
      const token = this.peek();
      if (this.isOperator(token, '.')) {
        this.advance();
        const name = this.advance();
        if (name.kind !== 'identifier') {
          throw new ExpressionFailure(
            name.offset,
            `Expected a property name after '.', found ${describe(name)}`,
          );
        }
        node = { kind: 'member', object: node, property: name.text, offset: token.offset };
      } else if (this.isOperator(token, '[')) {
        this.advance();
        const index = this.expression(0, depth + 1);
        this.expectOperator(']');
        node = { kind: 'index', object: node, index, offset: token.offset };
      } else {
        return node;
      }
      this.checkDepth(++depth);
    }
  }

  private primary(depth: number): ExpressionNode {
    const token = this.advance();
    switch (token.kind) {
      case 'number':
        return { kind: 'literal', value: Number(token.text), offset: token.offset };
      case 'string':
        return { kind: 'literal', value: token.text, offset: token.offset };
      case 'identifier':
        return this.identifier(token, depth);
      case 'operator':
        return this.bracketed(token, depth);
      case 'end':
        throw new ExpressionFailure(
          token.offset,
          'Expected a value, found the end of the expression',
        );
    }
  }

  private identifier(token: Token, depth: number): ExpressionNode {
    if (Object.hasOwn(KEYWORD_VALUES, token.text)) {
      return { kind: 'literal', value: KEYWORD_VALUES[token.text] ?? null, offset: token.offset };
    }
    if (this.isOperator(this.peek(), '(')) {
      return this.call(token, depth);
    }
    const root = EXPRESSION_ROOTS.find((name) => name === token.text);
    if (root === undefined) {
      throw new ExpressionFailure(
        token.offset,
        `Unknown name '${token.text}'; start with one of ${this.roots.join(', ')}`,
      );
    }
    if (!this.roots.includes(root)) {
      throw new ExpressionFailure(token.offset, `'${root}' is not available here`);
    }

    return { kind: 'root', name: root, offset: token.offset };
  }

  private call(token: Token, depth: number): ExpressionNode {
    if (!isFunctionName(token.text)) {
      throw new ExpressionFailure(token.offset, `Unknown function '${token.text}'`);
    }
    this.advance();
    const args = this.list(')', depth);
    const [min, max] = FUNCTION_ARITY[token.text];
    if (args.length < min || args.length > max) {
      const expected =
        min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      throw new ExpressionFailure(
        token.offset,
        `${token.text}() takes ${expected} argument${min === 1 && max === 1 ? '' : 's'}, got ${args.length}`,
      );
    }

    return { kind: 'call', name: token.text, args, offset: token.offset };
  }

  // TODO: no object literals (`{ a: 1 }`); mappings cannot build objects, only pass them through.
  private bracketed(token: Token, depth: number): ExpressionNode {
    if (token.text === '(') {
      const inner = this.expression(0, depth + 1);
      this.expectOperator(')');

      return inner;
    }
    if (token.text === '[') {
      return { kind: 'array', items: this.list(']', depth), offset: token.offset };
    }

    throw new ExpressionFailure(token.offset, `Expected a value, found ${describe(token)}`);
  }

  private list(close: ')' | ']', depth: number): ExpressionNode[] {
    const items: ExpressionNode[] = [];
    if (this.isOperator(this.peek(), close)) {
      this.advance();

      return items;
    }
    for (;;) {
      items.push(this.expression(0, depth + 1));
      const separator = this.advance();
      if (this.isOperator(separator, close)) {
        return items;
      }
      if (!this.isOperator(separator, ',')) {
        throw new ExpressionFailure(
          separator.offset,
          `Expected ',' or '${close}', found ${describe(separator)}`,
        );
      }
    }
  }

  private infixOperator(): BinaryOperator | undefined {
    const token = this.peek();
    if (token.kind === 'identifier' && token.text === 'in') {
      return 'in';
    }
    if (token.kind === 'operator' && Object.hasOwn(BINDING_POWER, token.text)) {
      return token.text as BinaryOperator;
    }

    return undefined;
  }

  private expectOperator(text: string): void {
    const token = this.advance();
    if (!this.isOperator(token, text)) {
      throw new ExpressionFailure(token.offset, `Expected '${text}', found ${describe(token)}`);
    }
  }

  private isOperator(token: Token, text: string): boolean {
    return token.kind === 'operator' && token.text === text;
  }

  private checkDepth(depth: number): void {
    if (depth > EXPRESSION_LIMITS.maxDepth) {
      throw new ExpressionFailure(
        this.peek().offset,
        `Expression is nested deeper than ${EXPRESSION_LIMITS.maxDepth} levels`,
      );
    }
  }

  private peek(): Token {
    return this.tokens[this.position] ?? this.endToken();
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'end') {
      this.position += 1;
    }

    return token;
  }

  private endToken(): Token {
    const last = this.tokens[this.tokens.length - 1];

    return { kind: 'end', text: '', offset: last?.offset ?? 0 };
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the expression';
    case 'string':
      return 'a string';
    case 'number':
      return `number ${token.text}`;
    case 'identifier':
    case 'operator':
      return `'${token.text}'`;
  }
}
