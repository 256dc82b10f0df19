import type { DynamicValue, Expression, ParseError, Reference } from './ast';
import { ExpressionSyntaxError, tokenize } from './tokenizer';
import type { Operator, Token } from './tokenizer';

/** A segment of a `${…}` reference: what an input's name must be for the Flow to refer to it. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Binary operators from loosest to tightest binding. */
const PRECEDENCE: ReadonlyArray<readonly Operator[]> = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['/', '%'],
];

/**
 * Reads a property value: a whole `${…}` reference, a whole back-tick expression, or plain
 * text. Text that mixes the two (`"Hi ${data.name}"`) is an error: Flow JSON has no string
 * interpolation, an expression must be used instead. Never evaluates anything.
 */
export function parseDynamicValue(text: string): DynamicValue | ParseError {
  // Flows repeat the same references many times; results are never modified, so they are shared.
  let parsed = parsedValues.get(text);
  if (parsed === undefined) {
    parsed = parseUncached(text);
    if (parsedValues.size >= MAX_CACHED_VALUES) {
      parsedValues.clear();
    }
    parsedValues.set(text, parsed);
  }

  return parsed;
}

const MAX_CACHED_VALUES = 10_000;
const parsedValues = new Map<string, DynamicValue | ParseError>();

function parseUncached(text: string): DynamicValue | ParseError {
  try {
    if (text.length >= 2 && text.startsWith('`') && text.endsWith('`')) {
      return { kind: 'expression', expression: parseExpression(text.slice(1, -1), 1) };
    }
    if (text.startsWith('${') && text.indexOf('}') === text.length - 1) {
      return { kind: 'reference', reference: parseReference(text.slice(2, -1), 0, text.length) };
    }
    const embedded = text.indexOf('${');
    if (embedded !== -1) {
      return {
        kind: 'error',
        message:
          "a value is either plain text or one dynamic reference; to combine text and data, write a back-tick expression such as `'Hi ' ${data.name}`",
        offset: embedded,
      };
    }

    return { kind: 'static', text };
  } catch (cause) {
    if (cause instanceof ExpressionSyntaxError) {
      return { kind: 'error', message: cause.message, offset: cause.offset };
    }
    throw cause;
  }
}

/** Whether text is written as a dynamic value (a whole reference or a back-tick expression). */
export function looksDynamic(text: string): boolean {
  return (
    (text.startsWith('${') && text.endsWith('}')) ||
    (text.length >= 2 && text.startsWith('`') && text.endsWith('`'))
  );
}

function parseReference(body: string, start: number, end: number): Reference {
  const segments = body.trim().split('.');
  const bad = segments.find((segment) => !IDENTIFIER.test(segment));
  if (bad !== undefined) {
    throw new ExpressionSyntaxError(
      `“${body}” is not a reference such as data.name or form.name`,
      start,
    );
  }
  const [head, second, third, ...rest] = segments;
  if ((head === 'data' || head === 'form') && second !== undefined) {
    return { scope: head, path: segments.slice(1), start, end };
  }
  if (
    head === 'screen' &&
    second !== undefined &&
    (third === 'data' || third === 'form') &&
    rest.length > 0
  ) {
    return { scope: third, screen: second, path: rest, start, end };
  }

  throw new ExpressionSyntaxError(
    `“${body}” must start with data., form., or screen.<SCREEN_ID>.data. / .form.`,
    start,
  );
}

function parseExpression(text: string, base: number): Expression {
  const parser = new Parser(tokenize(text, base), base + text.length);
  const expression = parser.parseBinary(0);
  parser.expectEnd();

  return expression;
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly endOffset: number,
  ) {}

  parseBinary(level: number): Expression {
    const operators = PRECEDENCE[level];
    if (operators === undefined) {
      return this.parseUnary();
    }
    let left = this.parseBinary(level + 1);
    for (
      let token = this.peek();
      token?.kind === 'operator' && operators.includes(token.value);
      token = this.peek()
    ) {
      this.position += 1;
      const right = this.parseBinary(level + 1);
      const operator = token.value as Exclude<Operator, '!'>;
      left = { kind: 'binary', operator, left, right, start: left.start, end: right.end };
    }

    return left;
  }

  private parseUnary(): Expression {
    const token = this.peek();
    if (token?.kind === 'operator' && (token.value === '!' || token.value === '-')) {
      this.position += 1;
      const operand = this.parseUnary();

      return {
        kind: 'unary',
        operator: token.value,
        operand,
        start: token.start,
        end: operand.end,
      };
    }

    return this.parseConcat();
  }

  private parseConcat(): Expression {
    const parts = [this.parsePrimary()];
    while (this.startsPrimary(this.peek())) {
      parts.push(this.parsePrimary());
    }
    const first = parts[0] as Expression;
    const last = parts[parts.length - 1] as Expression;

    return parts.length === 1
      ? first
      : { kind: 'concat', parts, start: first.start, end: last.end };
  }

  private startsPrimary(token: Token | undefined): boolean {
    return (
      token !== undefined &&
      (token.kind === 'reference' ||
        token.kind === 'string' ||
        token.kind === 'number' ||
        token.kind === 'boolean' ||
        (token.kind === 'paren' && token.value === '('))
    );
  }

  private parsePrimary(): Expression {
    const token = this.peek();
    if (token === undefined) {
      throw new ExpressionSyntaxError(
        'the expression ends where a value is expected',
        this.endOffset,
      );
    }
    this.position += 1;
    switch (token.kind) {
      case 'reference':
        return {
          kind: 'reference',
          reference: parseReference(token.text, token.start, token.end),
          start: token.start,
          end: token.end,
        };
      case 'string':
      case 'number':
      case 'boolean':
        return token;
      case 'paren':
        return this.parseGroup(token);
      case 'operator':
        throw new ExpressionSyntaxError(`“${token.value}” where a value is expected`, token.start);
    }
  }

  private parseGroup(open: Token): Expression {
    if (open.kind !== 'paren' || open.value !== '(') {
      throw new ExpressionSyntaxError('“)” without a matching “(”', open.start);
    }
    const inner = this.parseBinary(0);
    const close = this.peek();
    if (close?.kind !== 'paren' || close.value !== ')') {
      throw new ExpressionSyntaxError('“(” is never closed', open.start);
    }
    this.position += 1;

    return { ...inner, start: open.start, end: close.end };
  }

  expectEnd(): void {
    const token = this.peek();
    if (token !== undefined) {
      throw new ExpressionSyntaxError(
        'unexpected text after the end of the expression',
        token.start,
      );
    }
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }
}
