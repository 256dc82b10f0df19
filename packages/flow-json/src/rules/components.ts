import { COMPONENT_TYPES, COMPONENT_TYPE_NAMES, isComponentType } from '../components';
import type { ChildSlot, ComponentType } from '../components';
import { describeJsonType, isJsonObject } from '../json-value';
import type { JsonObject } from '../json-value';
import { childPointer } from '../pointer';
import { error } from '../problem';
import type { Problem } from '../problem';
import { isAtLeast } from '../versions';
import { componentPath, describeComponentPlace, walkComponents } from '../walk';
import type { ComponentVisit } from '../walk';
import { capitalize } from './context';
import type { RuleContext, ScreenEntry } from './context';

/** Every component in every screen: a known type, available in the Flow's version, well-formed slots. */
export function checkComponents(context: RuleContext): Problem[] {
  return context.screens.flatMap((entry) => checkScreenComponents(context, entry));
}

function checkScreenComponents(context: RuleContext, entry: ScreenEntry): Problem[] {
  if (!isJsonObject(entry.value) || !isJsonObject(entry.value.layout)) {
    return [];
  }
  const problems: Problem[] = [];
  const childrenPointer = childPointer(entry.pointer, 'layout', 'children');
  walkComponents(entry.value.layout.children, childrenPointer, (visit) => {
    for (const problem of checkComponent(context, entry, visit)) {
      problems.push({ ...problem, componentPath: componentPath(visit) });
    }
  });

  return problems;
}

function checkComponent(
  context: RuleContext,
  entry: ScreenEntry,
  visit: ComponentVisit,
): Problem[] {
  const component = visit.component;
  if (!isJsonObject(component)) {
    return [
      error(
        visit.pointer,
        'INVALID_PROPERTY_TYPE',
        `${capitalize(describeComponentPlace(visit, entry.id))} must be an object with a “type”, but it is ${describeJsonType(component)}.`,
        entry.id,
      ),
    ];
  }
  const typePointer = childPointer(visit.pointer, 'type');
  const type = component.type;
  if (type === undefined) {
    return [
      error(
        typePointer,
        'MISSING_REQUIRED_TYPE_PROPERTY',
        `${capitalize(describeComponentPlace(visit, entry.id))} has no “type”, so WhatsApp cannot tell what to show.`,
        entry.id,
      ),
    ];
  }
  if (typeof type !== 'string') {
    return [
      error(
        typePointer,
        'INVALID_PROPERTY_TYPE',
        `${capitalize(describeComponentPlace(visit, entry.id))} has a “type” that is ${describeJsonType(type)}; it must be a component name such as "TextBody".`,
        entry.id,
      ),
    ];
  }
  if (!isComponentType(type)) {
    return [
      error(
        typePointer,
        'UNKNOWN_COMPONENT_TYPE',
        `${capitalize(describeComponentPlace(visit, entry.id))} has the type “${type}”, which is not a WhatsApp Flows component.${suggestType(type)}`,
        entry.id,
      ),
    ];
  }

  return [
    ...checkVersion(context, entry, visit, type),
    ...checkSlots(entry, visit, component, type),
  ];
}

function suggestType(type: string): string {
  const match = COMPONENT_TYPE_NAMES.find((name) => name.toLowerCase() === type.toLowerCase());

  return match === undefined ? '' : ` Did you mean “${match}”? Component types are case-sensitive.`;
}

function checkVersion(
  context: RuleContext,
  entry: ScreenEntry,
  visit: ComponentVisit,
  type: ComponentType,
): Problem[] {
  const since = COMPONENT_TYPES[type].since;
  if (context.version === undefined || isAtLeast(context.version, since)) {
    return [];
  }

  return [
    error(
      childPointer(visit.pointer, 'type'),
      'COMPONENT_NEEDS_NEWER_VERSION',
      `${capitalize(describeComponentPlace(visit, entry.id))} is a ${type}, which needs Flow JSON ${since} or later; this Flow is version ${context.version}.`,
      entry.id,
    ),
  ];
}

function checkSlots(
  entry: ScreenEntry,
  visit: ComponentVisit,
  component: JsonObject,
  type: ComponentType,
): Problem[] {
  const info = COMPONENT_TYPES[type];
  const slots: readonly ChildSlot[] = 'slots' in info ? info.slots : [];

  return slots.flatMap((slot) => checkSlot(entry, visit, component[slot.key], type, slot));
}

function checkSlot(
  entry: ScreenEntry,
  visit: ComponentVisit,
  content: unknown,
  type: ComponentType,
  slot: ChildSlot,
): Problem[] {
  const pointer = childPointer(visit.pointer, slot.key);
  const owner = `${describeComponentPlace(visit, entry.id)} (a ${type})`;
  if (content === undefined) {
    return slot.required
      ? [
          error(
            pointer,
            'MISSING_REQUIRED_PROPERTY',
            `${capitalize(owner)} has no “${slot.key}”.${slotHint(slot)}`,
            entry.id,
          ),
        ]
      : [];
  }
  if (slot.shape === 'list') {
    return Array.isArray(content)
      ? []
      : [
          error(
            pointer,
            'INVALID_PROPERTY_TYPE',
            `The “${slot.key}” of ${owner} must be a list of components, but it is ${describeJsonType(content)}.`,
            entry.id,
          ),
        ];
  }
  if (!isJsonObject(content)) {
    return [
      error(
        pointer,
        'INVALID_PROPERTY_TYPE',
        `The “${slot.key}” of ${owner} must be an object mapping each case to a list of components, but it is ${describeJsonType(content)}.`,
        entry.id,
      ),
    ];
  }

  return Object.entries(content)
    .filter(([, list]) => !Array.isArray(list))
    .map(([caseKey, list]) =>
      error(
        childPointer(pointer, caseKey),
        'INVALID_PROPERTY_TYPE',
        `The case “${caseKey}” of ${owner} must be a list of components, but it is ${describeJsonType(list)}.`,
        entry.id,
      ),
    );
}

function slotHint(slot: ChildSlot): string {
  return slot.shape === 'list'
    ? ' It needs the list of components it holds.'
    : ' It needs an object mapping each case to a list of components.';
}
