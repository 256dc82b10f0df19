import { useNodes, ViewportPortal } from '@xyflow/react';

import { problemsByNode, usePublishProblems } from './publishProblems';

/**
 * A marker above each screen node that a refused publish points at, listing Meta's (or the
 * product's) messages with the component's place. Drawn in the canvas's own coordinates, so it
 * follows pan and zoom; it needs nothing from the node components themselves.
 */
export function PublishProblemMarkers({ flowId }: { flowId: string }) {
  const nodes = useNodes();
  const problems = usePublishProblems((state) => state.problems);
  const shownFor = usePublishProblems((state) => state.flowId);
  const clear = usePublishProblems((state) => state.clear);
  if (shownFor !== flowId || problems.length === 0) {
    return null;
  }
  const byNode = problemsByNode(problems);

  return (
    <ViewportPortal>
      {nodes
        .filter((node) => byNode.has(node.id))
        .map((node) => {
          const found = byNode.get(node.id) ?? [];

          return (
            <div
              key={node.id}
              className="publish-marker"
              role="group"
              aria-label={`Publishing problems on screen ${node.id}`}
              data-testid={`publish-marker-${node.id}`}
              style={{
                position: 'absolute',
                width: 260,
                padding: 8,
                fontSize: 12,
                background: '#fff4f2',
                border: '1px solid #b3261e',
                borderRadius: 6,
                pointerEvents: 'all',
                transform: `translate(${node.position.x}px, ${node.position.y - 8}px) translateY(-100%)`,
              }}
            >
              <strong>
                {found.length} publishing problem{found.length === 1 ? '' : 's'}
              </strong>
              <ul>
                {found.map((problem, index) => (
                  <li key={index}>
                    {problem.source === 'meta' ? 'Meta: ' : ''}
                    {problem.message}
                    {problem.componentPointer ? <code> {problem.componentPointer}</code> : null}
                  </li>
                ))}
              </ul>
              <button type="button" className="button" onClick={clear}>
                Dismiss
              </button>
            </div>
          );
        })}
    </ViewportPortal>
  );
}
