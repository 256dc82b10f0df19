import { Background, Controls, MiniMap, ReactFlow } from '@xyflow/react';

import { useEditorStore } from './editorStore';
import { nodeTypes } from './nodes/nodeTypes';

// A flow of one or two screens should not be blown up past its natural size.
const fitViewOptions = { maxZoom: 1, padding: 0.15 };

export function FlowCanvas() {
  const nodes = useEditorStore((state) => state.nodes);
  const edges = useEditorStore((state) => state.edges);
  const changeNodes = useEditorStore((state) => state.changeNodes);

  return (
    <div className="canvas" aria-label="Flow canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={changeNodes}
        nodesConnectable={false}
        deleteKeyCode={null}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <MiniMap pannable zoomable ariaLabel="Flow overview" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
