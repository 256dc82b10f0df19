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

/** Every action of a screen, in document order. */
export function actionsOf(model: ScreenModel): FoundAction[] {
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
  return ACTION_KEYS.flatMap((key) => {
    const action = holder[key];
    if (!isJsonObject(action)) {
      return [];
    }
    const found = { entry, action, key, pointer: childPointer(pointer, key) };

    return [item === undefined ? found : { ...found, item }];
  });
}

function itemActions(entry: ComponentEntry, list: 'data-source' | 'list-items'): FoundAction[] {
  const items = entry.component[list];
  if (!Array.isArray(items)) {
    return [];
  }

  return items.flatMap((item: unknown, index) =>
    isJsonObject(item)
      ? ownActions(entry, item, childPointer(entry.visit.pointer, list, index), { list, index })
      : [],
  );
}

/** The screen a navigate action leads to, when it names one. */
export function navigateTarget(action: JsonObject): string | undefined {
  if (action.name !== 'navigate' || !isJsonObject(action.next)) {
    return undefined;
  }

  return typeof action.next.name === 'string' ? action.next.name : undefined;
}
