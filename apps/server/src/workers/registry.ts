import { type JobWorker, type JobWorkerOptions, startJobWorker } from './job-worker';

/** The server's background workers, started by the app and stopped together at shutdown. */
export interface WorkerRegistry {
  start(options: JobWorkerOptions): JobWorker;
  /** Stops every worker started here; resolves when their jobs in hand are finished. */
  stop(): Promise<void>;
}

export function createWorkerRegistry(): WorkerRegistry {
  const workers: JobWorker[] = [];
  let stopping: Promise<void> | undefined;

  return {
    start: (options) => {
      if (stopping) {
        throw new Error('the server is stopping: no new workers');
      }
      const worker = startJobWorker(options);
      workers.push(worker);

      return worker;
    },
    stop: () =>
      (stopping ??= Promise.all(workers.map((worker) => worker.stop())).then(() => undefined)),
  };
}
