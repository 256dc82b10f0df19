import {
  INPUT_COMPONENT_TYPES,
  isAtLeast,
  isJsonObject,
  walkComponents,
} from '@sanjay-flow/flow-json';

import { screenNodes } from './document';
import type { GraphDocument } from './document';
import { flowVersionOf } from './screen-palette';
import { screenNode } from './screen-tree';

/** A reference the expression input can complete, e.g. `data.email` or `form.name`. */
export interface ScopeReference {
  /** The text inside `${…}`. */
  path: string;
  /** Where it comes from, in words: `data field (string)`, `TextInput`, `screen DETAILS`. */
  detail: string;
}

const INPUTS: ReadonlySet<string> = new Set(INPUT_COMPONENT_TYPES);

function dataReferences(screen: Record<string, unknown>, prefix: string): ScopeReference[] {
  const data = isJsonObject(screen.data) ? screen.data : {};

  return Object.entries(data).flatMap(([key, field]) => {
    const type = isJsonObject(field) && typeof field.type === 'string' ? field.type : 'unknown';
    const nested =
      isJsonObject(field) && isJsonObject(field.properties)
        ? Object.keys(field.properties).map((property) => ({
            path: `${prefix}data.${key}.${property}`,
            detail: `field of ${key}`,
          }))
        : [];

    return [{ path: `${prefix}data.${key}`, detail: `data field (${type})` }, ...nested];
  });
}

function formReferences(screen: Record<string, unknown>, prefix: string): ScopeReference[] {
  const found: ScopeReference[] = [];
  const layout = isJsonObject(screen.layout) ? screen.layout : {};
  walkComponents(layout.children, '', ({ component }) => {
    if (
      isJsonObject(component) &&
      INPUTS.has(String(component.type)) &&
      typeof component.name === 'string'
    ) {
      found.push({ path: `${prefix}form.${component.name}`, detail: String(component.type) });
    }
  });

  return found;
}

/**
 * Every reference a text of the screen may use: its own data and inputs, then (from Flow JSON
 * 4.0) the data and inputs of the other screens through `screen.<id>.…`.
 */
export function referencesInScope(doc: GraphDocument, nodeId: string): ScopeReference[] {
  const own = screenNode(doc, nodeId).screen;
  const local = [...dataReferences(own, ''), ...formReferences(own, '')];
  if (!isAtLeast(flowVersionOf(doc), '4.0')) {
    return local;
  }
  const others = screenNodes(doc)
    .filter((node) => node.id !== nodeId && typeof node.screen.id === 'string')
    .flatMap((node) => {
      const prefix = `screen.${String(node.screen.id)}.`;

      return [...dataReferences(node.screen, prefix), ...formReferences(node.screen, prefix)];
    });

  return [...local, ...others];
}

/** The references that complete `typed` (the text after `${`), best matches first. */
export function completeReference(
  references: readonly ScopeReference[],
  typed: string,
): ScopeReference[] {
  const wanted = typed.toLowerCase();
  const starts = references.filter((reference) => reference.path.toLowerCase().startsWith(wanted));
  const contains = references.filter(
    (reference) => !starts.includes(reference) && reference.path.toLowerCase().includes(wanted),
  );

  return [...starts, ...contains];
}

/**
 * The unfinished reference at the caret: the text after the last `${` that is not closed yet,
 * with where it starts; `null` when the caret is not inside one.
 */
export function openReferenceAt(
  text: string,
  caret: number,
): { start: number; typed: string } | null {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('${');
  if (open === -1 || before.indexOf('}', open) !== -1) {
    return null;
  }

  return { start: open + 2, typed: before.slice(open + 2) };
}
