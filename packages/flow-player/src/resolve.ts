import { parseDynamicValue } from '@sanjay-flow/flow-json';
import type { Reference } from '@sanjay-flow/flow-json';

import { evaluateExpression } from './evaluate';
import { mediaFor } from './media';
import type { Purpose } from './media';
import { ownValue } from './state';
import type { JsonObject, PickedMedia, PlayerState } from './state';

/** What a dynamic value is read against. */
export interface Scope {
  state: PlayerState;
  /** The screen whose `${data.…}` and `${form.…}` are meant. */
  screen: string;
  purpose: Purpose;
  /** Whether an input is a PhotoPicker or DocumentPicker, whose value changes shape by purpose. */
  isPicker: (screen: string, name: string) => boolean;
}

/**
 * The value of a property as the phone sees it: `${…}` references and back-tick expressions
 * are evaluated, lists and objects resolved inside, actions left as written (they run later,
 * against the values of that moment).
 */
export function resolveValue(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') {
    return resolveText(value, scope);
  }
  if (Array.isArray(value)) {
    return value.map((item) => resolveValue(item, scope));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        key.endsWith('-action') ? item : resolveValue(item, scope),
      ]),
    );
  }

  return value;
}

/** An action's payload with every value resolved; keys whose value is unknown are left out. */
export function resolvePayload(payload: JsonObject | undefined, scope: Scope): JsonObject {
  const entries = Object.entries(payload ?? {}).map(
    ([key, value]) => [key, resolveValue(value, scope)] as const,
  );

  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

function resolveText(text: string, scope: Scope): unknown {
  const parsed = parseDynamicValue(text);
  switch (parsed.kind) {
    case 'static':
      return parsed.text;
    case 'reference':
      return readReference(parsed.reference, scope);
    case 'expression':
      return evaluateExpression(parsed.expression, (reference) => readReference(reference, scope));
    case 'error':
      // Validation refuses such text before a Flow is played; shown as written if it slips by.
      return text;
  }
}

export function readReference(reference: Reference, scope: Scope): unknown {
  const screen = reference.screen ?? scope.screen;
  const entry = ownValue(scope.state.screens, screen);
  const [first, ...rest] = reference.path;
  if (entry === undefined || first === undefined) {
    return undefined;
  }
  if (reference.scope === 'data') {
    return dig(ownValue(entry.data, first), rest);
  }
  const value = ownValue(entry.form, first);
  if (Array.isArray(value) && scope.isPicker(screen, first)) {
    return dig(mediaFor(value as PickedMedia[], scope.purpose), rest);
  }

  return dig(value, rest);
}

function dig(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) {
      return undefined;
    }
    current = ownValue(current as JsonObject, key);
  }

  return current;
}
