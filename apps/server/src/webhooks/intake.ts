import { createInboxRepository, type Database } from '@sanjay-flow/db';
import type { Router } from 'express';

import type { Logger } from '../logger';
import type { SecretBox } from '../secrets/secret-box';
import type { WorkerRegistry } from '../workers/registry';
import type { InboxHandlers } from './handlers';
import { startInboxWorker } from './inbox-worker';
import { createWebhookReceiver } from './receive-webhook';
import { webhookRoutes } from './routes';
import { createWebhookConnections } from './webhook-connections';

/** Connection lookups are remembered this long: a new connection is seen within a second. */
const CONNECTION_CACHE_MS = 1000;

/**
 * The webhook route and, when the server runs workers, the inbox worker behind it. Without a
 * worker registry (tests of the route alone) events are stored and queued but not processed.
 */
export function createWebhookIntake(dependencies: {
  db: Database;
  secrets: SecretBox;
  log: Logger;
  handlers: InboxHandlers;
  workers?: WorkerRegistry | undefined;
}): Router {
  const { db, secrets, log, handlers, workers } = dependencies;
  const inbox = createInboxRepository(db.prisma, db.sql);
  const connections = createWebhookConnections(inbox, secrets, CONNECTION_CACHE_MS);
  const wakeWorker = () => worker?.wake();
  const receive = createWebhookReceiver({ inbox, connections, wake: wakeWorker });
  // Answering Meta goes first: the worker claims less while webhooks queue to be stored.
  const worker =
    workers &&
    startInboxWorker({
      db,
      connections,
      handlers,
      log,
      start: (options) => workers.start(options),
      receiving: receive.backlogged,
    });

  return webhookRoutes(receive, connections);
}
