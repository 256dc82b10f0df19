import { describeJsonType, isJsonObject } from '../json-value';
import { childPointer } from '../pointer';
import { error } from '../problem';
import type { Problem } from '../problem';
import { ordinal } from '../walk';
import { capitalize, describeScreen } from './context';
import type { RuleContext, ScreenEntry } from './context';

export const LAYOUT_TYPES = ['SingleColumnLayout'] as const;

/** `SUCCESS` names the end of a Flow in endpoint replies, so no screen may use it. */
const RESERVED_SCREEN_ID = 'success';

/** Each screen's own shape: its id, its layout, and that ids are unique. */
export function checkScreens(context: RuleContext): Problem[] {
  return [
    ...context.screens.flatMap((entry) => checkScreen(entry)),
    ...checkDuplicateIds(context.screens),
  ];
}

function checkScreen(entry: ScreenEntry): Problem[] {
  if (!isJsonObject(entry.value)) {
    return [
      error(
        entry.pointer,
        'INVALID_PROPERTY_TYPE',
        `${capitalize(describeScreen(entry))} must be an object with an id and a layout, but it is ${describeJsonType(entry.value)}.`,
      ),
    ];
  }

  return [...checkScreenId(entry, entry.value), ...checkLayout(entry, entry.value.layout)];
}

function checkScreenId(entry: ScreenEntry, screen: Record<string, unknown>): Problem[] {
  const pointer = childPointer(entry.pointer, 'id');
  const id = screen.id;
  const where = capitalize(describeScreen(entry));
  if (id === undefined) {
    return [
      error(pointer, 'MISSING_REQUIRED_PROPERTY', `${where} has no “id”. Every screen needs one.`),
    ];
  }
  if (typeof id !== 'string') {
    return [
      error(
        pointer,
        'INVALID_PROPERTY_TYPE',
        `${where} has an “id” that is ${describeJsonType(id)}; a screen id must be text such as "WELCOME".`,
      ),
    ];
  }
  if (id.trim() === '') {
    return [
      error(
        pointer,
        'MIN_CHARS_REQUIRED',
        `${where} has an empty id. Give it a name such as "WELCOME".`,
        id,
      ),
    ];
  }
  if (id.toLowerCase() === RESERVED_SCREEN_ID) {
    return [
      error(
        pointer,
        'SCREEN_ID_IS_RESERVED_KEYWORD',
        `A screen cannot be called “${id}”: WhatsApp reserves SUCCESS for the end of a Flow. Choose another id.`,
        id,
      ),
    ];
  }

  return [];
}

function checkLayout(entry: ScreenEntry, layout: unknown): Problem[] {
  const pointer = childPointer(entry.pointer, 'layout');
  const where = capitalize(describeScreen(entry));
  if (layout === undefined) {
    return [
      error(
        pointer,
        'MISSING_REQUIRED_PROPERTY',
        `${where} has no “layout”. Every screen needs a layout holding its components.`,
        entry.id,
      ),
    ];
  }
  if (!isJsonObject(layout)) {
    return [
      error(
        pointer,
        'INVALID_PROPERTY_TYPE',
        `${where} has a “layout” that is ${describeJsonType(layout)}; it must be an object.`,
        entry.id,
      ),
    ];
  }

  return [
    ...checkLayoutType(entry, pointer, layout.type),
    ...checkLayoutChildren(entry, pointer, layout.children),
  ];
}

function checkLayoutType(entry: ScreenEntry, layoutPointer: string, type: unknown): Problem[] {
  if ((LAYOUT_TYPES as readonly unknown[]).includes(type)) {
    return [];
  }
  const found =
    typeof type === 'string'
      ? `“${type}”`
      : type === undefined
        ? 'missing'
        : describeJsonType(type);

  return [
    error(
      childPointer(layoutPointer, 'type'),
      'INVALID_PROPERTY_VALUE',
      `The layout type of ${describeScreen(entry)} is ${found}; the only layout WhatsApp supports is “SingleColumnLayout”.`,
      entry.id,
    ),
  ];
}

function checkLayoutChildren(
  entry: ScreenEntry,
  layoutPointer: string,
  children: unknown,
): Problem[] {
  const pointer = childPointer(layoutPointer, 'children');
  if (children === undefined) {
    return [
      error(
        pointer,
        'MISSING_REQUIRED_PROPERTY',
        `The layout of ${describeScreen(entry)} has no “children”: it needs the list of components the screen shows.`,
        entry.id,
      ),
    ];
  }
  if (!Array.isArray(children)) {
    return [
      error(
        pointer,
        'INVALID_PROPERTY_TYPE',
        `The “children” of ${describeScreen(entry)}'s layout must be a list of components, but it is ${describeJsonType(children)}.`,
        entry.id,
      ),
    ];
  }

  return [];
}

function checkDuplicateIds(screens: readonly ScreenEntry[]): Problem[] {
  const firstIndexById = new Map<string, number>();
  const problems: Problem[] = [];
  for (const entry of screens) {
    if (entry.id === undefined) {
      continue;
    }
    const firstIndex = firstIndexById.get(entry.id);
    if (firstIndex === undefined) {
      firstIndexById.set(entry.id, entry.index);
      continue;
    }
    problems.push(
      error(
        childPointer(entry.pointer, 'id'),
        'DUPLICATE_SCREEN_IDS',
        `The ${ordinal(firstIndex + 1)} and the ${ordinal(entry.index + 1)} screen are both called “${entry.id}”. Each screen needs its own id.`,
        entry.id,
      ),
    );
  }

  return problems;
}
