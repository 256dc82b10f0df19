import { parseDynamicValue } from '../expression';
import { isJsonObject } from '../json-value';
import type { Problem } from '../problem';
import type { RuleContext } from './context';
import { versionAtLeast } from './context';
import { jsonType } from './data-model';
import { resolveReference } from './references';
import { componentProblem } from './report';
import { PICKER_TYPES, inputValueType } from './screen-model';
import type { ComponentEntry, ScreenModel } from './screen-model';

/** Form `init-values` and `error-messages` (spec A5): keys name inputs of the Form, values fit them. */
export function checkFormValues(context: RuleContext): Problem[] {
  return context.models.flatMap((model) =>
    model.components
      .filter((entry) => entry.type === 'Form')
      .flatMap((form) => [
        ...checkInitValues(context, model, form),
        ...checkErrorMessages(context, model, form),
      ]),
  );
}

function formInputs(model: ScreenModel, form: ComponentEntry): Map<string, ComponentEntry> {
  const inside = model.components.filter((entry) =>
    entry.visit.pointer.startsWith(`${form.visit.pointer}/`),
  );

  return new Map([...model.inputs].filter(([, input]) => inside.includes(input)));
}

function checkBoundObject(
  context: RuleContext,
  model: ScreenModel,
  form: ComponentEntry,
  key: string,
  text: string,
): Problem[] {
  const parsed = parseDynamicValue(text);
  if (parsed.kind !== 'reference') {
    return [];
  }
  const resolved = resolveReference(context, model, parsed.reference);

  return resolved.ok && resolved.type !== 'object' && resolved.type !== 'unknown'
    ? [
        componentProblem(
          model,
          form,
          'INVALID_SCREEN_DYNAMIC_DATA',
          `“${key}” must be bound to an object, but “${text}” is a ${resolved.type}.`,
          { at: [key] },
        ),
      ]
    : [];
}

function checkInitValues(
  context: RuleContext,
  model: ScreenModel,
  form: ComponentEntry,
): Problem[] {
  const values = form.component['init-values'];
  if (typeof values === 'string') {
    return checkBoundObject(context, model, form, 'init-values', values);
  }
  if (!isJsonObject(values)) {
    return [];
  }
  const inputs = formInputs(model, form);

  return Object.entries(values).flatMap(([name, value]) => {
    const input = inputs.get(name);
    if (input === undefined) {
      return [
        componentProblem(
          model,
          form,
          'INVALID_PROPERTY_VALUE',
          `“init-values” sets “${name}”, but the Form has no input with that name.`,
          { at: ['init-values', name] },
        ),
      ];
    }
    if (PICKER_TYPES.has(input.type)) {
      return [
        componentProblem(
          model,
          form,
          'NATIVE_COMPONENT_IN_FORM_INIT_VALUES',
          `“${name}” is a ${input.type}; pickers cannot have initial values.`,
          { at: ['init-values', name] },
        ),
      ];
    }
    const found =
      typeof value === 'string' && (value.startsWith('${') || value.startsWith('`'))
        ? 'unknown'
        : jsonType(value);
    const wanted = inputValueType(input);
    // Meta type-checks init-values from 7.0 on.
    return versionAtLeast(context, '7.0') &&
      found !== 'unknown' &&
      wanted !== 'unknown' &&
      found !== wanted
      ? [
          componentProblem(
            model,
            form,
            'INVALID_PROPERTY_VALUE',
            `the initial value of “${name}” must be a ${wanted}, not a ${found}.`,
            { at: ['init-values', name] },
          ),
        ]
      : [];
  });
}

function checkErrorMessages(
  context: RuleContext,
  model: ScreenModel,
  form: ComponentEntry,
): Problem[] {
  const messages = form.component['error-messages'];
  if (typeof messages === 'string') {
    return checkBoundObject(context, model, form, 'error-messages', messages);
  }
  if (!isJsonObject(messages)) {
    return [];
  }
  const inputs = formInputs(model, form);

  return Object.entries(messages)
    .map(([name, value]) =>
      !inputs.has(name)
        ? componentProblem(
            model,
            form,
            'INVALID_PROPERTY_VALUE',
            `“error-messages” names “${name}”, but the Form has no input with that name.`,
            { at: ['error-messages', name] },
          )
        : typeof value === 'string' && value.startsWith('${')
          ? undefined
          : componentProblem(
              model,
              form,
              'LITERAL_ERROR_MESSAGE',
              `the error message of “${name}” is fixed text, so the phone shows it all the time; bind “error-messages” to \${data.…} and let the endpoint set it.`,
              { at: ['error-messages', name], severity: 'warning' },
            ),
    )
    .filter((problem): problem is Problem => problem !== undefined);
}
