import { isJsonObject } from '@sanjay-flow/flow-json';
import { SCREEN_CARD_WIDTH } from '@sanjay-flow/graph';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, type DragEvent } from 'react';

import type { ScreenCanvasNode } from '../canvasModel';
import { useEditorStore } from '../editorStore';
import { ProblemMark } from '../problems/ProblemMark';
import { ComponentList } from '../screens/ComponentItem';
import { carries, droppedItem } from '../screens/dragData';
import { dropAt, screenEndIndex } from '../screens/screenActions';
import '../screens/screens.css';

/**
 * A screen drawn as a phone screen: its components in order, each one draggable to another
 * place or screen, containers with their branches, and a handle on every button and list item
 * to draw a navigation from.
 */
function ScreenNodeView({ id, data, selected }: NodeProps<ScreenCanvasNode>) {
  const screen = useEditorStore(
    (state) => state.document?.nodes.find((node) => node.id === id)?.screen,
  );
  const updateNodeInternals = useUpdateNodeInternals();
  const layout = isJsonObject(screen?.layout) ? screen.layout : {};
  const children = Array.isArray(layout.children) ? (layout.children as unknown[]) : [];

  // Handles come and go with components: React Flow must measure them again.
  useEffect(() => {
    updateNodeInternals(id);
  }, [id, screen, updateNodeInternals]);

  // A drop on the card but outside a gap adds at the end of the screen, before its Footer.
  const accept = (event: DragEvent) => {
    if (carries(event, ['new-component', 'move-component'])) {
      event.preventDefault();
    }
  };
  const drop = (event: DragEvent) => {
    const item = droppedItem(event);
    if (item !== null) {
      event.preventDefault();
      dropAt(item, { nodeId: id, list: '/layout/children', index: screenEndIndex(children) });
    }
  };

  return (
    <article
      className={`screen-card${selected ? ' screen-card--selected' : ''}`}
      aria-label={`Screen ${data.title}`}
      // The same width the importer lays screens out with, so imported flows do not overlap.
      style={{ width: SCREEN_CARD_WIDTH }}
      onDragOver={accept}
      onDrop={drop}
    >
      <Handle type="target" position={Position.Left} className="screen-card__target" />
      {/* First source handle: edges that name none (routes, logic links) start here. */}
      <Handle type="source" position={Position.Right} />
      {/* The header selects the screen itself, also when one of its components was selected. */}
      <header
        className="screen-card__header"
        onClick={() => useEditorStore.getState().select({ nodeId: id })}
      >
        <h3 className="screen-card__title">{data.title}</h3>
        <span className="screen-card__id">
          {typeof screen?.id === 'string' ? screen.id : data.screenId}
        </span>
        {data.terminal && <span className="screen-card__badge">Terminal</span>}
        <ProblemMark nodeId={id} />
      </header>
      <div className="screen-card__body">
        <ComponentList nodeId={id} list="/layout/children" items={children} />
      </div>
    </article>
  );
}

export const ScreenNode = memo(ScreenNodeView);
