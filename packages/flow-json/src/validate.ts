import { parseJsonText } from './json-text';
import { isJsonObject } from './json-value';
import { pointerAncestors } from './pointer';
import { error } from './problem';
import type { Problem } from './problem';
import { RULES, createRuleContext } from './rules';

/** Spec A4: the whole Flow JSON text, in UTF-8 bytes. */
export const MAX_FLOW_JSON_BYTES = 10 * 1024 * 1024;

/** Checks a parsed Flow JSON document. Problems are values: this never throws for bad input. */
export function validateFlowJson(document: unknown): Problem[] {
  if (!isJsonObject(document)) {
    return [
      error(
        '',
        'INVALID_FLOW_JSON',
        'A Flow JSON document must be a JSON object with a “version” and a list of “screens”.',
      ),
    ];
  }
  try {
    const context = createRuleContext(document);

    return RULES.flatMap((rule) => rule(context));
  } catch (cause) {
    // Rules walk nested values recursively: absurd nesting exhausts the stack. That is a
    // property of the input, reported like any other problem.
    if (cause instanceof RangeError) {
      return [error('', 'INVALID_FLOW_JSON', 'The Flow JSON is nested too deeply to check.')];
    }
    throw cause;
  }
}

/**
 * Parses Flow JSON text and checks it. Every problem carries the line and column of the value
 * its pointer names (or of the nearest enclosing value when the pointer names something missing).
 */
export function validateFlowJsonText(text: string): { document: unknown; problems: Problem[] } {
  const size = MAX_FLOW_JSON_BYTES / 3 < text.length ? new TextEncoder().encode(text).length : 0;
  if (size > MAX_FLOW_JSON_BYTES) {
    return {
      document: undefined,
      problems: [
        {
          ...error(
            '',
            'INVALID_FLOW_JSON',
            `The Flow JSON is ${Math.ceil(size / 1024 / 1024)} MB; WhatsApp accepts at most 10 MB.`,
          ),
          line: 1,
          column: 1,
        },
      ],
    };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const problem = error('', 'INVALID_JSON', `The file is not valid JSON: ${parsed.message}.`);

    return { document: undefined, problems: [{ ...problem, ...parsed.position }] };
  }
  const problems = validateFlowJson(parsed.value).map((problem) => {
    const position = pointerAncestors(problem.pointer)
      .map((pointer) => parsed.positionOf(pointer))
      .find((found) => found !== undefined);

    return position === undefined ? problem : { ...problem, ...position };
  });

  return { document: parsed.value, problems };
}
