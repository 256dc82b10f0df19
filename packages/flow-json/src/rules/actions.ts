import { parseDynamicValue, referencesOf } from '../expression';
import type { ValueType } from '../expression';
import { isJsonObject } from '../json-value';
import type { JsonObject } from '../json-value';
import { ACTION_SINCE } from '../model';
import type { ActionName } from '../model';
import { childPointer } from '../pointer';
import type { Problem } from '../problem';
import { actionsOf, navigateTarget } from './actions-index';
import type { FoundAction } from './actions-index';
import type { RuleContext } from './context';
import { versionBefore } from './context';
import { jsonType } from './data-model';
import { valueType } from './references';
import { componentProblem } from './report';
import { PICKER_TYPES } from './screen-model';
import type { ScreenModel } from './screen-model';

/** Actions (spec A7): availability, endpoint needs, targets and payloads. */
export function checkActions(context: RuleContext): Problem[] {
  return context.models.flatMap((model) =>
    actionsOf(model).flatMap((found) => checkAction(context, model, found)),
  );
}

function checkAction(context: RuleContext, model: ScreenModel, found: FoundAction): Problem[] {
  const name = found.action.name;
  if (typeof name !== 'string' || !(name in ACTION_SINCE)) {
    return [];
  }
  const problem = (code: string, message: string, at: Array<string | number> = []) =>
    componentProblem(model, found.entry, code, message, {
      pointer: childPointer(found.pointer, ...at),
    });
  const since =
    found.entry.type === 'ChipsSelector' && name === 'update_data'
      ? '7.1'
      : ACTION_SINCE[name as ActionName];
  if (versionBefore(context, since)) {
    return [
      problem(
        'INVALID_PROPERTY_VALUE',
        `the “${name}” action needs Flow JSON ${since} or later; this Flow is ${context.version ?? '?'}.`,
        ['name'],
      ),
    ];
  }
  const payload = isJsonObject(found.action.payload) ? found.action.payload : undefined;
  switch (name) {
    case 'data_exchange':
      return [
        ...(context.hasEndpoint
          ? []
          : [
              problem(
                'MISSING_REQUIRED_PROPERTY',
                '“data_exchange” calls the endpoint, so the Flow needs a “data_api_version” (and a “routing_model”).',
                ['name'],
              ),
            ]),
        ...checkPickerValues(context, model, found, payload, problem),
      ];
    case 'complete':
      return checkPickerValues(context, model, found, payload, problem);
    case 'navigate':
      return checkNavigate(context, model, found, payload, problem);
    case 'update_data':
      return checkUpdateData(model, payload, problem);
    default:
      return [];
  }
}

type Report = (code: string, message: string, at?: Array<string | number>) => Problem;

function checkNavigate(
  context: RuleContext,
  model: ScreenModel,
  found: FoundAction,
  payload: JsonObject | undefined,
  problem: Report,
): Problem[] {
  const target = navigateTarget(found.action);
  if (target === undefined) {
    return [];
  }
  const next = context.modelById.get(target);
  if (next === undefined) {
    return [
      problem(
        'INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME',
        `it navigates to “${target}”, which is not a screen of this Flow.`,
        ['next', 'name'],
      ),
    ];
  }
  if (next === model) {
    return [
      problem('INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME', 'a screen cannot navigate to itself.', [
        'next',
        'name',
      ]),
    ];
  }
  const problems: Problem[] = [];
  const given = payload ?? {};
  for (const [key, value] of Object.entries(given)) {
    if (pickerIn(context, model, value)) {
      problems.push(
        problem(
          'INVALID_NAVIGATE_ACTION_PAYLOAD',
          `“${key}” carries a photo or document picker's value, which a navigate payload may not hold.`,
          ['payload', key],
        ),
      );
    } else if (!(key in next.data)) {
      problems.push(
        problem(
          'INVALID_NAVIGATE_ACTION_PAYLOAD',
          `“${key}” is not declared in the data of screen “${target}”.`,
          ['payload', key],
        ),
      );
    } else {
      problems.push(
        ...checkPayloadType(context, model, value, next.data[key], key, target, problem),
      );
    }
  }
  for (const key of Object.keys(next.data)) {
    if (!(key in given)) {
      problems.push(
        problem(
          'INVALID_NAVIGATE_ACTION_PAYLOAD',
          `screen “${target}” declares “${key}” in its data, but this navigate payload does not send it.`,
          payload === undefined ? [] : ['payload'],
        ),
      );
    }
  }

  return problems;
}

function checkPayloadType(
  context: RuleContext,
  model: ScreenModel,
  value: unknown,
  field: unknown,
  key: string,
  target: string,
  problem: Report,
): Problem[] {
  const declared = isJsonObject(field) && typeof field.type === 'string' ? field.type : undefined;
  const found: ValueType =
    typeof value === 'string' ? valueType(context, model, parseOrStatic(value)) : jsonType(value);
  if (declared === undefined || found === 'unknown' || found === declared) {
    return [];
  }
  // A value relayed from an input is what the phone sends for it: text for TextInput, even of input-type number.
  return [
    problem(
      'INVALID_NAVIGATE_ACTION_PAYLOAD',
      `“${key}” is a ${found} here, but screen “${target}” declares it as ${declared}.`,
      ['payload', key],
    ),
  ];
}

function parseOrStatic(text: string) {
  const parsed = parseDynamicValue(text);

  return parsed.kind === 'error' ? { kind: 'static' as const, text } : parsed;
}

/** Whether a payload value reads a PhotoPicker/DocumentPicker of this Flow. */
function pickerIn(context: RuleContext, model: ScreenModel, value: unknown): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  const parsed = parseDynamicValue(value);
  if (parsed.kind === 'error') {
    return false;
  }

  return referencesOf(parsed).some((reference) => {
    if (reference.scope !== 'form') {
      return false;
    }
    const screen = reference.screen === undefined ? model : context.modelById.get(reference.screen);
    const input = screen?.inputs.get(reference.path[0] ?? '');

    return input !== undefined && PICKER_TYPES.has(input.type);
  });
}

/**
 * Picker values travel only as the whole value of a top-level payload key. The error catalogue
 * also says a `complete` payload may carry a picker only when at most one file is allowed; it
 * may predate 5.0 (conflict), and the stricter reading applies.
 */
function checkPickerValues(
  context: RuleContext,
  model: ScreenModel,
  found: FoundAction,
  payload: JsonObject | undefined,
  problem: Report,
): Problem[] {
  if (payload === undefined) {
    return [];
  }
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(payload)) {
    if (typeof value !== 'string') {
      if (JSON.stringify(value)?.includes('${') === true && containsPicker(context, model, value)) {
        problems.push(
          problem(
            'INVALID_ACTION_PAYLOAD_PROPERTY',
            `“${key}” nests a picker's value; it must be the whole value of a top-level key.`,
            ['payload', key],
          ),
        );
      }
      continue;
    }
    const parsed = parseDynamicValue(value);
    if (parsed.kind !== 'reference' && pickerIn(context, model, value)) {
      problems.push(
        problem(
          'INVALID_ACTION_PAYLOAD_PROPERTY',
          `“${key}” mixes a picker's value into an expression; it must be the whole value of a top-level key.`,
          ['payload', key],
        ),
      );
    } else if (
      parsed.kind === 'reference' &&
      found.action.name === 'complete' &&
      pickerIn(context, model, value)
    ) {
      const input = (
        parsed.reference.screen === undefined
          ? model
          : context.modelById.get(parsed.reference.screen)
      )?.inputs.get(parsed.reference.path[0] ?? '');
      const maxKey =
        input?.type === 'PhotoPicker' ? 'max-uploaded-photos' : 'max-uploaded-documents';
      const maximum = input?.component[maxKey];
      if (typeof maximum !== 'number' || maximum > 1) {
        problems.push(
          problem(
            'INVALID_ACTION_PAYLOAD_PROPERTY',
            `“${key}” sends a picker's files on completion; set its “${maxKey}” to 1.`,
            ['payload', key],
          ),
        );
      }
    }
  }

  return problems;
}

function containsPicker(context: RuleContext, model: ScreenModel, value: unknown): boolean {
  if (typeof value === 'string') {
    return pickerIn(context, model, value);
  }
  if (Array.isArray(value)) {
    return value.some((item: unknown) => containsPicker(context, model, item));
  }

  return (
    isJsonObject(value) && Object.values(value).some((item) => containsPicker(context, model, item))
  );
}

/** `update_data` changes the current screen's declared data only. */
function checkUpdateData(
  model: ScreenModel,
  payload: JsonObject | undefined,
  problem: Report,
): Problem[] {
  return Object.keys(payload ?? {})
    .filter((key) => !(key in model.data))
    .map((key) =>
      problem(
        'INVALID_ACTION_PAYLOAD_PROPERTY',
        `“${key}” is not declared in this screen's data, so update_data cannot set it.`,
        ['payload', key],
      ),
    );
}
