import { create } from 'zustand';

/** A validation error of the last publish, placed on a screen node (from `publishing.*`). */
export interface PublishProblem {
  source: 'local' | 'meta';
  code: string;
  message: string;
  pointer: string;
  line?: number | undefined;
  column?: number | undefined;
  nodeId?: string | undefined;
  componentPointer?: string | undefined;
}

interface PublishProblemsState {
  flowId: string | null;
  problems: PublishProblem[];
  show: (flowId: string, problems: PublishProblem[]) => void;
  clear: () => void;
}

/**
 * The problems a publish was refused for, kept apart from the editor's own store: the canvas
 * shows them as markers on their nodes until the next publish or until dismissed.
 */
export const usePublishProblems = create<PublishProblemsState>((set) => ({
  flowId: null,
  problems: [],
  show: (flowId, problems) => set({ flowId, problems }),
  clear: () => set({ flowId: null, problems: [] }),
}));

/** Problems grouped by the screen node they point at. */
export function problemsByNode(problems: readonly PublishProblem[]): Map<string, PublishProblem[]> {
  const byNode = new Map<string, PublishProblem[]>();
  for (const problem of problems) {
    if (problem.nodeId !== undefined) {
      byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem]);
    }
  }

  return byNode;
}
