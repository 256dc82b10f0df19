/**
 * Saves an editor document in the background without losing or reordering edits:
 * edits are debounced, at most one save is in flight, and every save sends a fresh snapshot,
 * so the newest edit always wins. A save refused as stale stops the loop until the user
 * chooses to reload or overwrite; any other failure is retried with growing delays.
 */
export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'retrying' | 'conflict';

export interface AutosaverOptions<TDocument> {
  revision: number;
  snapshot: () => TDocument;
  save: (document: TDocument, expectedRevision: number) => Promise<{ revision: number }>;
  isConflict: (error: unknown) => boolean;
  onStatus: (status: SaveStatus) => void;
  onSaved?: (revision: number) => void;
  debounceMs?: number;
  retryDelaysMs?: readonly number[];
}

export interface Autosaver {
  /** Records that the document changed since the last save. */
  markDirty(): void;
  /** Saves now if needed; resolves once everything edited so far is stored. */
  flush(): Promise<void>;
  /** After a conflict: adopt the server's current revision and save the local document over it. */
  overwrite(currentRevision: number): void;
  /** After a reload: forget local changes and continue from the server's revision. */
  reset(revision: number): void;
  /** Stops the loop; a pending change gets one last save attempt. */
  dispose(): void;
}

export class SaveConflictError extends Error {
  constructor() {
    super('The flow was changed elsewhere since it was opened.');
    this.name = 'SaveConflictError';
  }
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

const defaultRetryDelaysMs = [1_000, 2_000, 5_000, 10_000, 30_000];

export function createAutosaver<TDocument>(options: AutosaverOptions<TDocument>): Autosaver {
  const debounceMs = options.debounceMs ?? 600;
  const retryDelaysMs = options.retryDelaysMs ?? defaultRetryDelaysMs;
  let revision = options.revision;
  let status: SaveStatus = 'saved';
  let dirty = false;
  let inFlight = false;
  let disposed = false;
  let failedAttempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Bumped by reset(): answers to saves started before it no longer describe this document.
  let generation = 0;
  let waiters: Waiter[] = [];

  const setStatus = (next: SaveStatus) => {
    if (status !== next && !disposed) {
      status = next;
      options.onStatus(next);
    }
  };

  const settleWaiters = (error?: unknown) => {
    const settled = waiters;
    waiters = [];
    for (const waiter of settled) {
      if (error === undefined) {
        waiter.resolve();
      } else {
        waiter.reject(error);
      }
    }
  };

  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };

  const onSaveSucceeded = (saved: { revision: number }) => {
    revision = saved.revision;
    failedAttempts = 0;
    options.onSaved?.(saved.revision);
    if (disposed) {
      return;
    }
    if (dirty) {
      setStatus('dirty');
      schedule(waiters.length > 0 ? 0 : debounceMs);

      return;
    }
    setStatus('saved');
    settleWaiters();
  };

  const onSaveFailed = (error: unknown) => {
    // The failed snapshot is not stored; the next attempt sends a fresh one, which includes it.
    dirty = true;
    if (options.isConflict(error)) {
      setStatus('conflict');
      settleWaiters(new SaveConflictError());

      return;
    }
    settleWaiters(error);
    if (disposed) {
      return;
    }
    setStatus('retrying');
    const delay = retryDelaysMs[Math.min(failedAttempts, retryDelaysMs.length - 1)] ?? debounceMs;
    failedAttempts += 1;
    schedule(delay);
  };

  function run() {
    timer = undefined;
    if (inFlight || !dirty || status === 'conflict') {
      return;
    }
    const startedIn = generation;
    const document = options.snapshot();
    dirty = false;
    inFlight = true;
    setStatus('saving');
    options.save(document, revision).then(
      (saved) => settle(startedIn, () => onSaveSucceeded(saved)),
      (error: unknown) => settle(startedIn, () => onSaveFailed(error)),
    );
  }

  function settle(startedIn: number, apply: () => void) {
    inFlight = false;
    if (startedIn === generation) {
      apply();
    } else if (dirty && !disposed) {
      schedule(debounceMs);
    }
  }

  return {
    markDirty() {
      if (disposed) {
        return;
      }
      dirty = true;
      if (status === 'conflict') {
        return;
      }
      if (!inFlight) {
        setStatus('dirty');
      }
      schedule(debounceMs);
    },

    flush() {
      if (status === 'conflict') {
        return Promise.reject(new SaveConflictError());
      }
      if (!dirty && !inFlight) {
        return Promise.resolve();
      }
      const settled = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
      if (!inFlight) {
        schedule(0);
      }

      return settled;
    },

    overwrite(currentRevision) {
      revision = currentRevision;
      failedAttempts = 0;
      dirty = true;
      setStatus('dirty');
      schedule(0);
    },

    reset(nextRevision) {
      generation += 1;
      clearTimeout(timer);
      revision = nextRevision;
      dirty = false;
      failedAttempts = 0;
      setStatus('saved');
      settleWaiters();
    },

    dispose() {
      if (disposed) {
        return;
      }
      clearTimeout(timer);
      const lastSaveNeeded = dirty && !inFlight && status !== 'conflict';
      disposed = true;
      if (lastSaveNeeded) {
        run();
      }
    },
  };
}
