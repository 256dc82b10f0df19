import path from 'node:path';

import {
  DatabaseFolderInUseError,
  ensureDefaultWorkspace,
  openDatabase,
  type PrismaClient,
} from '@sanjay-flow/db';

import { ConfigError, loadConfig, serverUrl } from '../config';
import { configuredGraphApiPolicy } from '../connections/graph-api-policy';
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
  /** Where the server of the same environment answers (`HOST`, `PORT`, TLS): for links. */
  serverUrl: string;
  /** The Graph API client maker; the real one unless a test gives another. */
  graphApi?: GraphApiFactory;
  close(): Promise<void>;
}

/**
 * Which workspace a command works on: `workspace` (an id or a name) when given; otherwise the
 * only one, and with several a command that takes `--workspace` (`strict`) stops and lists
 * them, while the others use the oldest.
 */
export interface WorkspaceSelection {
  workspace?: string | undefined;
  strict?: boolean;
}

export type AdminOpener = (selection?: WorkspaceSelection) => Promise<AdminSession>;

/**
 * Opens the database and the master key as the server does, from the same environment:
 * `DATABASE_URL`, or the embedded database in `SFLOW_DATA_DIR/database`. `notice` is told
 * when the data folder had no master key and one was made: a command run from another folder
 * than the server's works on new, empty data.
 */
export async function openAdminSession(
  env: NodeJS.ProcessEnv = process.env,
  selection: WorkspaceSelection = {},
  notice: (text: string) => void = () => {},
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
  if (masterKey.source === 'generated') {
    notice(newDataFolderNotice(config.dataDir, config.databaseUrl === undefined));
  }
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
    // Start-up failures of the database are said in words (no stack): a folder, a server.
    throw new CliFailure(
      `could not open the database: ${error instanceof Error ? error.message : String(error)}`,
      EXIT_CODES.invalid,
    );
  });
  try {
    const workspaceId = await selectWorkspace(db.prisma, selection);

    return {
      workspaceId,
      connections: createConnections(db.prisma, secrets, configuredGraphApiPolicy(config)),
      keyPairs: createKeyPairs({
        prisma: db.prisma,
        secrets,
        graceHours: config.keyRotationGraceHours,
      }),
      prisma: db.prisma,
      serverUrl: serverUrl(config, config.port),
      close: () => db.close(),
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** The workspace a command works on (see `WorkspaceSelection`); a clear error otherwise. */
export async function selectWorkspace(
  prisma: PrismaClient,
  { workspace, strict = false }: WorkspaceSelection,
): Promise<string> {
  if (workspace !== undefined) {
    const byId = UUID.test(workspace) ? { OR: [{ id: workspace }, { name: workspace }] } : null;
    const found = await prisma.workspace.findMany({
      where: byId ?? { name: workspace },
      select: { id: true },
    });
    if (found.length !== 1 || !found[0]) {
      throw new CliFailure(
        found.length === 0
          ? `no workspace "${workspace}": sflow workspace list shows them`
          : `several workspaces are named "${workspace}": give its id (sflow workspace list)`,
        EXIT_CODES.invalid,
      );
    }

    return found[0].id;
  }
  const all = await prisma.workspace.findMany({ select: { name: true }, take: 2 });
  if (strict && all.length > 1) {
    throw new CliFailure(
      'there are several workspaces: give --workspace <id or name> (sflow workspace list shows them)',
      EXIT_CODES.usage,
    );
  }

  return (await ensureDefaultWorkspace(prisma)).id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function newDataFolderNotice(dataDir: string, embedded: boolean): string {
  const made = embedded ? 'a new master key and an empty database' : 'a new master key';

  return (
    `no master key was in ${dataDir}: made ${made} there. To work on a running server's ` +
    'data, run sflow from the folder the server was started in, or set SFLOW_DATA_DIR.'
  );
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
