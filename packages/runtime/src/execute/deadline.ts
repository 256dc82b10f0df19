import type { Deadline } from '../nodes/context';

export const DEFAULT_BUDGET_MS = 3_000;
/** Meta gives up after 10 s; stay well clear of it so the reply still arrives in time. */
export const MAX_BUDGET_MS = 9_000;

export function createDeadline(now: () => number, budgetMs: number = DEFAULT_BUDGET_MS): Deadline {
  const budget = Math.max(0, Math.min(budgetMs, MAX_BUDGET_MS));
  const start = now();

  return { remainingMs: () => budget - (now() - start) };
}
