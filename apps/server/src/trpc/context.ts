import type { Database, FlowRepository } from '@sanjay-flow/db';

import type { KeyPairs } from '../connections/key-pairs';
import type { Connections } from '../connections/manage-connections';
import type { Destinations } from '../delivery/manage-destinations';
import type { Logger } from '../logger';

/** What every procedure may use: the caller's workspace, the repositories and a request logger. */
export interface Context {
  workspaceId: string;
  flows: FlowRepository;
  connections: Connections;
  db: Database;
  log: Logger;
  /** Delivery destinations; the app always sets it, router tests that need it too. */
  destinations?: Destinations;
  /** Data-endpoint key pairs; the app always sets it. */
  keyPairs?: KeyPairs;
}
