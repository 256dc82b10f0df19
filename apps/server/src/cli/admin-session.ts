import path from 'node:path';

import {
  type Database,
  DatabaseFolderInUseError,
  ensureDefaultWorkspace,
  openDatabase,
  type PrismaClient,
} from '@sanjay-flow/db';

import { type Config, ConfigError, embeddedDatabaseDir, loadConfig, serverUrl } from '../config';
import { configuredGraphApiPolicy } from '../connections/graph-api-policy';
import { createKeyPairs, type KeyPairs } from '../connections/key-pairs';
import { type Connections, createConnections } from '../connections/manage-connections';
import type { GraphApiFactory } from '../connections/upload-public-key';
import { loadMasterKey, MASTER_KEY_FILE, MasterKeyError } from '../secrets/master-key';
import { pathExists } from '../path-exists';
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
  /**
   * Where the server of the same environment answers (`HOST`, `PORT`, TLS), for links;
   * `undefined` when `PORT` is 0 and the port is only chosen at the server's start.
   */
  serverUrl: string | undefined;
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
 * `DATABASE_URL`, or the embedded database in `SFLOW_DATA_DIR/database`. A master key is made
 * only with a new embedded database, never for a database that already holds secrets sealed
 * with the server's key. `notice` is told when the data folder was new: a command run from
 * another folder than the server's works on new, empty data.
 */
export async function openAdminSession(
  env: NodeJS.ProcessEnv = process.env,
  selection: WorkspaceSelection = {},
  notice: (text: string) => void = () => {},
): Promise<AdminSession> {
  const config = configFrom(env);
  const newFolder =
    config.databaseUrl === undefined && !(await pathExists(embeddedDatabaseDir(config)));
  if (
    config.masterKey === undefined &&
    !newFolder &&
    !(await pathExists(path.join(config.dataDir, MASTER_KEY_FILE)))
  ) {
    throw new CliFailure(noMasterKey(config), EXIT_CODES.invalid);
  }
  const masterKey = await loadMasterKey({
    configured: config.masterKey,
    dataDir: config.dataDir,
  }).catch((error: unknown) => {
    throw error instanceof MasterKeyError
      ? new CliFailure(error.message, EXIT_CODES.invalid)
      : error;
  });
  const secrets = createSecretBox(masterKey.key);
  const db = await openCliDatabase(config);
  if (newFolder) {
    notice(newFolderNotice(config.dataDir, masterKey.source === 'generated'));
  }
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
      serverUrl: config.port === 0 ? undefined : serverUrl(config, config.port),
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

/**
 * The server's database, as the admin commands open it: a failure to open it is one line
 * saying why (a folder in use or not a database, a server that refused or did not answer).
 * `whenInUse` says what to do about an embedded database a running server holds.
 */
export async function openCliDatabase(
  config: Config,
  whenInUse = 'stop the server or set DATABASE_URL to use a PostgreSQL server',
): Promise<Database> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: embeddedDatabaseDir(config),
  }).catch((error: unknown) => {
    if (error instanceof DatabaseFolderInUseError) {
      throw new CliFailure(
        `the embedded database in ${error.dataDir} is in use by another process, most likely a ` +
          `running server: ${whenInUse}`,
        EXIT_CODES.invalid,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliFailure(
      `could not open the database: ${reason.replace(/\s*\n\s*/g, ' ').trim()}`,
      EXIT_CODES.invalid,
    );
  });
}

function noMasterKey(config: Config): string {
  const database =
    config.databaseUrl === undefined
      ? `the database in ${embeddedDatabaseDir(config)}`
      : 'the database of DATABASE_URL';

  return (
    `no master key: SFLOW_MASTER_KEY is not set and ${path.join(config.dataDir, MASTER_KEY_FILE)} ` +
    `does not exist, while ${database} may hold secrets sealed with the server's key. Run sflow ` +
    "with the server's environment: from the folder it was started in, or with its " +
    'SFLOW_DATA_DIR or SFLOW_MASTER_KEY.'
  );
}

function newFolderNotice(dataDir: string, keyMade: boolean): string {
  const made = keyMade ? 'a new, empty one and a new master key' : 'a new, empty one';

  return (
    `no database was in ${dataDir}: made ${made} there. To work on a running server's data, ` +
    'run sflow from the folder the server was started in, or set SFLOW_DATA_DIR.'
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
