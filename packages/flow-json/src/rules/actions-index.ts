import { isJsonObject } from '../json-value';
import type { JsonObject } from '../json-value';
import { childPointer } from '../pointer';
import type { ComponentEntry, ScreenModel } from './screen-model';

export const ACTION_KEYS = ['on-click-action', 'on-select-action', 'on-unselect-action'] as const;

/** One action found on a screen: on a component, or on an item of its list. */
export interface FoundAction {
  entry: ComponentEntry;
  action: JsonObject;
  /** `on-click-action`, `on-select-action` or `on-unselect-action`. */
  key: string;
  pointer: string;
  /** Set for actions on list items (`data-source` or `list-items`). */
  item?: { list: string; index: number };
}

const actionsByModel = new WeakMap<ScreenModel, FoundAction[]>();

/** Every action of a screen, in document order (found once per screen and validation). */
export function actionsOf(model: ScreenModel): FoundAction[] {
  let actions = actionsByModel.get(model);
  if (actions === undefined) {
    actions = findActions(model);
    actionsByModel.set(model, actions);
  }

  return actions;
}

function findActions(model: ScreenModel): FoundAction[] {
  return model.components.flatMap((entry) => [
    ...ownActions(entry, entry.component, entry.visit.pointer),
    ...(['data-source', 'list-items'] as const).flatMap((list) => itemActions(entry, list)),
  ]);
}

function ownActions(
  entry: ComponentEntry,
  holder: JsonObject,
  pointer: string,
  item?: FoundAction['item'],
): FoundAction[] {
  const found: FoundAction[] = [];
  for (const key of ACTION_KEYS) {
    const action = holder[key];
    if (isJsonObject(action)) {
      const entryAction = { entry, action, key, pointer: childPointer(pointer, key) };
      found.push(item === undefined ? entryAction : { ...entryAction, item });
    }
  }

  return found;
}

function itemActions(entry: ComponentEntry, list: 'data-source' | 'list-items'): FoundAction[] {
  const items = entry.component[list];
  if (!Array.isArray(items)) {
    return [];
  }
  const found: FoundAction[] = [];
  items.forEach((item: unknown, index) => {
    if (isJsonObject(item) && ACTION_KEYS.some((key) => key in item)) {
      found.push(
        ...ownActions(entry, item, childPointer(entry.visit.pointer, list, index), { list, index }),
      );
    }
  });

  return found;
}

/** The screen a navigate action leads to, when it names one. */
export function navigateTarget(action: JsonObject): string | undefined {
  if (action.name !== 'navigate' || !isJsonObject(action.next)) {
    return undefined;
  }

  return typeof action.next.name === 'string' ? action.next.name : undefined;
}
