import { isJsonObject, parsePointer, pointerTo, type Problem } from '@sanjay-flow/flow-json';

/** Where a Flow JSON problem lives in the graph: a screen node, a component in it, a property. */
export interface ProblemPlace {
  nodeId: string;
  /** JSON pointer of the component inside the screen, e.g. `/layout/children/0`. */
  pointer?: string;
  /** The component's (or screen's) property at fault, when the problem names one. */
  property?: string;
}

// Keys under which a screen or container holds components.
const COMPONENT_LISTS = new Set(['children', 'then', 'else']);

/**
 * The deepest component on the way down `segments` inside `screen`, and the property right
 * below it. Containers hold components in lists (`children`, `then`, `else`) and in the lists
 * of a Switch's `cases`.
 */
function componentOf(screen: unknown, segments: readonly string[]) {
  let value: unknown = screen;
  let component: { pointer: string; property?: string } | undefined;
  for (const [index, segment] of segments.entries()) {
    if (!isJsonObject(value) && !Array.isArray(value)) {
      break;
    }
    value = (value as Record<string, unknown>)[segment];
    const parent = segments[index - 1] ?? '';
    const grandparent = segments[index - 2] ?? '';
    const inList = COMPONENT_LISTS.has(parent) || grandparent === 'cases';
    if (inList && /^\d+$/.test(segment) && isJsonObject(value) && typeof value.type === 'string') {
      const next = segments[index + 1];
      component = {
        pointer: pointerTo(...segments.slice(0, index + 1)),
        ...(next === undefined ? {} : { property: next }),
      };
    }
  }

  return component;
}

function screenIndexOf(screens: unknown, id: string): number {
  return Array.isArray(screens)
    ? screens.findIndex((screen) => isJsonObject(screen) && screen.id === id)
    : -1;
}

/** Maps a problem's pointer in the compiled Flow JSON to the node, component and property. */
export function locateProblem(
  problem: Problem,
  flowJson: Record<string, unknown>,
  screenNodeIds: readonly string[],
): ProblemPlace | null {
  const [head, key, ...rest] = parsePointer(problem.pointer);
  if (head === 'routing_model' && key !== undefined) {
    const index = screenIndexOf(flowJson.screens, key);

    return index < 0 ? null : { nodeId: screenNodeIds[index] ?? key };
  }
  if (head !== 'screens' || key === undefined || !/^\d+$/.test(key)) {
    return null;
  }
  const nodeId = screenNodeIds[Number(key)];
  if (nodeId === undefined) {
    return null;
  }
  const screens = flowJson.screens as unknown[];
  const component = componentOf(screens[Number(key)], rest);
  if (component !== undefined) {
    return { nodeId, ...component };
  }

  return rest[0] === undefined ? { nodeId } : { nodeId, property: rest[0] };
}
