import { pointerTo } from '@sanjay-flow/flow-json';
import { useReactFlow } from '@xyflow/react';

import { useEditorStore, type Selection } from '../editorStore';
import type { FlowProblem } from './flowProblems';
import type { ProblemPlace } from './locate';
import './problems.css';

/**
 * The selection for a problem: its node, and the pointer of the property at fault inside the
 * screen (`/layout/children/0/label`, `/title`), which the inspector focuses.
 */
function selectionOf(place: ProblemPlace): Selection {
  const pointer = `${place.pointer ?? ''}${place.property === undefined ? '' : pointerTo(place.property)}`;

  return pointer === '' ? { nodeId: place.nodeId } : { nodeId: place.nodeId, pointer };
}

function ProblemRow({
  problem,
  onOpen,
}: {
  problem: FlowProblem;
  onOpen: (problem: FlowProblem) => void;
}) {
  const severity = problem.severity === 'error' ? 'Error' : 'Warning';

  return (
    <li className={`problem problem--${problem.severity}`}>
      <button
        type="button"
        className="problem__button"
        disabled={problem.place === null}
        onClick={() => onOpen(problem)}
      >
        <span className="problem__severity">{severity}</span>
        <span className="problem__message">{problem.message}</span>
        <span className="problem__where">
          {problem.where} · {problem.code}
        </span>
      </button>
    </li>
  );
}

/** Every error and warning of the Flow, live; choosing one selects its node, component and field. */
export function ProblemsPanel({ problems }: { problems: readonly FlowProblem[] }) {
  const select = useEditorStore((state) => state.select);
  const flow = useReactFlow();
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;

  const open = (problem: FlowProblem) => {
    const place = problem.place;
    if (place === null) {
      return;
    }
    select(selectionOf(place));
    void flow.fitView({ nodes: [{ id: place.nodeId }], maxZoom: 1, duration: 200 });
  };

  return (
    <section className="problems" aria-label="Problems">
      <p className="problems__summary" aria-live="polite">
        {problems.length === 0
          ? 'No problems: WhatsApp accepts this Flow.'
          : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`}
      </p>
      <ul className="problems__list">
        {problems.map((problem) => (
          <ProblemRow key={problem.key} problem={problem} onOpen={open} />
        ))}
      </ul>
    </section>
  );
}
