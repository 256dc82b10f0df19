import { ExpressionFailure } from './error';

export type TokenKind = 'number' | 'string' | 'identifier' | 'operator' | 'end';

export interface Token {
  kind: TokenKind;
  /** Operator or identifier text, the decoded string, or the number's source text. */
  text: string;
  offset: number;
}

// Longest first, so `<=` wins over `<`.
const OPERATORS = [
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
  '*',
  '/',
  '%',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
] as const;

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';
const isIdentifierStart = (char: string | undefined) =>
  char !== undefined && /[A-Za-z_]/.test(char);
const isIdentifierPart = (char: string | undefined) =>
  char !== undefined && /[A-Za-z0-9_]/.test(char);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < text.length) {
    const char = text[offset];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      offset += 1;
      continue;
    }
    const token = readToken(text, offset);
    tokens.push(token.token);
    offset = token.next;
  }
  tokens.push({ kind: 'end', text: '', offset: text.length });

  return tokens;
}

function readToken(text: string, offset: number): { token: Token; next: number } {
  const char = text[offset];
  if (isDigit(char)) {
    return readNumber(text, offset);
  }
  if (char === "'" || char === '"') {
    return readString(text, offset, char);
  }
  if (isIdentifierStart(char)) {
    let next = offset + 1;
    while (isIdentifierPart(text[next])) {
      next += 1;
    }

    return { token: { kind: 'identifier', text: text.slice(offset, next), offset }, next };
  }
  const operator = OPERATORS.find((candidate) => text.startsWith(candidate, offset));
  if (operator === undefined) {
    throw new ExpressionFailure(offset, `Unexpected character '${String(char)}'`);
  }

  return { token: { kind: 'operator', text: operator, offset }, next: offset + operator.length };
}

function readNumber(text: string, offset: number): { token: Token; next: number } {
  let next = offset;
  while (isDigit(text[next])) {
    next += 1;
  }
  if (text[next] === '.' && isDigit(text[next + 1])) {
    next += 1;
    while (isDigit(text[next])) {
      next += 1;
    }
  }
  if (isIdentifierPart(text[next])) {
    throw new ExpressionFailure(next, 'A number must not run into letters');
  }

  return { token: { kind: 'number', text: text.slice(offset, next), offset }, next };
}

function readString(text: string, offset: number, quote: string): { token: Token; next: number } {
  let value = '';
  let next = offset + 1;
  while (next < text.length) {
    const char = text[next];
    if (char === quote) {
      return { token: { kind: 'string', text: value, offset }, next: next + 1 };
    }
    if (char === '\\') {
      const escaped = ESCAPES[text[next + 1] ?? ''];
      if (escaped === undefined) {
        throw new ExpressionFailure(
          next,
          'Unknown escape in string; use \\n \\t \\r \\\\ \\\' or \\"',
        );
      }
      value += escaped;
      next += 2;
      continue;
    }
    value += char;
    next += 1;
  }

  throw new ExpressionFailure(offset, 'Unterminated string');
}
