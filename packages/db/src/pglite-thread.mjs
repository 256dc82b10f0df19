// The embedded database's own thread: PGlite and the socket server in front of it. Plain
// JavaScript, because a worker thread is started by Node itself, without the loader that runs
// the TypeScript sources.
import { parentPort, workerData } from 'node:worker_threads';

import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** @type {{ dataDir: string, socketPath: string, maxConnections: number }} */
const { dataDir, socketPath, maxConnections } = workerData;

const db = await PGlite.create(dataDir);
const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
try {
  await server.start();
} catch (error) {
  await db.close();
  throw error;
}

parentPort?.once('message', async () => {
  await server.stop();
  await db.close();
  parentPort?.close();
});
parentPort?.postMessage('ready');
