// Stands in for the database thread in tests. Its data folder names how it misbehaves:
// `ends` ends on its own a moment after it started, as the real thread does when PGlite fails
// while the server runs; `deaf` ignores the request to stop, as a database stuck in a
// statement would.
import { setInterval, setTimeout } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';

parentPort?.postMessage('ready');
if (workerData.dataDir === 'ends') {
  setTimeout(() => process.exit(3), 50);
} else {
  setInterval(() => {}, 1_000);
}
