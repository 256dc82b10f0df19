/** One lexical unit of a Flow JSON expression, with its offset in the text. */
export type Token =
  | { kind: 'reference'; text: string; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'boolean'; value: boolean; start: number; end: number }
  | { kind: 'operator'; value: Operator; start: number; end: number }
  | { kind: 'paren'; value: '(' | ')'; start: number; end: number };

export type Operator =
  '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '!' | '+' | '-' | '/' | '%';

export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

// Longest first, so that `<=` wins over `<`.
const OPERATORS: readonly Operator[] = [
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '<',
  '>',
  '!',
  '+',
  '-',
  '/',
  '%',
];

/**
 * Splits the inside of a back-tick expression into tokens. `base` is the offset of the text
 * in the whole value, so that errors point into the property as written.
 */
export function tokenize(text: string, base: number): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      index += 1;
      continue;
    }
    const token = readToken(text, index, base);
    tokens.push(token);
    index = token.end - base;
  }

  return tokens;
}

function readToken(text: string, index: number, base: number): Token {
  const char = text.charAt(index);
  if (text.startsWith('${', index)) {
    const close = text.indexOf('}', index);
    if (close === -1) {
      throw new ExpressionSyntaxError('a “${” reference is never closed with “}”', base + index);
    }

    return {
      kind: 'reference',
      text: text.slice(index + 2, close),
      start: base + index,
      end: base + close + 1,
    };
  }
  if (char === "'") {
    return readString(text, index, base);
  }
  if (char >= '0' && char <= '9') {
    return readNumber(text, index, base);
  }
  for (const literal of ['true', 'false'] as const) {
    if (text.startsWith(literal, index) && !isWordChar(text.charAt(index + literal.length))) {
      const end = base + index + literal.length;

      return { kind: 'boolean', value: literal === 'true', start: base + index, end };
    }
  }
  if (char === '(' || char === ')') {
    return { kind: 'paren', value: char, start: base + index, end: base + index + 1 };
  }
  const operator = OPERATORS.find((candidate) => text.startsWith(candidate, index));
  if (operator !== undefined) {
    return {
      kind: 'operator',
      value: operator,
      start: base + index,
      end: base + index + operator.length,
    };
  }

  throw new ExpressionSyntaxError(`unexpected “${char}”`, base + index);
}

function readString(text: string, index: number, base: number): Token {
  let value = '';
  let cursor = index + 1;
  while (cursor < text.length) {
    const char = text.charAt(cursor);
    if (char === '\\' && cursor + 1 < text.length) {
      value += text.charAt(cursor + 1);
      cursor += 2;
      continue;
    }
    if (char === "'") {
      return { kind: 'string', value, start: base + index, end: base + cursor + 1 };
    }
    value += char;
    cursor += 1;
  }

  throw new ExpressionSyntaxError('a text in single quotes is never closed', base + index);
}

function readNumber(text: string, index: number, base: number): Token {
  let cursor = index;
  while (cursor < text.length && /[0-9.]/.test(text.charAt(cursor))) {
    cursor += 1;
  }
  const literal = text.slice(index, cursor);
  const value = Number(literal);
  if (!Number.isFinite(value) || literal.split('.').length > 2 || literal.endsWith('.')) {
    throw new ExpressionSyntaxError(`“${literal}” is not a number`, base + index);
  }

  return { kind: 'number', value, start: base + index, end: base + cursor };
}

function isWordChar(char: string): boolean {
  return /[A-Za-z0-9_]/.test(char);
}
