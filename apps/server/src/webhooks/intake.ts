import { createInboxRepository, type Database } from '@sanjay-flow/db';
import type { Router } from 'express';

import type { MachinePost } from '../http/machine-intake';
import type { WindowCounter } from '../http/window-counter';
import type { Logger } from '../logger';
import type { SecretBox } from '../secrets/secret-box';
import type { WorkerRegistry } from '../workers/registry';
import type { InboxHandlers } from './handlers';
import { startInboxWorker } from './inbox-worker';
import { createWebhookReceiver } from './receive-webhook';
import { webhookPost, webhookRoutes } from './routes';
import { createWebhookConnections } from './webhook-connections';

/** Connection lookups are remembered this long: a new connection is seen within a second. */
const CONNECTION_CACHE_MS = 1000;

/**
 * The webhook's routes (the handshake on the editor's application, the POST among Meta's calls)
 * and, when the server runs workers, the inbox worker behind them. Without a worker registry
 * (tests of the route alone) events are stored and queued but not processed.
 */
export function createWebhookIntake(dependencies: {
  db: Database;
  secrets: SecretBox;
  log: Logger;
  handlers: InboxHandlers;
  /** Accepted webhooks per connection. */
  perConnection: WindowCounter;
  workers?: WorkerRegistry | undefined;
}): { routes: Router; post: MachinePost } {
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

  return {
    routes: webhookRoutes(connections),
    post: webhookPost(receive, dependencies.perConnection),
  };
}
