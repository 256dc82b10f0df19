import type { GraphDocument } from '@sanjay-flow/graph';

/**
 * Undo and redo as whole-document snapshots. Graph edits are pure and share every part of the
 * document they do not change, so a snapshot costs little more than the nodes an edit touched.
 * Snapshots hold positions too: a move is an edit like any other.
 */
export interface EditHistory {
  /** Documents before each step, oldest first. */
  readonly past: readonly GraphDocument[];
  /** Documents undone, the next to redo last. */
  readonly future: readonly GraphDocument[];
  /** True while a drag runs: its moves belong to the step its first move opened. */
  readonly dragging: boolean;
  /** The key and time of the last step, for joining typing in one field into one step. */
  readonly last?: { key: string; at: number };
}

/** Edits of one field this close together are one step: a word typed, not each letter. */
export const TYPING_PAUSE_MS = 1500;

/** Steps kept; older ones are forgotten. */
export const HISTORY_LIMIT = 100;

export const EMPTY_HISTORY: EditHistory = { past: [], future: [], dragging: false };

/**
 * A new step that starts from `before`; anything undone can no longer be redone. An edit with
 * the same `key` as the last step, soon after it, joins that step instead.
 */
export function recordStep(
  history: EditHistory,
  before: GraphDocument,
  key?: string,
  now: number = Date.now(),
): EditHistory {
  const last = key === undefined ? undefined : { key, at: now };
  const joins =
    key !== undefined &&
    history.last?.key === key &&
    now - history.last.at < TYPING_PAUSE_MS &&
    history.past.length > 0;
  const past = joins ? history.past : [...history.past, before].slice(-HISTORY_LIMIT);

  return last === undefined
    ? { past, future: [], dragging: false }
    : { past, future: [], dragging: false, last };
}

/**
 * A move of canvas nodes. The moves of one drag make one step: the first opens it and the
 * rest, up to the one that ends the drag, join it.
 */
export function recordMove(
  history: EditHistory,
  before: GraphDocument,
  stillDragging: boolean,
): EditHistory {
  if (history.dragging) {
    return stillDragging ? history : { ...history, dragging: false };
  }

  return { ...recordStep(history, before), dragging: stillDragging };
}

export interface HistoryMove {
  history: EditHistory;
  document: GraphDocument;
}

/** The document before the last step, and the history that can redo it; `null` when none. */
export function undoStep(history: EditHistory, current: GraphDocument): HistoryMove | null {
  const document = history.past.at(-1);
  if (document === undefined) {
    return null;
  }

  return {
    document,
    history: {
      past: history.past.slice(0, -1),
      future: [...history.future, current],
      dragging: false,
    },
  };
}

/** The document of the last step undone, and the history that can undo it again. */
export function redoStep(history: EditHistory, current: GraphDocument): HistoryMove | null {
  const document = history.future.at(-1);
  if (document === undefined) {
    return null;
  }

  return {
    document,
    history: {
      past: [...history.past, current],
      future: history.future.slice(0, -1),
      dragging: false,
    },
  };
}
