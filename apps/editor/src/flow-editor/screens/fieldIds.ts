import { parsePointer } from '@sanjay-flow/flow-json';

/**
 * Stable element ids for the inspector's inputs, derived from the node, the component's
 * pointer and the property, so any panel can focus the input for a problem's pointer.
 */
export function inspectorFieldId(nodeId: string, pointer: string, property: string): string {
  const safe = (text: string) =>
    text.replace(/[^A-Za-z0-9_-]/g, (char) => `-${char.charCodeAt(0).toString(16)}-`);

  return `inspector-${safe(nodeId)}-${safe(pointer)}-${safe(property)}`;
}

// A component pointer: the layout's list, then slots of containers (Form children, If
// branches, Switch cases), each followed by an index.
const COMPONENT_POINTER =
  /^\/layout\/children\/\d+(?:\/(?:children|then|else)\/\d+|\/cases\/[^/]+\/\d+)*/;

/**
 * Splits a pointer into the component it is in and the property it names:
 * `/layout/children/0/children/2/label` → component `/layout/children/0/children/2`,
 * property `label`. Screen-level pointers (`/title`, `/data/email`) have no component.
 */
export function splitSelectionPointer(pointer: string): { component?: string; property?: string } {
  const match = COMPONENT_POINTER.exec(pointer);
  const component = match?.[0];
  const rest = component === undefined ? pointer : pointer.slice(component.length);
  const [property] = parsePointer(rest);

  return {
    ...(component === undefined ? {} : { component }),
    ...(property === undefined ? {} : { property }),
  };
}
