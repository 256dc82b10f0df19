import { isComponentType, type ComponentType } from '@sanjay-flow/flow-json';
import type { ComponentPlace } from '@sanjay-flow/graph';
import type { DragEvent } from 'react';

/**
 * What a drag carries between the palette, the screen cards and the canvas. The browser's
 * drag data is readable only on drop, so the kind is also in the list of types (readable
 * while dragging over a target, to say whether it may drop there).
 */
export type DragItem =
  | { kind: 'new-component'; type: ComponentType }
  | { kind: 'move-component'; from: ComponentPlace }
  | { kind: 'new-screen' };

const MIME = 'application/x-sanjay-flow';

export function startDrag(event: DragEvent, item: DragItem): void {
  event.dataTransfer.setData(MIME, JSON.stringify(item));
  event.dataTransfer.setData(`${MIME}-${item.kind}`, '');
  event.dataTransfer.effectAllowed = item.kind === 'move-component' ? 'move' : 'copy';
  event.stopPropagation();
}

/** Whether the drag over this target carries an item of one of `kinds`. */
export function carries(event: DragEvent, kinds: readonly DragItem['kind'][]): boolean {
  return kinds.some((kind) => event.dataTransfer.types.includes(`${MIME}-${kind}`));
}

/** The item dropped, or `null` for anything else (a file, text from another page). */
export function droppedItem(event: DragEvent): DragItem | null {
  const text = event.dataTransfer.getData(MIME);
  if (text === '') {
    return null;
  }
  try {
    const item = JSON.parse(text) as Partial<DragItem> & Record<string, unknown>;
    if (item.kind === 'new-component' && isComponentType(item.type)) {
      return { kind: 'new-component', type: item.type };
    }
    if (item.kind === 'move-component' && typeof item.from === 'object' && item.from !== null) {
      const from = item.from as Partial<ComponentPlace>;
      if (typeof from.nodeId === 'string' && typeof from.pointer === 'string') {
        return { kind: 'move-component', from: { nodeId: from.nodeId, pointer: from.pointer } };
      }
    }

    return item.kind === 'new-screen' ? { kind: 'new-screen' } : null;
  } catch {
    return null;
  }
}
