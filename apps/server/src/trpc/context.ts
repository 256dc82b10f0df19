import type { Database, FlowRepository } from '@sanjay-flow/db';

import type { Actor } from '../auth/authenticate';
import type { KeyPairs } from '../connections/key-pairs';
import type { Connections } from '../connections/manage-connections';
import type { Destinations } from '../delivery/manage-destinations';
import type { Logger } from '../logger';

/** What a member may do in a workspace; each role may do everything the roles before it may. */
export const ROLES = ['viewer', 'editor', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What every procedure may use: the caller's workspace and role in it, the repositories and a
 * request logger.
 */
export interface Context {
  workspaceId: string;
  role: Role;
  /** Who acts: a signed-in member or an API token; the app always sets it. */
  actor?: Actor;
  flows: FlowRepository;
  connections: Connections;
  db: Database;
  log: Logger;
  /** Delivery destinations; the app always sets it, router tests that need it too. */
  destinations?: Destinations;
  /** Data-endpoint key pairs; the app always sets it. */
  keyPairs?: KeyPairs;
  /** How the phone preview runs a Flow's logic; the app sets it from the endpoint's options. */
  preview?: { budgetMs: number; httpAllowedHosts: readonly string[] };
}
