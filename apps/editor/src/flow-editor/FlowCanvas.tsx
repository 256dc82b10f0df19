import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  type Connection,
  type OnBeforeDelete,
} from '@xyflow/react';

import { ErrorNotice } from '../ui/ErrorNotice';
import type { CanvasEdge, CanvasNode } from './canvasModel';
import { useEditorStore } from './editorStore';
import { EditToolbar } from './history/EditToolbar';
import { portOfHandle } from './logicCanvasModel';
import { nodeTypes } from './nodes/nodeTypes';

// A flow of one or two screens should not be blown up past its natural size.
const fitViewOptions = { maxZoom: 1, padding: 0.15 };
const deleteKeys = ['Delete', 'Backspace'];

// Navigation edges are drawn from the screens' actions: they go with their screen, not alone.
const keepNavigation: OnBeforeDelete<CanvasNode, CanvasEdge> = ({ nodes, edges }) =>
  Promise.resolve({ nodes, edges: edges.filter((edge) => edge.data?.kind === 'logic') });

function connect(connection: Connection) {
  const port = portOfHandle(connection.sourceHandle);
  useEditorStore
    .getState()
    .connect(
      port === undefined
        ? { from: connection.source, to: connection.target }
        : { from: connection.source, to: connection.target, port },
    );
}

export function FlowCanvas() {
  const nodes = useEditorStore((state) => state.nodes);
  const edges = useEditorStore((state) => state.edges);
  const changeNodes = useEditorStore((state) => state.changeNodes);
  const changeEdges = useEditorStore((state) => state.changeEdges);
  const refusal = useEditorStore((state) => state.refusal);
  const dismissRefusal = useEditorStore((state) => state.dismissRefusal);

  return (
    <div className="canvas" aria-label="Flow canvas">
      {refusal !== null && (
        <div className="canvas__refusal">
          <ErrorNotice title="Connection refused" onDismiss={dismissRefusal}>
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
        onConnect={connect}
        onBeforeDelete={keepNavigation}
        deleteKeyCode={deleteKeys}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Panel position="top-left">
          <EditToolbar />
        </Panel>
        <Background />
        <MiniMap pannable zoomable ariaLabel="Flow overview" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
