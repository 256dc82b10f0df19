import { childPointer } from '@sanjay-flow/flow-json';

import { asBoolean, asText } from './evaluate';
import { resolveValue } from './resolve';
import type { Scope } from './resolve';

/** A component as written in the Flow JSON: validated, so `type` is a known component type. */
export type RawComponent = Record<string, unknown> & { type: string };

/** A component the phone shows, with where it is written and the Form around it, if any. */
export interface PlacedComponent {
  component: RawComponent;
  pointer: string;
  form?: RawComponent;
}

/**
 * The components a screen shows, in order: an If shows its `then` or `else` branch, a Switch
 * the case named by its value, a Form its children, and a component whose `visible` is false
 * nothing.
 */
export function visibleComponents(
  children: readonly unknown[],
  pointer: string,
  scope: Scope,
  form?: RawComponent,
): PlacedComponent[] {
  return children.flatMap((child, index) => {
    const component = child as RawComponent;
    const here = childPointer(pointer, index);

    return showComponent(component, here, scope, form);
  });
}

function showComponent(
  component: RawComponent,
  pointer: string,
  scope: Scope,
  form: RawComponent | undefined,
): PlacedComponent[] {
  switch (component.type) {
    case 'If': {
      const branch = asBoolean(resolveValue(component.condition, scope)) ? 'then' : 'else';

      return listIn(component, branch, childPointer(pointer, branch), scope, form);
    }
    case 'Switch': {
      const key = asText(resolveValue(component.value, scope));
      const cases = component.cases as Record<string, unknown[]>;

      return Object.hasOwn(cases, key)
        ? visibleComponents(cases[key] ?? [], childPointer(pointer, 'cases', key), scope, form)
        : [];
    }
    case 'Form':
      return listIn(component, 'children', childPointer(pointer, 'children'), scope, component);
    default:
      if (component.visible !== undefined && !asBoolean(resolveValue(component.visible, scope))) {
        return [];
      }

      return [{ component, pointer, ...(form === undefined ? {} : { form }) }];
  }
}

function listIn(
  component: RawComponent,
  key: string,
  pointer: string,
  scope: Scope,
  form: RawComponent | undefined,
): PlacedComponent[] {
  const list = component[key];

  return Array.isArray(list) ? visibleComponents(list, pointer, scope, form) : [];
}
