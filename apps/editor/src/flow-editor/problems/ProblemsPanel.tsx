import { useReactFlow } from '@xyflow/react';

import { useEditorStore } from '../editorStore';
import type { FlowProblem } from './flowProblems';
import './problems.css';

/**
 * Focuses the inspector's field for `property` once the inspector shows the selection. The
 * inspector marks its fields with `data-property` (the property's name in Flow JSON); without
 * such a field the inspector's own focus (the component's first field) stays.
 */
function focusProperty(property: string | undefined) {
  if (property === undefined) {
    return;
  }
  const selector = `[data-property="${CSS.escape(property)}"]`;
  // Two frames: one for the store's update to render, one for the inspector's own focus.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const field = document.querySelector<HTMLElement>(`.inspector ${selector}`);
      field?.focus();
    }),
  );
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
    select(
      place.pointer === undefined
        ? { nodeId: place.nodeId }
        : { nodeId: place.nodeId, pointer: place.pointer },
    );
    void flow.fitView({ nodes: [{ id: place.nodeId }], maxZoom: 1, duration: 200 });
    focusProperty(place.property);
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
