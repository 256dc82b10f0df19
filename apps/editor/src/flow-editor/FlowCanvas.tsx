import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  type Connection,
  type OnBeforeDelete,
  useReactFlow,
} from '@xyflow/react';
import type { DragEvent } from 'react';

import { ErrorNotice } from '../ui/ErrorNotice';
import type { CanvasEdge, CanvasNode } from './canvasModel';
import { useEditorStore } from './editorStore';
import { EditToolbar } from './history/EditToolbar';
import { portOfHandle } from './logicCanvasModel';
import { nodeTypes } from './nodes/nodeTypes';
import { connectOnCard } from './screens/connectOnCard';
import { carries, droppedItem } from './screens/dragData';
import { pointerOfNavigateHandle } from './screens/handles';
import { addNewScreen, connectToScreen } from './screens/screenActions';

// A flow of one or two screens should not be blown up past its natural size.
const fitViewOptions = { maxZoom: 1, padding: 0.15 };
const deleteKeys = ['Delete', 'Backspace'];

// Navigation edges are drawn from the screens' actions: they go with their screen, not alone.
const keepNavigation: OnBeforeDelete<CanvasNode, CanvasEdge> = ({ nodes, edges }) =>
  Promise.resolve({ nodes, edges: edges.filter((edge) => edge.data?.kind === 'logic') });

function connect(connection: Connection) {
  const navigateFrom = pointerOfNavigateHandle(connection.sourceHandle);
  if (navigateFrom !== undefined) {
    connectToScreen({ nodeId: connection.source, pointer: navigateFrom }, connection.target);

    return;
  }
  const port = portOfHandle(connection.sourceHandle);
  useEditorStore
    .getState()
    .connect(
      port === undefined
        ? { from: connection.source, to: connection.target }
        : { from: connection.source, to: connection.target, port },
    );
}

/** The open Flow on a canvas; `readOnly` (a viewer) may look, select and pan, never change it. */
export function FlowCanvas({ readOnly = false }: { readOnly?: boolean }) {
  const nodes = useEditorStore((state) => state.nodes);
  const edges = useEditorStore((state) => state.edges);
  const changeNodes = useEditorStore((state) => state.changeNodes);
  const changeEdges = useEditorStore((state) => state.changeEdges);
  const refusal = useEditorStore((state) => state.refusal);
  const dismissRefusal = useEditorStore((state) => state.dismissRefusal);
  const { screenToFlowPosition } = useReactFlow();
  // A screen dragged from the palette lands where it is dropped.
  const acceptScreen = (event: DragEvent) => {
    if (carries(event, ['new-screen'])) {
      event.preventDefault();
    }
  };
  const dropScreen = (event: DragEvent) => {
    if (droppedItem(event)?.kind === 'new-screen') {
      event.preventDefault();
      addNewScreen(screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    }
  };

  return (
    <div className="canvas" aria-label="Flow canvas">
      {refusal !== null && (
        <div className="canvas__refusal">
          <ErrorNotice title="Not possible" onDismiss={dismissRefusal}>
            <p>{refusal}</p>
          </ErrorNotice>
        </div>
      )}
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={changeNodes}
        onEdgesChange={changeEdges}
        onConnect={readOnly ? undefined : connect}
        onConnectEnd={readOnly ? undefined : connectOnCard}
        onDragOver={readOnly ? undefined : acceptScreen}
        onDrop={readOnly ? undefined : dropScreen}
        onBeforeDelete={keepNavigation}
        deleteKeyCode={readOnly ? null : deleteKeys}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        {!readOnly && (
          <Panel position="top-left">
            <EditToolbar />
          </Panel>
        )}
        <Background />
        <MiniMap pannable zoomable ariaLabel="Flow overview" />
        <Controls showInteractive={false} fitViewOptions={fitViewOptions} />
      </ReactFlow>
    </div>
  );
}
