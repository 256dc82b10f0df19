import { create } from 'zustand';

import type { ProblemCount } from './flowProblems';

/**
 * The problem counts of each node, apart from the editor's store: the panels write them after
 * each compile and a screen card reads only its own entry, so a card redraws only when its
 * count changes.
 */
interface ProblemMarks {
  counts: Record<string, ProblemCount>;
  setCounts: (counts: Record<string, ProblemCount>) => void;
}

export const useProblemMarks = create<ProblemMarks>()((set) => ({
  counts: {},
  setCounts: (counts) => set({ counts }),
}));

const none: ProblemCount = { errors: 0, warnings: 0 };

export function useNodeProblemCount(nodeId: string): ProblemCount {
  return useProblemMarks((state) => state.counts[nodeId] ?? none);
}
