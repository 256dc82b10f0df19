import type { JsonValue } from '../json';
import type { ExpressionNode } from './ast';
import type { ExpressionResult } from './error';
import { ExpressionFailure, captureFailure } from './error';
import type { ExpressionScope } from './evaluate';
import { evaluateNode } from './evaluate';
import type { ParseOptions } from './parse';
import { parseExpression } from './parse';
import { checkString, toText } from './values';

export type TemplatePart =
  { kind: 'text'; text: string } | { kind: 'expression'; node: ExpressionNode; offset: number };

const MAX_TEMPLATE_LENGTH = 20_000;

/**
 * Parses `"Hello {{ vars.name }}"` into text and expression parts. Error offsets point into the
 * template text. The first `}}` closes a placeholder, so a string literal inside one cannot
 * contain `}}`.
 */
export function parseTemplate(
  text: string,
  options: ParseOptions = {},
): ExpressionResult<TemplatePart[]> {
  return captureFailure(() => {
    if (text.length > MAX_TEMPLATE_LENGTH) {
      throw new ExpressionFailure(
        MAX_TEMPLATE_LENGTH,
        `Template is longer than ${MAX_TEMPLATE_LENGTH} characters`,
      );
    }
    const parts: TemplatePart[] = [];
    let cursor = 0;
    for (;;) {
      const open = text.indexOf('{{', cursor);
      if (open === -1) {
        pushText(parts, text.slice(cursor));

        return parts;
      }
      pushText(parts, text.slice(cursor, open));
      const close = text.indexOf('}}', open + 2);
      if (close === -1) {
        throw new ExpressionFailure(open, "Unclosed '{{' in template");
      }
      parts.push(parsePlaceholder(text.slice(open + 2, close), open + 2, options));
      cursor = close + 2;
    }
  });
}

function parsePlaceholder(source: string, offset: number, options: ParseOptions): TemplatePart {
  const parsed = parseExpression(source, options);
  if (!parsed.ok) {
    throw new ExpressionFailure(offset + parsed.error.offset, parsed.error.message);
  }

  return { kind: 'expression', node: parsed.value, offset };
}

function pushText(parts: TemplatePart[], text: string): void {
  if (text !== '') {
    parts.push({ kind: 'text', text });
  }
}

export interface RenderOptions {
  /** Applied to each placeholder's text, e.g. `encodeURIComponent` inside a URL. */
  encode?: (text: string) => string;
}

export function renderTemplate(
  parts: TemplatePart[],
  scope: ExpressionScope,
  options: RenderOptions = {},
): ExpressionResult<string> {
  const encode = options.encode ?? ((text: string) => text);

  return captureFailure(() => {
    let result = '';
    for (const part of parts) {
      if (part.kind === 'text') {
        result += part.text;
        continue;
      }
      const text = encode(toText(evaluatePart(part, scope), part.offset));
      result = checkString(result + text, part.offset);
    }

    return result;
  });
}

/**
 * A template that is one placeholder and nothing else keeps the value's type (a list stays a
 * list); any other template renders to a string.
 */
export function evaluateTemplate(
  parts: TemplatePart[],
  scope: ExpressionScope,
): ExpressionResult<JsonValue> {
  const [only] = parts;
  if (parts.length === 1 && only?.kind === 'expression') {
    return captureFailure(() => evaluatePart(only, scope));
  }

  return renderTemplate(parts, scope);
}

// Offsets inside a placeholder count from its own start; shift them to count from the template's.
function evaluatePart(
  part: TemplatePart & { kind: 'expression' },
  scope: ExpressionScope,
): JsonValue {
  try {
    return evaluateNode(part.node, scope);
  } catch (error) {
    if (error instanceof ExpressionFailure) {
      throw new ExpressionFailure(part.offset + error.offset, error.message);
    }
    throw error;
  }
}
