import { validateFlowJson, type Problem } from '@sanjay-flow/flow-json';
import { compileGraph, screenNodes, type GraphDocument } from '@sanjay-flow/graph';

/** A validator problem placed on the canvas: the screen node and the pointer inside its screen. */
export interface ScreenProblem {
  nodeId: string;
  /** Inside the screen, e.g. `/layout/children/0/label`; `''` for the screen itself. */
  pointer: string;
  problem: Problem;
}

/** Validates the compiled Flow and places each screen's problems on its node. */
export function screenProblems(document: GraphDocument): ScreenProblem[] {
  const nodes = screenNodes(document);

  return validateFlowJson(compileGraph(document).flowJson).flatMap((problem) => {
    const match = /^\/screens\/(\d+)(.*)$/.exec(problem.pointer);
    const node = match === null ? undefined : nodes[Number(match[1])];

    return node === undefined || match === null
      ? []
      : [{ nodeId: node.id, pointer: match[2] ?? '', problem }];
  });
}

/**
 * The problems of one component by property (`''` for the component as a whole); problems of
 * components inside it stay with those components.
 */
export function componentProblems(
  problems: readonly ScreenProblem[],
  nodeId: string,
  pointer: string,
): Map<string, string[]> {
  const byProperty = new Map<string, string[]>();
  for (const found of problems) {
    if (
      found.nodeId !== nodeId ||
      (found.pointer !== pointer && !found.pointer.startsWith(`${pointer}/`))
    ) {
      continue;
    }
    const rest = found.pointer.slice(pointer.length).split('/').filter(Boolean);
    const property = rest[0] ?? '';
    // `…/children/0/…` belongs to a child component.
    if (/^\d+$/.test(rest[1] ?? '') && ['children', 'then', 'else'].includes(property)) {
      continue;
    }
    byProperty.set(property, [...(byProperty.get(property) ?? []), found.problem.message]);
  }

  return byProperty;
}
