/**
 * Writes items in batches without waiting for a timer: the first item is written at once, and
 * whatever arrives while a write is in flight goes into the next one. At low load every item is
 * written alone; under load one statement commits many, which is what lets the receiver keep
 * up with Meta while each request still waits for its own commit before answering.
 */
export function createBatchWriter<T, R>(
  write: (items: T[]) => Promise<R[]>,
  limits: { maxItems: number; maxWeight: number; weigh: (item: T) => number },
): BatchWriter<T, R> {
  let waiting: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  let writing = false;

  const flush = async (): Promise<void> => {
    if (writing || waiting.length === 0) {
      return;
    }
    writing = true;
    const size = batchSize(
      waiting.map((entry) => entry.item),
      limits,
    );
    const batch = waiting.slice(0, size);
    waiting = waiting.slice(size);
    try {
      const results = await write(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index] as R));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
      } else {
        // One bad item must not fail the others: each is written alone once more.
        await Promise.all(
          batch.map((entry) =>
            write([entry.item]).then((results) => entry.resolve(results[0] as R), entry.reject),
          ),
        );
      }
    } finally {
      writing = false;
      void flush();
    }
  };

  const add = (item: T) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      void flush();
    });

  return Object.assign(add, { backlogged: () => waiting.length > 0 });
}

/**
 * Adds an item and answers its result once written; `backlogged` while items wait for the
 * writes in flight to finish (the writer cannot keep up by itself).
 */
export type BatchWriter<T, R> = ((item: T) => Promise<R>) & { backlogged(): boolean };

/** How many of the first items fit the limits; always at least one. */
function batchSize<T>(
  items: T[],
  limits: { maxItems: number; maxWeight: number; weigh: (item: T) => number },
): number {
  let weight = 0;
  let count = 0;
  for (const item of items.slice(0, limits.maxItems)) {
    weight += limits.weigh(item);
    if (count > 0 && weight > limits.maxWeight) {
      break;
    }
    count += 1;
  }

  return count;
}
