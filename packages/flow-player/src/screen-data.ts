import type { Screen } from '@sanjay-flow/flow-json';

import { FlowPlayerError } from './errors';
import type { FlowPlayerIssue } from './errors';
import { ownValue } from './state';
import type { JsonObject } from './state';

/**
 * A screen's data as the phone keeps it: declared fields must have their declared type (the
 * phone reports `payload-schema-error` otherwise), fields the screen does not declare are
 * dropped, and `error_message` is taken out to be shown as a snackbar.
 */
export function checkScreenData(
  screen: Screen,
  data: JsonObject,
  where: string,
): { data: JsonObject; errorMessage?: string } {
  const model = screen.data ?? {};
  const issues: FlowPlayerIssue[] = [];
  const kept = Object.entries(data).filter(([key, value]) => {
    const field = ownValue(model, key);
    const found = jsonType(value);
    if (field !== undefined && found !== field.type) {
      issues.push({ pointer: `/data/${key}`, message: `expected ${field.type}, got ${found}` });
    }

    return field !== undefined;
  });
  if (issues.length > 0) {
    const detail = issues.map((issue) => `${issue.pointer}: ${issue.message}`).join('; ');
    throw new FlowPlayerError(
      'INVALID_REPLY',
      `${where} does not match the data screen ${screen.id} declares (${detail})`,
      issues,
    );
  }
  const message = data.error_message;

  const checked = Object.fromEntries(kept);

  return typeof message === 'string' ? { data: checked, errorMessage: message } : { data: checked };
}

/** The `__example__` values a screen declares: the data a preview shows it with. */
export function exampleData(screen: Screen): JsonObject {
  return Object.fromEntries(
    Object.entries(screen.data ?? {}).map(([key, field]) => [key, field.__example__]),
  );
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) {
    return 'array';
  }
  if (value === null) {
    return 'null';
  }

  return typeof value;
}
