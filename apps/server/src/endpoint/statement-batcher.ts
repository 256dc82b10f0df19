interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions<I, O> {
  /** Runs one statement for many items; answers in the items' order. */
  run: (items: I[]) => Promise<O[]>;
  /** Items with the same key never share a statement (they would touch one row twice). */
  keyOf: (item: I) => string;
  maxBatch: number;
}

/**
 * Group commit: while a statement runs, the items that arrive wait and go together in the next
 * one. An item never waits for a timer, so a quiet server answers as fast as before, and a busy
 * one pays for a statement (a round trip and a commit) once per batch instead of once per call.
 * Each item's promise settles when the statement that carried it has committed.
 */
export function createBatcher<I, O>(options: BatcherOptions<I, O>): (item: I) => Promise<O> {
  const queue: Waiting<I, O>[] = [];
  let running = false;

  const takeBatch = (): Waiting<I, O>[] => {
    const batch: Waiting<I, O>[] = [];
    const keys = new Set<string>();
    for (let index = 0; index < queue.length && batch.length < options.maxBatch;) {
      const waiting = queue[index] as Waiting<I, O>;
      const key = options.keyOf(waiting.item);
      if (keys.has(key)) {
        index += 1;
        continue;
      }
      keys.add(key);
      batch.push(waiting);
      queue.splice(index, 1);
    }

    return batch;
  };

  // One bad item fails its whole statement, which changed nothing (a statement is atomic):
  // the items are tried again one by one, so that only the bad one fails.
  const runAlone = async (batch: Waiting<I, O>[]): Promise<void> => {
    for (const waiting of batch) {
      await options.run([waiting.item]).then(
        ([result]) => waiting.resolve(result as O),
        (error: unknown) => waiting.reject(error),
      );
    }
  };

  const pump = (): void => {
    if (running || queue.length === 0) {
      return;
    }
    running = true;
    const batch = takeBatch();
    options
      .run(batch.map((waiting) => waiting.item))
      .then(
        (results) => batch.forEach((waiting, index) => waiting.resolve(results[index] as O)),
        (error: unknown) => (batch.length === 1 ? batch[0]?.reject(error) : runAlone(batch)),
      )
      .finally(() => {
        running = false;
        pump();
      });
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      pump();
    });
}
