import type { Problem } from '@sanjay-flow/flow-json';
import { type GraphDocument, logicOf, screenNodes } from '@sanjay-flow/graph';

import type { CompiledFlowView } from '../json/compiledFlow';
import { logicProblems } from '../logicCanvasModel';
import { locateProblem, type ProblemPlace } from './locate';

/** One line of the problems panel: what is wrong, how bad, and where to go to fix it. */
export interface FlowProblem {
  key: string;
  severity: Problem['severity'];
  message: string;
  code: string;
  /** Readable place: the screen and the component path, or the logic node. */
  where: string;
  place: ProblemPlace | null;
}

function whereOf(problem: Problem): string {
  const parts = [problem.screenId, problem.componentPath].filter(
    (part): part is string => part !== undefined && part !== '',
  );

  return parts.length > 0 ? parts.join(' › ') : problem.pointer || 'Flow';
}

/**
 * Every problem of the open Flow, errors first: Meta's rules on the compiled Flow JSON, mapped
 * back to their screen and component, then what the runtime would refuse in the logic nodes.
 */
export function flowProblems(document: GraphDocument, compiled: CompiledFlowView): FlowProblem[] {
  const flowJsonProblems = compiled.problems.map((problem, index): FlowProblem => ({
    key: `json:${index}:${problem.pointer}:${problem.code}`,
    severity: problem.severity,
    message: problem.message,
    code: problem.code,
    where: whereOf(problem),
    place: locateProblem(problem, compiled.flowJson, compiled.screenNodeIds),
  }));
  const logic = [...logicProblems(document)].flatMap(([nodeId, messages]) =>
    messages.map((message, index): FlowProblem => ({
      key: `logic:${nodeId}:${index}`,
      severity: 'error',
      message,
      code: 'LOGIC',
      where: `Logic node ${nodeId}`,
      place: { nodeId },
    })),
  );
  const all = [
    ...flowJsonProblems,
    ...logic,
    ...unansweredBacks(document),
    ...savesAfterCompletion(document),
  ];

  return [
    ...all.filter((problem) => problem.severity === 'error'),
    ...all.filter((problem) => problem.severity === 'warning'),
  ];
}

/** How many errors and warnings each node has, for the marks on the canvas. */
export interface ProblemCount {
  errors: number;
  warnings: number;
}

export function countsByNode(problems: readonly FlowProblem[]): Record<string, ProblemCount> {
  const counts: Record<string, ProblemCount> = {};
  for (const problem of problems) {
    if (problem.place === null) {
      continue;
    }
    const count = (counts[problem.place.nodeId] ??= { errors: 0, warnings: 0 });
    if (problem.severity === 'error') {
      count.errors += 1;
    } else {
      count.warnings += 1;
    }
  }

  return counts;
}

/**
 * A screen with `refresh_on_back` makes the phone ask the data endpoint when the customer goes
 * back from it; without a "Back from screen" trigger for it the endpoint can only answer with
 * an error, and the customer stays where they are.
 */
function unansweredBacks(document: GraphDocument): FlowProblem[] {
  const logic = logicOf(document);
  if (logic.nodes.length === 0) {
    return [];
  }
  const answered = new Set(
    logic.nodes.flatMap((node) => (node.type === 'trigger.back' ? [node.screen] : [])),
  );

  return screenNodes(document).flatMap((node): FlowProblem[] => {
    const screenId = String(node.screen.id);
    if (node.screen.refresh_on_back !== true || answered.has(screenId)) {
      return [];
    }

    return [
      {
        key: `back:${node.id}`,
        severity: 'warning',
        message: `Going back from ${screenId} asks the endpoint (refresh_on_back), but no "Back from screen" trigger handles it: the customer would see an error`,
        code: 'BACK_NOT_HANDLED',
        where: screenId,
        place: { nodeId: node.id },
      },
    ];
  });
}

/**
 * The Flow-completed trigger runs once the completion is stored as a submission already: a
 * "Save submission" step after it stores nothing more, and the server skips it.
 */
function savesAfterCompletion(document: GraphDocument): FlowProblem[] {
  const logic = logicOf(document);
  const reached = new Set<string>();
  const waiting = logic.nodes.flatMap((node) =>
    node.type === 'trigger.flow_completed' ? [node.id] : [],
  );
  for (let id = waiting.pop(); id !== undefined; id = waiting.pop()) {
    for (const edge of logic.edges) {
      if (edge.from === id && !reached.has(edge.to)) {
        reached.add(edge.to);
        waiting.push(edge.to);
      }
    }
  }

  return logic.nodes.flatMap((node): FlowProblem[] =>
    node.type === 'save_submission' && reached.has(node.id)
      ? [
          {
            key: `save-after-completion:${node.id}`,
            severity: 'warning',
            message:
              'This step runs after the Flow completed, whose answers are stored already: it saves nothing more (use it on a "Screen submitted" or "Message received" path)',
            code: 'SAVE_AFTER_COMPLETION',
            where: `Logic node ${node.id}`,
            place: { nodeId: node.id },
          },
        ]
      : [],
  );
}
