import { childPointer } from './pointer';

export interface TextPosition {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in UTF-16 code units like most editors. */
  column: number;
}

export type JsonTextResult =
  | { ok: true; value: unknown; positionOf: (pointer: string) => TextPosition | undefined }
  | { ok: false; message: string; position: TextPosition };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const LITERALS: ReadonlyArray<readonly [string, boolean | null]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/**
 * Parses strict JSON (the grammar JSON.parse accepts) and remembers where every value starts,
 * keyed by JSON pointer, so that problems found in the parsed value can be shown at their
 * place in the text. A leading byte-order mark is skipped.
 */
export function parseJsonText(text: string): JsonTextResult {
  const parser = new PositionedJsonParser(text);
  try {
    const value = parser.parseDocument();
    const offsets = parser.offsets;
    const lineStarts = findLineStarts(text);

    return {
      ok: true,
      value,
      positionOf: (pointer) => {
        const offset = offsets.get(pointer);

        return offset === undefined ? undefined : positionIn(lineStarts, offset);
      },
    };
  } catch (cause) {
    if (cause instanceof JsonSyntaxError) {
      return { ok: false, message: cause.message, position: positionAt(text, cause.offset) };
    }
    if (cause instanceof RangeError) {
      return {
        ok: false,
        message: 'the JSON is nested too deeply to read',
        position: positionAt(text, 0),
      };
    }
    throw cause;
  }
}

export function positionAt(text: string, offset: number): TextPosition {
  return positionIn(findLineStarts(text), offset);
}

function findLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }

  return starts;
}

function positionIn(lineStarts: readonly number[], offset: number): TextPosition {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((lineStarts[middle] ?? 0) <= offset) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }

  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

class PositionedJsonParser {
  readonly offsets = new Map<string, number>();
  private index = 0;

  constructor(private readonly text: string) {
    if (text.startsWith('\uFEFF')) {
      this.index = 1;
    }
  }

  parseDocument(): unknown {
    this.skipWhitespace();
    if (this.index >= this.text.length) {
      throw new JsonSyntaxError('the file is empty', this.index);
    }
    const value = this.parseValue('');
    this.skipWhitespace();
    if (this.index < this.text.length) {
      throw new JsonSyntaxError('there is more text after the end of the JSON value', this.index);
    }

    return value;
  }

  private parseValue(pointer: string): unknown {
    this.offsets.set(pointer, this.index);
    const char = this.text[this.index];
    if (char === '{') {
      return this.parseObject(pointer);
    }
    if (char === '[') {
      return this.parseArray(pointer);
    }
    if (char === '"') {
      return this.parseString();
    }
    const literal = LITERALS.find(
      ([word]) => word === this.text.slice(this.index, this.index + word.length),
    );
    if (literal) {
      this.index += literal[0].length;

      return literal[1];
    }

    return this.parseNumber();
  }

  private parseObject(pointer: string): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    this.index += 1;
    this.skipWhitespace();
    if (this.text[this.index] === '}') {
      this.index += 1;

      return object;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.index] !== '"') {
        throw this.unexpected('a property name in double quotes');
      }
      const key = this.parseString();
      this.skipWhitespace();
      this.expect(':', 'a colon “:” after the property name');
      this.skipWhitespace();
      // defineProperty keeps a key such as "__proto__" as plain data, as JSON.parse does.
      Object.defineProperty(object, key, {
        value: this.parseValue(childPointer(pointer, key)),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipWhitespace();
      if (this.text[this.index] === '}') {
        this.index += 1;

        return object;
      }
      this.expect(',', 'a comma “,” or a closing brace “}”');
    }
  }

  private parseArray(pointer: string): unknown[] {
    const array: unknown[] = [];
    this.index += 1;
    this.skipWhitespace();
    if (this.text[this.index] === ']') {
      this.index += 1;

      return array;
    }
    for (;;) {
      this.skipWhitespace();
      array.push(this.parseValue(childPointer(pointer, array.length)));
      this.skipWhitespace();
      if (this.text[this.index] === ']') {
        this.index += 1;

        return array;
      }
      this.expect(',', 'a comma “,” or a closing bracket “]”');
    }
  }

  private parseString(): string {
    const start = this.index;
    this.index += 1;
    for (;;) {
      const code = this.text.charCodeAt(this.index);
      if (Number.isNaN(code)) {
        throw new JsonSyntaxError('a text value is missing its closing double quote', start);
      }
      if (code === 0x22) {
        break;
      }
      if (code < 0x20) {
        throw new JsonSyntaxError(
          'a line break or control character must be escaped inside text',
          this.index,
        );
      }
      this.index += code === 0x5c ? this.escapeLength() : 1;
    }
    this.index += 1;

    // The lexeme is now known to be a well-formed JSON string, so the engine can decode it.
    return JSON.parse(this.text.slice(start, this.index)) as string;
  }

  private escapeLength(): number {
    const escaped = this.text[this.index + 1] ?? '';
    if ('"\\/bfnrt'.includes(escaped) && escaped !== '') {
      return 2;
    }
    if (
      escaped === 'u' &&
      /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.index + 2, this.index + 6))
    ) {
      return 6;
    }
    throw new JsonSyntaxError(
      'a backslash starts an escape sequence that JSON does not know',
      this.index,
    );
  }

  private parseNumber(): number {
    NUMBER.lastIndex = this.index;
    const match = NUMBER.exec(this.text);
    if (!match) {
      throw this.unexpected('a value (text, number, true, false, null, an object or a list)');
    }
    this.index += match[0].length;

    return Number(match[0]);
  }

  private expect(char: string, what: string): void {
    if (this.text[this.index] !== char) {
      throw this.unexpected(what);
    }
    this.index += 1;
  }

  private unexpected(what: string): JsonSyntaxError {
    const found = this.text[this.index];
    const foundWords = found === undefined ? 'the end of the file' : `“${found}”`;

    return new JsonSyntaxError(`expected ${what} but found ${foundWords}`, this.index);
  }

  private skipWhitespace(): void {
    while (WHITESPACE.has(this.text[this.index] ?? '')) {
      this.index += 1;
    }
  }
}
