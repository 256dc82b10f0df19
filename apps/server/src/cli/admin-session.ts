import path from 'node:path';

import {
  DatabaseFolderInUseError,
  ensureDefaultWorkspace,
  openDatabase,
  type PrismaClient,
} from '@sanjay-flow/db';

import { ConfigError, loadConfig } from '../config';
import { createKeyPairs, type KeyPairs } from '../connections/key-pairs';
import { type Connections, createConnections } from '../connections/manage-connections';
import type { GraphApiFactory } from '../connections/upload-public-key';
import { loadMasterKey, MasterKeyError } from '../secrets/master-key';
import { createSecretBox } from '../secrets/secret-box';
import { CliFailure } from './admin-io';
import { EXIT_CODES } from './io';

/** What the admin commands work with: the same use cases the server runs. */
export interface AdminSession {
  workspaceId: string;
  connections: Connections;
  keyPairs: KeyPairs;
  /** For the commands that send Flows: they queue messages as the server does. */
  prisma: PrismaClient;
  /** The Graph API client maker; the real one unless a test gives another. */
  graphApi?: GraphApiFactory;
  close(): Promise<void>;
}

export type AdminOpener = () => Promise<AdminSession>;

/**
 * Opens the database and the master key as the server does, from the same environment:
 * `DATABASE_URL`, or the embedded database in `SFLOW_DATA_DIR/database`.
 */
export async function openAdminSession(
  env: NodeJS.ProcessEnv = process.env,
): Promise<AdminSession> {
  const config = configFrom(env);
  const masterKey = await loadMasterKey({
    configured: config.masterKey,
    dataDir: config.dataDir,
  }).catch((error: unknown) => {
    throw error instanceof MasterKeyError
      ? new CliFailure(error.message, EXIT_CODES.invalid)
      : error;
  });
  const secrets = createSecretBox(masterKey.key);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'database'),
  }).catch((error: unknown) => {
    if (error instanceof DatabaseFolderInUseError) {
      throw new CliFailure(
        `the embedded database in ${error.dataDir} is in use by another process, most likely a ` +
          'running server: stop the server or set DATABASE_URL to use a PostgreSQL server',
        EXIT_CODES.invalid,
      );
    }
    throw error;
  });
  try {
    const workspace = await ensureDefaultWorkspace(db.prisma);

    return {
      workspaceId: workspace.id,
      connections: createConnections(db.prisma, secrets),
      keyPairs: createKeyPairs({
        prisma: db.prisma,
        secrets,
        graceHours: config.keyRotationGraceHours,
      }),
      prisma: db.prisma,
      close: () => db.close(),
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

function configFrom(env: NodeJS.ProcessEnv) {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new CliFailure(error.message, EXIT_CODES.usage);
    }
    throw error;
  }
}
