import { isComponentType, isJsonObject, type ComponentType } from '@sanjay-flow/flow-json';
import {
  addComponent,
  addScreen,
  componentList,
  connectNavigate,
  defaultComponent,
  flowVersionOf,
  moveComponent,
  moveRefusal,
  placementRefusal,
  screenNode,
  valueAt,
  type ComponentPlace,
  type ComponentSlot,
  type Position,
} from '@sanjay-flow/graph';

import { useEditorStore } from '../editorStore';
import type { DragItem } from './dragData';

/**
 * What the canvas and the palette ask of the document, each made of the pure edits of
 * `@sanjay-flow/graph` and applied through the store's one `applyEdit`. A request the
 * document cannot take is refused with the reason shown on the canvas.
 */

function store() {
  return useEditorStore.getState();
}

export function addNewComponent(type: ComponentType, slot: ComponentSlot): void {
  const { document, applyEdit, refuse } = store();
  if (document === null) {
    return;
  }
  const refusal = placementRefusal(document, slot, type);
  if (refusal !== null) {
    refuse(refusal);

    return;
  }
  const screen = screenNode(document, slot.nodeId).screen;
  const component = defaultComponent(type, screen, flowVersionOf(document));
  const index = Math.min(slot.index, componentList(screen, slot.list).length);
  applyEdit((doc) => addComponent(doc, slot, component), {
    select: { nodeId: slot.nodeId, pointer: `${slot.list}/${index}` },
  });
}

export function moveExistingComponent(from: ComponentPlace, to: ComponentSlot): void {
  const { document, applyEdit, refuse } = store();
  if (document === null) {
    return;
  }
  const component = valueAt(screenNode(document, from.nodeId).screen, from.pointer);
  const type = isJsonObject(component) ? component.type : undefined;
  const refusal =
    moveRefusal(from, to) ?? (isComponentType(type) ? placementRefusal(document, to, type) : null);
  if (refusal !== null) {
    refuse(refusal);

    return;
  }
  applyEdit((doc) => moveComponent(doc, from, to), { select: { nodeId: to.nodeId } });
}

/** Where "the end of the screen" is among its top-level components: before a closing Footer. */
export function screenEndIndex(children: readonly unknown[]): number {
  const last = children.at(-1);

  return isJsonObject(last) && last.type === 'Footer' ? children.length - 1 : children.length;
}

/** A palette or card item dropped at a slot of a screen. */
export function dropAt(item: DragItem, slot: ComponentSlot): void {
  if (item.kind === 'new-component') {
    addNewComponent(item.type, slot);
  } else if (item.kind === 'move-component') {
    moveExistingComponent(item.from, slot);
  }
}

export function addNewScreen(position: Position): void {
  const { document, applyEdit } = store();
  if (document === null) {
    return;
  }
  const id = addScreen(document, position).id;
  applyEdit((doc) => addScreen(doc, position).doc, { select: { nodeId: id } });
}

/** The navigation a user draws from a button or list item to a screen. */
export function connectToScreen(source: ComponentPlace, targetNodeId: string): void {
  const { document, applyEdit, refuse } = store();
  if (document === null) {
    return;
  }
  const result = connectNavigate(document, source, targetNodeId);
  if (!result.ok) {
    refuse(result.reason);

    return;
  }
  applyEdit(
    (doc) => {
      const connected = connectNavigate(doc, source, targetNodeId);

      return connected.ok ? connected.doc : doc;
    },
    { select: { nodeId: source.nodeId, pointer: source.pointer } },
  );
}
