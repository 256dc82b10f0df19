import { COMPONENT_TYPES, isComponentType, isJsonObject } from '@sanjay-flow/flow-json';
import { removeComponent } from '@sanjay-flow/graph';
import { Handle, Position } from '@xyflow/react';
import type { KeyboardEvent, MouseEvent } from 'react';

import { useEditorStore } from '../editorStore';
import { startDrag } from './dragData';
import { DropZone } from './DropZone';
import { splitSelectionPointer } from './fieldIds';
import { navigateHandleId } from './handles';

const LABEL_KEYS = ['label', 'text', 'title', 'name', 'alt-text', 'condition', 'value'] as const;
const CLICKABLE = new Set(['Footer', 'EmbeddedLink', 'OptIn']);

function shown(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(shown).find((text) => text !== undefined);
  }

  return isJsonObject(value) ? Object.values(value).map(shown).find(Boolean) : undefined;
}

function labelOf(component: Record<string, unknown>): string {
  return (
    LABEL_KEYS.map((key) => shown(component[key])).find(
      (text) => text !== undefined && text !== '',
    ) ?? ''
  );
}

interface ListProps {
  nodeId: string;
  list: string;
  items: readonly unknown[];
}

/** A component list of a screen with a drop gap before, between and after its components. */
export function ComponentList({ nodeId, list, items }: ListProps) {
  return (
    <ol className="screen-list">
      <DropZone nodeId={nodeId} list={list} index={0} />
      {items.map((component, index) => (
        <ComponentEntry
          key={index}
          nodeId={nodeId}
          pointer={`${list}/${index}`}
          component={component}
          index={index}
          list={list}
        />
      ))}
    </ol>
  );
}

function ComponentEntry({
  nodeId,
  pointer,
  component,
  index,
  list,
}: {
  nodeId: string;
  pointer: string;
  component: unknown;
  index: number;
  list: string;
}) {
  return (
    <>
      <li className="screen-list__entry">
        <ComponentItem
          nodeId={nodeId}
          pointer={pointer}
          component={isJsonObject(component) ? component : {}}
        />
      </li>
      <DropZone nodeId={nodeId} list={list} index={index + 1} />
    </>
  );
}

/** A component on a screen card: the screen node, the component's pointer in it, and its JSON. */
interface PlacedComponentProps {
  nodeId: string;
  pointer: string;
  component: Record<string, unknown>;
}

function Slots({ nodeId, pointer, component }: PlacedComponentProps) {
  const type = component.type;
  if (!isComponentType(type)) {
    return null;
  }
  const info = COMPONENT_TYPES[type];
  const slots = 'slots' in info ? info.slots : [];

  return slots.map((slot) => {
    const content = component[slot.key];
    if (slot.shape === 'list') {
      return (
        <div key={slot.key} className="screen-slot">
          {type !== 'Form' && <span className="screen-slot__name">{slot.key}</span>}
          <ComponentList
            nodeId={nodeId}
            list={`${pointer}/${slot.key}`}
            items={Array.isArray(content) ? content : []}
          />
        </div>
      );
    }

    return Object.entries(isJsonObject(content) ? content : {}).map(([caseKey, list]) => (
      <div key={`${slot.key}/${caseKey}`} className="screen-slot">
        <span className="screen-slot__name">case “{caseKey}”</span>
        <ComponentList
          nodeId={nodeId}
          list={`${pointer}/${slot.key}/${caseKey.replace(/~/g, '~0').replace(/\//g, '~1')}`}
          items={Array.isArray(list) ? list : []}
        />
      </div>
    ));
  });
}

function NavigationItems({ pointer, items }: { pointer: string; items: unknown }) {
  if (!Array.isArray(items)) {
    return null;
  }

  return (
    <ul className="screen-items">
      {items.map((item: unknown, index) => {
        const title = isJsonObject(item) ? shown(item['main-content']) : undefined;
        const itemPointer = `${pointer}/list-items/${index}`;

        return (
          <li key={index} className="screen-items__item">
            {title ?? `Item ${index + 1}`}
            <Handle
              type="source"
              position={Position.Right}
              id={navigateHandleId(itemPointer)}
              className="screen-handle"
              aria-label={`Connect list item ${title ?? index + 1} to a screen`}
            />
          </li>
        );
      })}
    </ul>
  );
}

/** One component on a screen card: drag to move it, click or Enter to inspect it. */
export function ComponentItem({ nodeId, pointer, component }: PlacedComponentProps) {
  // A selection may name a property of the component (`…/2/label`): it still marks the component.
  const selected = useEditorStore(
    (state) =>
      state.selection?.nodeId === nodeId &&
      splitSelectionPointer(state.selection.pointer ?? '').component === pointer,
  );
  const type = typeof component.type === 'string' ? component.type : 'Unknown';
  const label = labelOf(component);
  const select = (event: MouseEvent | KeyboardEvent) => {
    event.stopPropagation();
    useEditorStore.getState().select({ nodeId, pointer });
  };

  return (
    <div
      className={`screen-component screen-component--${type}${selected ? ' screen-component--selected' : ''}`}
    >
      <div
        className="screen-component__row nodrag"
        role="button"
        tabIndex={0}
        draggable
        aria-label={`${type} ${label}`.trim()}
        aria-pressed={selected}
        data-testid={`component-${nodeId}-${pointer}`}
        onDragStart={(event) =>
          startDrag(event, { kind: 'move-component', from: { nodeId, pointer } })
        }
        onClick={select}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            select(event);
          } else if (event.key === 'Delete' || event.key === 'Backspace') {
            // The component goes, not its screen (the canvas deletes selected nodes on these keys).
            event.preventDefault();
            event.stopPropagation();
            useEditorStore
              .getState()
              .applyEdit((doc) => removeComponent(doc, { nodeId, pointer }), {
                select: { nodeId },
              });
          }
        }}
      >
        <span className="screen-component__type">{type}</span>
        {label !== '' && <span className="screen-component__label">{label}</span>}
      </div>
      {/* Beside the row, not in it: a press on the handle draws a connection, not a move. */}
      {CLICKABLE.has(type) && (
        <Handle
          type="source"
          position={Position.Right}
          id={navigateHandleId(pointer)}
          className="screen-handle screen-handle--row"
          aria-label={`Connect ${type} ${label} to a screen`}
        />
      )}
      {type === 'NavigationList' && (
        <NavigationItems pointer={pointer} items={component['list-items']} />
      )}
      <Slots nodeId={nodeId} pointer={pointer} component={component} />
    </div>
  );
}
