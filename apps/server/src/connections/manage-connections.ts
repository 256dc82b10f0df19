import { randomUUID } from 'node:crypto';

import {
  type ConnectionChanges,
  type ConnectionRecord,
  type ConnectionRepository,
  type ConnectionWriteResult,
  createConnectionRepository,
  type DbClient,
} from '@sanjay-flow/db';

import type { GraphApiClientOptions } from '@sanjay-flow/whatsapp';
import type { z } from 'zod';

import { AppError } from '../errors';
import type { SecretBox } from '../secrets/secret-box';
import {
  type ConnectionChangesInput,
  ConnectionChangesInputSchema,
  connectionSecretPurpose,
  type NewConnectionInput,
  NewConnectionInputSchema,
  SEALED_CONNECTION_FIELDS,
  type SealedConnectionField,
} from './connection-input';
import { type ConnectionView, toConnectionView } from './connection-view';
import { createGraphApiFetch, type GraphApiFetchOptions } from './graph-api-fetch';
import {
  checkGraphApiUrl,
  type GraphApiPolicyOptions,
  LOCAL_GRAPH_API_POLICY,
} from './graph-api-policy';

/** A connection's secrets in clear, for the code that calls Meta. Never returned to a client. */
export interface ConnectionCredentials {
  appSecret: string;
  accessToken: string;
  webhookVerifyToken: string;
}

export interface Connections {
  list(workspaceId: string): Promise<ConnectionView[]>;
  get(workspaceId: string, id: string): Promise<ConnectionView>;
  /** The stored record (secrets still sealed) by name; CONNECTION_NOT_FOUND otherwise. */
  findByName(workspaceId: string, name: string): Promise<ConnectionRecord>;
  /** The stored record by id; CONNECTION_NOT_FOUND for another workspace's. */
  record(workspaceId: string, id: string): Promise<ConnectionRecord>;
  create(workspaceId: string, input: NewConnectionInput): Promise<ConnectionView>;
  update(workspaceId: string, id: string, input: ConnectionChangesInput): Promise<ConnectionView>;
  remove(workspaceId: string, id: string): Promise<void>;
  credentials(connection: ConnectionRecord): ConnectionCredentials;
  /** What a Graph API client of the connection needs: its URL, its token, the guarded fetch. */
  graphApiOptions(connection: ConnectionRecord): GraphApiClientOptions;
}

/**
 * Use cases on connections: inputs are validated here and secrets sealed before storage. The
 * Graph API policy decides where a connection's Graph API URL may point, when it is saved and
 * on every call; the server passes the one its configuration makes.
 */
export function createConnections(
  prisma: DbClient,
  secrets: SecretBox,
  graphApi: GraphApiFetchOptions = LOCAL_GRAPH_API_POLICY,
): Connections {
  const repository = createConnectionRepository(prisma);
  const graphFetch = createGraphApiFetch(graphApi);
  const credentials = (connection: ConnectionRecord) => openCredentials(secrets, connection);
  const record = async (workspaceId: string, id: string) =>
    (await repository.get(workspaceId, id)) ?? throwNotFound();

  return {
    list: async (workspaceId) =>
      (await repository.list(workspaceId)).map((found) => toConnectionView(found, secrets)),

    get: async (workspaceId, id) => toConnectionView(await record(workspaceId, id), secrets),

    findByName: async (workspaceId, name) =>
      (await repository.findByName(workspaceId, name.trim())) ??
      throwNotFound(`No connection is named "${name}"`),

    record,

    create: (workspaceId, input) =>
      createConnection({ repository, secrets, graphApi }, workspaceId, input),

    update: (workspaceId, id, input) =>
      updateConnection({ repository, secrets, graphApi }, { workspaceId, id }, input),

    remove: async (workspaceId, id) => {
      if (!(await repository.remove(workspaceId, id))) {
        throwNotFound();
      }
    },

    credentials,

    graphApiOptions: (connection) => ({
      baseUrl: connection.graphApiUrl,
      accessToken: credentials(connection).accessToken,
      fetch: graphFetch,
    }),
  };
}

function openCredentials(secrets: SecretBox, connection: ConnectionRecord): ConnectionCredentials {
  return {
    appSecret: secrets.open(
      connection.appSecret,
      connectionSecretPurpose(connection.id, 'appSecret'),
    ),
    accessToken: secrets.open(
      connection.accessToken,
      connectionSecretPurpose(connection.id, 'accessToken'),
    ),
    webhookVerifyToken: secrets.open(
      connection.webhookVerifyToken,
      connectionSecretPurpose(connection.id, 'webhookVerifyToken'),
    ),
  };
}

interface WriteDependencies {
  repository: ConnectionRepository;
  secrets: SecretBox;
  graphApi: GraphApiPolicyOptions;
}

async function createConnection(
  { repository, secrets, graphApi }: WriteDependencies,
  workspaceId: string,
  input: NewConnectionInput,
): Promise<ConnectionView> {
  const parsed = parseInput(NewConnectionInputSchema, input);
  checkGraphApiUrlOf(parsed.graphApiUrl, graphApi);
  const id = randomUUID();
  const seal = (field: SealedConnectionField) =>
    secrets.seal(parsed[field], connectionSecretPurpose(id, field));
  const result = await repository.create(workspaceId, {
    id,
    name: parsed.name,
    wabaId: parsed.wabaId,
    phoneNumberId: parsed.phoneNumberId,
    appId: parsed.appId,
    graphApiUrl: parsed.graphApiUrl,
    appSecret: seal('appSecret'),
    accessToken: seal('accessToken'),
    webhookVerifyToken: seal('webhookVerifyToken'),
  });

  return viewOf(result, secrets, parsed.name);
}

async function updateConnection(
  { repository, secrets, graphApi }: WriteDependencies,
  target: { workspaceId: string; id: string },
  input: ConnectionChangesInput,
): Promise<ConnectionView> {
  const parsed = parseInput(ConnectionChangesInputSchema, input);
  if (parsed.graphApiUrl !== undefined) {
    checkGraphApiUrlOf(parsed.graphApiUrl, graphApi);
  }
  const { appSecret: _a, accessToken: _t, webhookVerifyToken: _v, ...plain } = parsed;
  const changes: ConnectionChanges = { ...plain, ...sealChanges(secrets, target.id, parsed) };
  const result = await repository.update(target.workspaceId, target.id, changes);

  return viewOf(result, secrets, parsed.name ?? '');
}

/** Seals each secret given, bound to the connection id and its field. */
function sealChanges(
  secrets: SecretBox,
  id: string,
  values: Partial<Record<SealedConnectionField, string>>,
): Partial<Record<SealedConnectionField, string>> {
  const sealed: Partial<Record<SealedConnectionField, string>> = {};
  for (const field of SEALED_CONNECTION_FIELDS) {
    const value = values[field];
    if (value !== undefined) {
      sealed[field] = secrets.seal(value, connectionSecretPurpose(id, field));
    }
  }

  return sealed;
}

function viewOf(result: ConnectionWriteResult, secrets: SecretBox, name: string): ConnectionView {
  switch (result.status) {
    case 'saved':
      return toConnectionView(result.connection, secrets);
    case 'name_taken':
      throw new AppError('CONNECTION_NAME_TAKEN', `A connection named "${name}" already exists`);
    case 'not_found':
      return throwNotFound();
  }
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throwInvalid(
      parsed.error.issues.map((issue) => ({
        pointer: `/${issue.path.map(String).join('/')}`,
        message: issue.message,
      })),
    );
  }

  return parsed.data;
}

/** Where the URL may lead depends on the server's configuration: checked after the schema. */
function checkGraphApiUrlOf(url: string, graphApi: GraphApiPolicyOptions): void {
  const checked = checkGraphApiUrl(url, graphApi);
  if (!checked.ok) {
    throwInvalid([{ pointer: '/graphApiUrl', message: checked.message }]);
  }
}

function throwInvalid(issues: { pointer: string; message: string }[]): never {
  const problems = issues.map((issue) => ({ ...issue, code: 'invalid_connection' }));

  throw new AppError(
    'INVALID_CONNECTION',
    problems.map((problem) => `${problem.pointer.slice(1)}: ${problem.message}`).join('; '),
    problems,
  );
}

function throwNotFound(message = 'Connection not found'): never {
  throw new AppError('CONNECTION_NOT_FOUND', message);
}
