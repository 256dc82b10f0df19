import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createAutosaver, SaveConflictError, type SaveStatus } from './autosaver';

interface PendingSave {
  document: number;
  expectedRevision: number;
  resolve: (saved: { revision: number }) => void;
  reject: (error: unknown) => void;
}

const conflict = { code: 'CONFLICT' };

function setUp() {
  let document = 0;
  const saves: PendingSave[] = [];
  const statuses: SaveStatus[] = [];
  const autosaver = createAutosaver<number>({
    revision: 1,
    snapshot: () => document,
    save: (saved, expectedRevision) =>
      new Promise((resolve, reject) => {
        saves.push({ document: saved, expectedRevision, resolve, reject });
      }),
    isConflict: (error) => error === conflict,
    onStatus: (status) => statuses.push(status),
    debounceMs: 600,
    retryDelaysMs: [1_000, 5_000],
  });
  const edit = (next: number) => {
    document = next;
    autosaver.markDirty();
  };

  return { autosaver, saves, statuses, edit };
}

async function settle() {
  await vi.advanceTimersByTimeAsync(0);
}

describe('createAutosaver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('debounces a burst of edits into one save of the newest document', async () => {
    const { saves, statuses, edit } = setUp();
    edit(1);
    await vi.advanceTimersByTimeAsync(300);
    edit(2);
    await vi.advanceTimersByTimeAsync(599);
    expect(saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves.map((save) => [save.document, save.expectedRevision])).toEqual([[2, 1]]);
    saves[0]?.resolve({ revision: 2 });
    await settle();
    expect(statuses).toEqual(['dirty', 'saving', 'saved']);
  });

  it('keeps one save in flight and sends edits made meanwhile afterwards', async () => {
    const { saves, statuses, edit } = setUp();
    edit(1);
    await vi.advanceTimersByTimeAsync(600);
    edit(2);
    edit(3);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(saves).toHaveLength(1);
    saves[0]?.resolve({ revision: 2 });
    await vi.advanceTimersByTimeAsync(600);
    expect(saves.map((save) => [save.document, save.expectedRevision])).toEqual([
      [1, 1],
      [3, 2],
    ]);
    saves[1]?.resolve({ revision: 3 });
    await settle();
    expect(statuses.at(-1)).toBe('saved');
  });

  it('retries a failed save with the newest document and growing delays', async () => {
    const { saves, statuses, edit } = setUp();
    edit(1);
    await vi.advanceTimersByTimeAsync(600);
    saves[0]?.reject(new Error('offline'));
    await settle();
    expect(statuses.at(-1)).toBe('retrying');
    edit(2);
    expect(statuses.at(-1)).toBe('dirty');
    await vi.advanceTimersByTimeAsync(600);
    expect(saves.map((save) => save.document)).toEqual([1, 2]);
    saves[1]?.reject(new Error('offline'));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(saves).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves.map((save) => [save.document, save.expectedRevision])).toEqual([
      [1, 1],
      [2, 1],
      [2, 1],
    ]);
  });

  it('stops on a conflict until the user overwrites, then saves over the current revision', async () => {
    const { autosaver, saves, statuses, edit } = setUp();
    edit(1);
    await vi.advanceTimersByTimeAsync(600);
    saves[0]?.reject(conflict);
    await settle();
    expect(statuses.at(-1)).toBe('conflict');
    edit(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saves).toHaveLength(1);
    await expect(autosaver.flush()).rejects.toBeInstanceOf(SaveConflictError);

    autosaver.overwrite(7);
    await settle();
    expect(saves.map((save) => [save.document, save.expectedRevision])).toEqual([
      [1, 1],
      [2, 7],
    ]);
  });

  it('forgets local changes on reset and ignores the answer to a save started before it', async () => {
    const { autosaver, saves, statuses, edit } = setUp();
    edit(1);
    await vi.advanceTimersByTimeAsync(600);
    autosaver.reset(9);
    saves[0]?.reject(conflict);
    await settle();
    expect(statuses.at(-1)).toBe('saved');
    edit(2);
    await vi.advanceTimersByTimeAsync(600);
    expect(saves.map((save) => [save.document, save.expectedRevision])).toEqual([
      [1, 1],
      [2, 9],
    ]);
  });

  it('flush saves at once and resolves when stored', async () => {
    const { autosaver, saves, edit } = setUp();
    edit(1);
    const flushed = autosaver.flush();
    await settle();
    expect(saves).toHaveLength(1);
    saves[0]?.resolve({ revision: 2 });
    await expect(flushed).resolves.toBeUndefined();
    await expect(autosaver.flush()).resolves.toBeUndefined();
  });

  it('flush waits for the edit made during the save in flight', async () => {
    const { autosaver, saves, edit } = setUp();
    edit(1);
    await vi.advanceTimersByTimeAsync(600);
    edit(2);
    let flushed = false;
    void autosaver.flush().then(() => {
      flushed = true;
    });
    saves[0]?.resolve({ revision: 2 });
    await settle();
    expect(flushed).toBe(false);
    expect(saves.map((save) => save.document)).toEqual([1, 2]);
    saves[1]?.resolve({ revision: 3 });
    await settle();
    expect(flushed).toBe(true);
  });

  it('gives a pending change one last save on dispose and then stays quiet', async () => {
    const { autosaver, saves, statuses, edit } = setUp();
    edit(1);
    autosaver.dispose();
    expect(saves).toHaveLength(1);
    saves[0]?.reject(new Error('offline'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(saves).toHaveLength(1);
    expect(statuses).toEqual(['dirty']);
  });
});
