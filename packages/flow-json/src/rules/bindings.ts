import { hasReference, parseDynamicValue, typeExpression } from '../expression';
import type { Expression, ValueType } from '../expression';
import type { Problem } from '../problem';
import type { RuleContext } from './context';
import { resolveReference, valueType } from './references';
import { componentProblem } from './report';
import type { ComponentEntry, ScreenModel } from './screen-model';

const BOOLEAN_KEYS = new Set(['visible', 'required', 'enabled', 'strikethrough']);
const ARRAY_KEYS = new Set([
  'data-source',
  'unavailable-dates',
  'list-items',
  'include-days',
  'images',
  'allowed-mime-types',
]);
const NUMBER_KEYS = new Set([
  'min-chars',
  'max-chars',
  'max-length',
  'min-selected-items',
  'max-selected-items',
  'min-days',
  'max-days',
  'max-file-size-kb',
  'min-uploaded-photos',
  'max-uploaded-photos',
  'min-uploaded-documents',
  'max-uploaded-documents',
  'width',
  'height',
  'aspect-ratio',
]);
const OBJECT_KEYS = new Set(['init-values', 'error-messages']);
const SKIPPED_KEYS = new Set([
  'type',
  'name',
  'children',
  'then',
  'else',
  'cases',
  'condition',
  'value',
  'on-click-action',
  'on-select-action',
  'on-unselect-action',
]);

/** What a component property needs when it is bound to data (spec A3: compatible types). */
function expectedType(entry: ComponentEntry, key: string): ValueType {
  if (BOOLEAN_KEYS.has(key)) {
    return 'boolean';
  }
  if (
    ARRAY_KEYS.has(key) ||
    (key === 'init-value' && (entry.type === 'CheckboxGroup' || entry.type === 'ChipsSelector'))
  ) {
    return 'array';
  }
  if (key === 'init-value' && entry.type === 'OptIn') {
    return 'boolean';
  }
  if (NUMBER_KEYS.has(key)) {
    return 'number';
  }

  return OBJECT_KEYS.has(key) ? 'object' : 'string';
}

/** Bound properties get values of the right type; If conditions and Switch values are dynamic. */
export function checkBindings(context: RuleContext): Problem[] {
  return context.models.flatMap((model) =>
    model.components.flatMap((entry) => [
      ...checkProperties(context, model, entry),
      ...checkCondition(context, model, entry),
    ]),
  );
}

function checkProperties(
  context: RuleContext,
  model: ScreenModel,
  entry: ComponentEntry,
): Problem[] {
  return Object.entries(entry.component).flatMap(([key, value]) => {
    if (SKIPPED_KEYS.has(key) || typeof value !== 'string') {
      return [];
    }
    const parsed = parseDynamicValue(value);
    if (parsed.kind === 'static' || parsed.kind === 'error') {
      return [];
    }
    const found = valueType(context, model, parsed);
    const wanted = expectedType(entry, key);

    return found === 'unknown' || found === wanted
      ? []
      : [
          componentProblem(
            model,
            entry,
            'INVALID_SCREEN_DYNAMIC_DATA',
            `“${key}” needs a ${wanted}, but “${value}” is a ${found}.`,
            { at: [key] },
          ),
        ];
  });
}

function checkCondition(
  context: RuleContext,
  model: ScreenModel,
  entry: ComponentEntry,
): Problem[] {
  const key = entry.type === 'If' ? 'condition' : entry.type === 'Switch' ? 'value' : undefined;
  const text = key === undefined ? undefined : entry.component[key];
  if (key === undefined || typeof text !== 'string') {
    return [];
  }
  const parsed = parseDynamicValue(text);
  if (parsed.kind === 'error') {
    return [];
  }
  if (parsed.kind === 'static') {
    return [
      componentProblem(
        model,
        entry,
        'INVALID_PROPERTY_VALUE',
        `“${key}” must be dynamic, such as \${data.flag} or a back-tick expression.`,
        { at: [key] },
      ),
    ];
  }
  if (entry.type === 'Switch') {
    return [];
  }
  const expression: Expression =
    parsed.kind === 'reference'
      ? { kind: 'reference', reference: parsed.reference, start: 0, end: text.length }
      : parsed.expression;
  const typed = typeExpression(expression, (reference) => {
    const resolved = resolveReference(context, model, reference);

    return resolved.ok ? resolved.type : 'unknown';
  });
  const problems: Problem[] = [];
  if (!hasReference(expression) || comparesLiterals(expression)) {
    problems.push(
      componentProblem(
        model,
        entry,
        'INVALID_PROPERTY_VALUE',
        'the condition must read at least one dynamic value and may not compare two literals.',
        { at: [key] },
      ),
    );
  }
  if (typed.type !== 'boolean' && typed.type !== 'unknown') {
    problems.push(
      componentProblem(
        model,
        entry,
        'INVALID_PROPERTY_VALUE',
        `the condition must be true or false, but it is a ${typed.type}.`,
        { at: [key] },
      ),
    );
  }

  return problems;
}

function comparesLiterals(expression: Expression): boolean {
  if (expression.kind === 'binary') {
    const literal = (side: Expression) =>
      side.kind === 'string' || side.kind === 'number' || side.kind === 'boolean';

    return (
      (literal(expression.left) && literal(expression.right)) ||
      comparesLiterals(expression.left) ||
      comparesLiterals(expression.right)
    );
  }

  return expression.kind === 'unary' ? comparesLiterals(expression.operand) : false;
}
