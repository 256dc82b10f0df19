import type { GraphDocument } from '@sanjay-flow/graph';
import { describe, expect, it } from 'vitest';

import {
  EMPTY_HISTORY,
  HISTORY_LIMIT,
  TYPING_PAUSE_MS,
  recordMove,
  recordStep,
  redoStep,
  undoStep,
} from './history';

function documentAt(x: number): GraphDocument {
  return {
    schemaVersion: 1,
    flow: { version: '7.3' },
    nodes: [{ kind: 'screen', id: 'A', position: { x, y: 0 }, screen: { id: 'A' } }],
  };
}

describe('edit history', () => {
  it('undoes and redoes steps in order and refuses past either end', () => {
    const [first, second, third] = [documentAt(1), documentAt(2), documentAt(3)];
    const history = recordStep(recordStep(EMPTY_HISTORY, first), second);

    const undone = undoStep(history, third);
    expect(undone?.document).toBe(second);
    const undoneTwice = undone && undoStep(undone.history, undone.document);
    expect(undoneTwice?.document).toBe(first);
    expect(undoneTwice && undoStep(undoneTwice.history, first)).toBeNull();

    const redone = undoneTwice && redoStep(undoneTwice.history, first);
    expect(redone?.document).toBe(second);
    const redoneTwice = redone && redoStep(redone.history, second);
    expect(redoneTwice?.document).toBe(third);
    expect(redoneTwice && redoStep(redoneTwice.history, third)).toBeNull();
  });

  it('forgets what was undone once a new step is made', () => {
    const undone = undoStep(recordStep(EMPTY_HISTORY, documentAt(1)), documentAt(2));
    expect(undone).not.toBeNull();

    const history = recordStep(undone?.history ?? EMPTY_HISTORY, documentAt(1));

    expect(history.future).toEqual([]);
    expect(redoStep(history, documentAt(5))).toBeNull();
  });

  it('makes one step of a whole drag and a new one for the next drag', () => {
    let history = recordMove(EMPTY_HISTORY, documentAt(0), true);
    history = recordMove(history, documentAt(10), true);
    history = recordMove(history, documentAt(20), false);
    expect(history.past).toEqual([documentAt(0)]);

    history = recordMove(history, documentAt(30), true);
    history = recordMove(history, documentAt(40), false);

    expect(history.past).toEqual([documentAt(0), documentAt(30)]);
    expect(history.dragging).toBe(false);
  });

  it('counts each move outside a drag (a nudge with the keyboard) as its own step', () => {
    let history = recordMove(EMPTY_HISTORY, documentAt(0), false);
    history = recordMove(history, documentAt(5), false);

    expect(history.past).toHaveLength(2);
  });

  it(`keeps the last ${HISTORY_LIMIT} steps`, () => {
    let history = EMPTY_HISTORY;
    for (let x = 0; x < HISTORY_LIMIT + 5; x += 1) {
      history = recordStep(history, documentAt(x));
    }

    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0]).toEqual(documentAt(5));
  });
});

describe('typing in one field', () => {
  it('joins edits with the same key close together, and starts a step after a pause', () => {
    let history = recordStep(EMPTY_HISTORY, documentAt(0), 'field', 1_000);
    history = recordStep(history, documentAt(1), 'field', 1_400);
    history = recordStep(history, documentAt(2), 'field', 2_000);
    expect(history.past).toEqual([documentAt(0)]);

    history = recordStep(history, documentAt(3), 'field', 2_000 + TYPING_PAUSE_MS);
    history = recordStep(history, documentAt(4), 'other', 2_000 + TYPING_PAUSE_MS + 10);
    history = recordStep(history, documentAt(5));
    history = recordStep(history, documentAt(6));

    expect(history.past).toEqual([0, 3, 4, 5, 6].map(documentAt));
  });
});
