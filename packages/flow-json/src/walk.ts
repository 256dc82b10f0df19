import { COMPONENT_TYPES, isComponentType } from './components';
import type { ComponentType } from './components';
import { isJsonObject } from './json-value';
import { childPointer } from './pointer';

/** The container a component sits in, and through which slot. */
export interface ComponentParent {
  type: ComponentType;
  name?: string;
  slot: string;
  /** Position of the container in the list that holds it. */
  index: number;
  /** The Switch case key, for components inside a Switch. */
  caseKey?: string;
}

export interface ComponentVisit {
  /** The component as found: not yet known to be well formed. */
  component: unknown;
  pointer: string;
  /** Position in the list that holds it, from 0. */
  index: number;
  /** 0 for the layout's own children, +1 per container. */
  depth: number;
  /** Containers from the outermost inwards. */
  parents: readonly ComponentParent[];
}

/**
 * Visits every component of a component list in document order, a container before what it
 * holds: Form children, If then/else branches and Switch cases. Lists that are not arrays
 * are skipped; the structure rules report them.
 */
export function walkComponents(
  children: unknown,
  pointer: string,
  visit: (visit: ComponentVisit) => void,
): void {
  walkList(children, pointer, [], visit);
}

function walkList(
  list: unknown,
  pointer: string,
  parents: readonly ComponentParent[],
  visit: (visit: ComponentVisit) => void,
): void {
  if (!Array.isArray(list)) {
    return;
  }
  list.forEach((component: unknown, index) => {
    const componentPointer = childPointer(pointer, index);
    visit({ component, pointer: componentPointer, index, depth: parents.length, parents });
    walkSlots(component, componentPointer, index, parents, visit);
  });
}

function walkSlots(
  component: unknown,
  pointer: string,
  index: number,
  parents: readonly ComponentParent[],
  visit: (visit: ComponentVisit) => void,
): void {
  if (!isJsonObject(component) || !isComponentType(component.type)) {
    return;
  }
  const type = component.type;
  const info = COMPONENT_TYPES[type];
  const slots = 'slots' in info ? info.slots : [];
  const name = typeof component.name === 'string' ? component.name : undefined;
  for (const slot of slots) {
    const content = component[slot.key];
    const base = { type, slot: slot.key, index, ...(name === undefined ? {} : { name }) };
    if (slot.shape === 'list') {
      walkList(content, childPointer(pointer, slot.key), [...parents, base], visit);
    } else if (isJsonObject(content)) {
      for (const [caseKey, list] of Object.entries(content)) {
        const casePointer = childPointer(pointer, slot.key, caseKey);
        walkList(list, casePointer, [...parents, { ...base, caseKey }], visit);
      }
    }
  }
}

/** Where a component is, in words a business user understands. */
export function describeComponentPlace(visit: ComponentVisit, screenId?: string): string {
  const words = [`the ${ordinal(visit.index + 1)} component`];
  for (const parent of [...visit.parents].reverse()) {
    words.push(`in ${describeParent(parent)}`);
  }
  if (screenId !== undefined) {
    words.push(`of screen “${screenId}”`);
  }

  return words.join(' ');
}

function describeParent(parent: ComponentParent): string {
  if (parent.caseKey !== undefined) {
    return `the case “${parent.caseKey}” of a Switch`;
  }
  if (parent.type === 'If') {
    return `the “${parent.slot}” branch of an If`;
  }

  return parent.name === undefined ? `a ${parent.type}` : `the ${parent.type} “${parent.name}”`;
}

export function ordinal(position: number): string {
  const lastTwo = position % 100;
  const suffix =
    lastTwo >= 11 && lastTwo <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][position % 10] ?? 'th');

  return `${position}${suffix}`;
}

/**
 * A short readable path to a component, outermost first, e.g.
 * `Form "form" > If[2] then > TextInput "email"`.
 */
export function componentPath(visit: ComponentVisit): string {
  const steps = visit.parents.map((parent) => {
    const branch =
      parent.caseKey === undefined
        ? parent.type === 'Form'
          ? ''
          : ` ${parent.slot}`
        : ` case "${parent.caseKey}"`;

    return `${label(parent.type, parent.name, parent.index)}${branch}`;
  });
  const component = isJsonObject(visit.component) ? visit.component : {};
  const type = typeof component.type === 'string' ? component.type : 'Component';
  const name = typeof component.name === 'string' ? component.name : undefined;

  return [...steps, label(type, name, visit.index)].join(' > ');
}

function label(type: string, name: string | undefined, index: number): string {
  return name === undefined ? `${type}[${index}]` : `${type} "${name}"`;
}
