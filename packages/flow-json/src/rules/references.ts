import { parseDynamicValue, referencesOf, typeExpression } from '../expression';
import type { DynamicValue, Reference, ValueType } from '../expression';
import { isJsonObject } from '../json-value';
import { childPointer } from '../pointer';
import type { Problem } from '../problem';
import type { RuleContext } from './context';
import { versionBefore } from './context';
import { declaredType } from './data-model';
import { screenProblem, withComponentPath } from './report';
import { inputValueType } from './screen-model';
import type { ScreenModel } from './screen-model';

/** Properties whose value may never be dynamic (spec A6). */
const STATIC_KEYS = new Set(['name', 'type']);
const DATA_KEYS_MARK = '#data';

/** What a reference points at: its type, or why it points at nothing. */
export type Resolved = { ok: true; type: ValueType } | { ok: false; code: string; message: string };

/** Resolves a reference as seen from a screen (spec A3, A6). */
export function resolveReference(
  context: RuleContext,
  model: ScreenModel,
  reference: Reference,
): Resolved {
  const field = reference.path.join('.');
  let target = model;
  if (reference.screen !== undefined) {
    const other = context.modelById.get(reference.screen);
    if (other === undefined) {
      return {
        ok: false,
        code: 'INVALID_SCREEN_DATA',
        message: `there is no screen “${reference.screen}”`,
      };
    }
    if (other === model) {
      return {
        ok: false,
        code: 'INVALID_SCREEN_DATA',
        message: `“screen.${reference.screen}” is this screen; use \${${reference.scope}.${field}} instead`,
      };
    }
    target = other;
  }
  const where = `screen “${target.entry.id ?? '?'}”`;
  if (reference.scope === 'form') {
    const [name] = reference.path;
    const input = name === undefined ? undefined : target.inputs.get(name);

    return input === undefined
      ? {
          ok: false,
          code: 'INVALID_SCREEN_DYNAMIC_DATA',
          message: `${where} has no input named “${name ?? ''}”`,
        }
      : { ok: true, type: reference.path.length > 1 ? 'unknown' : inputValueType(input) };
  }
  const type = declaredType(target.data, reference.path);

  return type === undefined
    ? {
        ok: false,
        code: 'INVALID_SCREEN_DYNAMIC_DATA',
        message: `“${field}” is not declared in the data of ${where}`,
      }
    : { ok: true, type };
}

/** The type of a parsed value, as far as it can be told (`unknown` for broken references). */
export function valueType(
  context: RuleContext,
  model: ScreenModel,
  value: DynamicValue,
): ValueType {
  const typeOf = (reference: Reference): ValueType => {
    const resolved = resolveReference(context, model, reference);

    return resolved.ok ? resolved.type : 'unknown';
  };
  switch (value.kind) {
    case 'static':
      return 'string';
    case 'reference':
      return typeOf(value.reference);
    case 'expression':
      return typeExpression(value.expression, typeOf).type;
  }
}

/**
 * Every text of a screen (title, components, actions, payloads; not the data model) read as a
 * dynamic value: it must parse, use only forms its version has, and point at something real.
 */
export function checkReferences(context: RuleContext): Problem[] {
  return context.models.flatMap((model) => {
    const problems: Problem[] = [];
    for (const [key, value] of Object.entries(model.screen)) {
      if (key !== 'data' && key !== 'id') {
        visitTexts(
          value,
          childPointer(model.entry.pointer, key),
          key,
          (text, pointer, property) => {
            problems.push(...checkText(context, model, text, pointer, property));
          },
        );
      }
    }

    return problems.map((problem) => withComponentPath(model, problem));
  });
}

function visitTexts(
  value: unknown,
  pointer: string,
  property: string,
  visit: (text: string, pointer: string, property: string) => void,
): void {
  if (typeof value === 'string') {
    if (value.includes('${') || value.startsWith('`')) {
      visit(value, pointer, property);
    }
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      if (typeof item !== 'string' || item.includes('${') || item.startsWith('`')) {
        visitTexts(item, `${pointer}/${index}`, property, visit);
      }
    }
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (typeof item === 'string' && !item.includes('${') && !item.startsWith('`')) {
        continue;
      }
      // Keys inside payloads and init-values are data names, not component properties.
      const inData =
        property === DATA_KEYS_MARK ||
        key === 'payload' ||
        key === 'init-values' ||
        key === 'error-messages';
      visitTexts(item, childPointer(pointer, key), inData ? DATA_KEYS_MARK : key, visit);
    }
  }
}

function checkText(
  context: RuleContext,
  model: ScreenModel,
  text: string,
  pointer: string,
  property: string,
): Problem[] {
  const parsed = parseDynamicValue(text);
  const at = { pointer };
  if (parsed.kind === 'error') {
    return [
      screenProblem(
        model,
        'INVALID_PROPERTY_VALUE_FORMAT',
        `“${text}” cannot be read: ${parsed.message} (at character ${parsed.offset + 1}).`,
        at,
      ),
    ];
  }
  if (parsed.kind === 'static') {
    return [];
  }
  if (STATIC_KEYS.has(property)) {
    return [
      screenProblem(
        model,
        'INVALID_PROPERTY_VALUE',
        `“${property}” must be plain text, not a dynamic value.`,
        at,
      ),
    ];
  }
  if (parsed.kind === 'expression' && versionBefore(context, '6.0')) {
    return [
      screenProblem(
        model,
        'INVALID_PROPERTY_VALUE',
        `back-tick expressions need Flow JSON 6.0 or later; this Flow is ${context.version ?? '?'}.`,
        at,
      ),
    ];
  }
  const problems: Problem[] = [];
  for (const reference of referencesOf(parsed)) {
    if (reference.screen !== undefined && versionBefore(context, '4.0')) {
      problems.push(
        screenProblem(
          model,
          'INVALID_PROPERTY_VALUE',
          `references to other screens (\${screen.…}) need Flow JSON 4.0 or later.`,
          at,
        ),
      );
      continue;
    }
    const resolved = resolveReference(context, model, reference);
    if (!resolved.ok) {
      problems.push(screenProblem(model, resolved.code, `“${text}”: ${resolved.message}.`, at));
    }
  }
  if (parsed.kind === 'expression' && problems.length === 0) {
    const typed = typeExpression(parsed.expression, (reference) => {
      const resolved = resolveReference(context, model, reference);

      return resolved.ok ? resolved.type : 'unknown';
    });
    problems.push(
      ...typed.issues.map((issue) =>
        screenProblem(model, 'INVALID_PROPERTY_VALUE', `“${text}”: ${issue.message}.`, at),
      ),
    );
  }

  return problems;
}
