import { randomUUID } from 'node:crypto';

import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { readTestData } from '../test-support/fixtures';
import { CONTACT_US_FILE } from '../test-support/messaging';
import { ROLES, type Role } from './context';
import { callerFor, idsOf, seedWorkspace, type WorkspaceRecords } from './isolation.test-helper';
import { appRouter } from './router';

/**
 * Workspace isolation and roles, for every procedure of the API. Each procedure has one row:
 *
 * - `foreign(input)`: called by a member of A with ids of B's records, answers NOT_FOUND;
 * - `asUnknown(input, untouched)`: a bulk or filter input that answers the same for B's ids as
 *   for ids that exist nowhere, and leaves B's record as it was;
 * - `scoped(input, untouched?)`: takes no id of another record; its answer shows none of B's
 *   ids (and B's record is left as it was).
 *
 * Each row also says the least role that may call it (queries: viewer; changes: editor); every
 * lower role gets FORBIDDEN. A procedure without a row fails the suite: add one when adding it.
 */
interface Both {
  a: WorkspaceRecords;
  b: WorkspaceRecords;
}
type Input = (records: Both) => unknown;
type Check =
  | { kind: 'foreign'; inputs: Input[] }
  | { kind: 'asUnknown'; input: (ids: Both & { id: string }) => unknown; untouched: Untouched }
  | { kind: 'scoped'; input: Input; untouched?: Untouched };
type Untouched = (b: WorkspaceRecords, testDb: TestDatabase) => Promise<boolean>;
interface Row {
  check: Check;
  least?: Role;
}

const foreign = (...inputs: Input[]): Row => ({ check: { kind: 'foreign', inputs } });
const scoped = (input: Input = () => undefined, untouched?: Untouched): Row => ({
  check: { kind: 'scoped', input, ...(untouched ? { untouched } : {}) },
});
const asUnknown = (input: (ids: Both & { id: string }) => unknown, untouched: Untouched): Row => ({
  check: { kind: 'asUnknown', input, untouched },
});
const ownersOnly = (row: Row): Row => ({ ...row, least: 'owner' });

const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;
const FLOW_FILE = { fileName: CONTACT_US_FILE, text: readTestData(CONTACT_US_FILE) };

const CASES: Record<string, Row> = {
  'flows.list': scoped(),
  'flows.get': foreign(({ b }) => ({ id: b.flowId })),
  'flows.create': scoped(() => ({ name: unique('New') })),
  'flows.rename': foreign(({ b }) => ({ id: b.flowId, name: 'Taken over' })),
  'flows.delete': foreign(({ b }) => ({ id: b.flowId })),
  'flows.save': foreign(({ b }) => ({ id: b.flowId, expectedRevision: 1, graph: b.graph })),
  'flows.import': scoped(() => ({ ...FLOW_FILE, name: unique('Imported') })),
  'flows.export': foreign(({ b }) => ({ id: b.flowId })),

  'connections.list': scoped(),
  'connections.get': foreign(({ b }) => ({ id: b.connectionId })),
  'connections.create': scoped(() => ({
    name: unique('conn'),
    wabaId: '102290129340398',
    phoneNumberId: String(Date.now()),
    appId: '1234567890123456',
    appSecret: 'app-secret',
    accessToken: 'EAAG-token',
    webhookVerifyToken: 'verify',
    graphApiUrl: 'http://127.0.0.1:9/v23.0',
  })),
  'connections.update': foreign(({ b }) => ({ id: b.connectionId, changes: { name: 'mine' } })),
  'connections.delete': foreign(({ b }) => ({ id: b.connectionId })),
  'connections.keys.list': foreign(({ b }) => ({ connectionId: b.connectionId })),
  'connections.keys.generate': foreign(({ b }) => ({ connectionId: b.connectionId })),
  'connections.keys.import': foreign(({ b }) => ({
    connectionId: b.connectionId,
    privateKeyPem: '-----BEGIN PRIVATE KEY-----',
  })),
  'connections.keys.rotate': foreign(({ b }) => ({ connectionId: b.connectionId })),
  'connections.keys.upload': foreign(({ b }) => ({ connectionId: b.connectionId })),

  'endpoint.settings.get': foreign(({ b }) => ({ flowId: b.flowId })),
  'endpoint.settings.update': foreign(({ b }) => ({ flowId: b.flowId, endpointDebug: true })),
  'endpoint.calls.list': foreign(({ b }) => ({ flowId: b.flowId })),
  'endpoint.calls.page': foreign(({ b }) => ({ flowId: b.flowId })),
  'endpoint.sessions.open': foreign(
    ({ b }) => ({ flowId: b.flowId, connectionId: b.connectionId }),
    ({ a, b }) => ({ flowId: a.flowId, connectionId: b.connectionId }),
    ({ a, b }) => ({ flowId: b.flowId, connectionId: a.connectionId }),
  ),

  'messaging.sendFlow': foreign(
    ({ b }) => sendFlowInput(b.flowId, b.connectionId),
    ({ a, b }) => sendFlowInput(a.flowId, b.connectionId),
    ({ a, b }) => sendFlowInput(b.flowId, a.connectionId),
  ),
  'messaging.sendFlowTemplate': foreign(
    ({ b }) => templateInput(b.flowId, b.connectionId),
    ({ a, b }) => templateInput(a.flowId, b.connectionId),
    ({ a, b }) => templateInput(b.flowId, a.connectionId),
  ),
  'messaging.linkMeta': foreign(
    ({ b }) => ({ flowId: b.flowId, connectionId: b.connectionId, metaFlowId: '1234' }),
    ({ a, b }) => ({ flowId: a.flowId, connectionId: b.connectionId, metaFlowId: '1234' }),
    ({ a, b }) => ({ flowId: b.flowId, connectionId: a.connectionId, metaFlowId: '1234' }),
  ),
  'messaging.messages': scoped(() => ({})),
  'messaging.message': foreign(({ b }) => ({ id: b.messageId })),

  'webhooks.events.list': scoped(() => ({ debug: true })),
  'webhooks.events.retry': asUnknown(
    ({ id }) => ({ eventId: id }),
    async (b, testDb) =>
      (await testDb.db.prisma.inboxEvent.findUnique({ where: { id: b.eventId } }))?.status ===
      'malformed',
  ),

  'submissions.list': foreign(({ b }) => ({ flowId: b.flowId })),
  'submissions.exportCsv': foreign(({ b }) => ({ flowId: b.flowId })),
  'submissions.delete': foreign(({ b }) => ({ ids: [b.submissionId] })),
  'submissions.retryDelivery': foreign(({ b }) => ({ id: b.submissionId })),

  'destinations.list': scoped(),
  'destinations.create': foreign(({ b }) => ({
    flowId: b.flowId,
    name: 'Mine',
    url: 'https://hooks.example.test/',
  })),
  'destinations.update': foreign(({ b }) => ({ id: b.destinationId, changes: { name: 'Mine' } })),
  'destinations.rotateSecret': foreign(({ b }) => ({ id: b.destinationId })),
  'destinations.delete': foreign(({ b }) => ({ id: b.destinationId })),
  'destinations.test': foreign(({ b }) => ({ id: b.destinationId })),

  'alerts.list': scoped(() => ({})),
  'alerts.markRead': asUnknown(
    ({ id }) => ({ ids: [id] }),
    async (b, testDb) =>
      (await testDb.db.prisma.flowAlert.findUnique({ where: { id: b.alertId } }))?.read === false,
  ),

  'members.list': ownersOnly(scoped()),
  'members.add': ownersOnly(
    scoped(() => ({ email: `${randomUUID()}@example.test`, role: 'viewer' })),
  ),
  'members.changeRole': ownersOnly(foreign(({ b }) => ({ userId: b.memberUserId, role: 'owner' }))),
  'members.remove': ownersOnly(foreign(({ b }) => ({ userId: b.memberUserId }))),

  'tokens.list': ownersOnly(scoped()),
  'tokens.create': ownersOnly(scoped(() => ({ name: unique('token'), role: 'viewer' }))),
  'tokens.revoke': ownersOnly(foreign(({ b }) => ({ id: b.tokenId }))),

  'flows.templates': scoped(),
  'flows.createFromTemplate': scoped(() => ({ templateId: 'sign-up', name: unique('Template') })),
  'flows.duplicate': foreign(({ b }) => ({ id: b.flowId })),

  'versions.list': foreign(({ b }) => ({ flowId: b.flowId })),
  'versions.save': foreign(({ b }) => ({ flowId: b.flowId, label: 'Mine' })),
  'versions.restore': foreign(
    ({ b }) => ({ flowId: b.flowId, versionId: b.versionId, expectedRevision: 1 }),
    ({ a, b }) => ({ flowId: a.flowId, versionId: b.versionId, expectedRevision: 1 }),
  ),
  'versions.diff': foreign(
    ({ b }) => ({ flowId: b.flowId, from: 'draft', to: b.versionId }),
    ({ a, b }) => ({ flowId: a.flowId, from: b.versionId, to: 'draft' }),
  ),

  'privacy.retention': scoped(),
  'privacy.updateRetention': ownersOnly(scoped(() => ({ logDays: 14 }))),
  'privacy.exportSubject': ownersOnly(scoped(({ b }) => ({ phone: b.customerPhone }))),
  'privacy.eraseSubject': ownersOnly(
    scoped(
      ({ b }) => ({ phone: b.customerPhone, confirm: b.customerPhone }),
      async (b, testDb) =>
        (await testDb.db.prisma.submission.count({ where: { id: b.submissionId } })) === 1,
    ),
  ),
  'privacy.audit': scoped(() => ({})),

  'publishing.publish': foreign(
    ({ b }) => ({ flowId: b.flowId, connectionIds: [b.connectionId] }),
    ({ a, b }) => ({ flowId: a.flowId, connectionIds: [b.connectionId] }),
    ({ a, b }) => ({ flowId: b.flowId, connectionIds: [a.connectionId] }),
  ),
  'publishing.run': foreign(({ b }) => ({ runId: b.publishRunId })),
  'publishing.history': foreign(({ b }) => ({ flowId: b.flowId })),
  'publishing.status': foreign(({ b }) => ({ flowId: b.flowId })),
  'publishing.badges': scoped(),
  'publishing.refreshStatus': foreign(...publicationRefs()),
  'publishing.deprecate': foreign(...publicationRefs()),
  'publishing.deleteDraft': foreign(...publicationRefs()),
  'publishing.preview': foreign(...publicationRefs()),
  'publishing.pull.list': foreign(({ b }) => ({ connectionId: b.connectionId })),
  'publishing.pull.import': foreign(({ b }) => ({
    connectionId: b.connectionId,
    metaFlowIds: ['1234'],
  })),

  'preview.exchange': foreign(({ b }) => ({
    flowId: b.flowId,
    session: null,
    request: { action: 'INIT' },
  })),
};

function publicationRefs(): Input[] {
  return [
    ({ b }) => ({ flowId: b.flowId, connectionId: b.connectionId }),
    ({ a, b }) => ({ flowId: a.flowId, connectionId: b.connectionId }),
    ({ a, b }) => ({ flowId: b.flowId, connectionId: a.connectionId }),
  ];
}

function sendFlowInput(flowId: string, connectionId: string) {
  return { flowId, connectionId, to: '15551234567', cta: 'Open', body: 'Hello' };
}

function templateInput(flowId: string, connectionId: string) {
  return { flowId, connectionId, to: '15551234567', name: 'book', language: 'en_US' };
}

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription' };
}
const PROCEDURES = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, ProcedureDef> } })._def.procedures,
).map(([path, procedure]) => ({ path, type: procedure._def.type }));

let testDb: TestDatabase;
let records: Both;

beforeAll(async () => {
  testDb = await openTestDatabase();
  records = {
    a: await seedWorkspace(testDb, 'Workspace A'),
    b: await seedWorkspace(testDb, 'Workspace B'),
  };
}, 120_000);

afterAll(() => testDb.dispose());

/** Calls `path` as `role` of workspace A; resolves to the answer or the error. */
async function callAsA(path: string, role: Role, input: unknown): Promise<unknown> {
  const caller = callerFor(testDb, records.a.workspaceId, role) as unknown as Record<
    string,
    unknown
  >;
  const procedure = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;

  return procedure(input).catch((error: unknown) => error);
}

function leastRole(path: string, type: string): Role {
  return CASES[path]?.least ?? (type === 'query' ? 'viewer' : 'editor');
}

function codeOf(answer: unknown): string | undefined {
  return answer instanceof TRPCError ? answer.code : undefined;
}

function inputsOf(row: Row): unknown[] {
  const { check } = row;
  if (check.kind === 'foreign') {
    return check.inputs.map((input) => input(records));
  }
  if (check.kind === 'asUnknown') {
    return [check.input({ ...records, id: randomUUID() })];
  }

  return [check.input(records)];
}

describe('the isolation table', () => {
  it('has one row for every procedure of the API, and none for a procedure that is gone', () => {
    const paths = PROCEDURES.map(({ path }) => path).sort();

    expect(
      paths.filter((path) => !(path in CASES)),
      'procedures without a row',
    ).toEqual([]);
    expect(
      Object.keys(CASES).filter((path) => !paths.includes(path)),
      'rows of no procedure',
    ).toEqual([]);
  });
});

describe.each(PROCEDURES)('$path ($type)', ({ path, type }) => {
  const row = CASES[path];
  const least = leastRole(path, type);

  it.runIf(row !== undefined)(`is refused as FORBIDDEN to roles below ${least}`, async () => {
    const below = ROLES.slice(0, ROLES.indexOf(least));
    for (const role of below) {
      for (const input of inputsOf(row as Row)) {
        expect(codeOf(await callAsA(path, role, input)), `${role} calling ${path}`).toBe(
          'FORBIDDEN',
        );
      }
    }
  });

  it.runIf(row !== undefined)(
    `keeps workspace B's records out of reach of a ${least} of A`,
    async () => {
      const { check } = row as Row;
      if (check.kind === 'foreign') {
        for (const input of check.inputs) {
          const answer = await callAsA(path, least, input(records));
          expect(codeOf(answer), `${path}(${JSON.stringify(input(records))})`).toBe('NOT_FOUND');
        }
      } else if (check.kind === 'asUnknown') {
        const ofB = await callAsA(path, least, check.input({ ...records, id: idOfB(path) }));
        const ofNobody = await callAsA(path, least, check.input({ ...records, id: randomUUID() }));
        expect(describeAnswer(ofB)).toEqual(describeAnswer(ofNobody));
        expect(await check.untouched(records.b, testDb)).toBe(true);
      } else {
        const answer = await callAsA(path, least, check.input(records));
        expect(codeOf(answer), `${path} failed: ${String(answer)}`).toBeUndefined();
        const shown = JSON.stringify(answer);
        expect(idsOf(records.b).filter((id) => shown.includes(id))).toEqual([]);
        expect(await (check.untouched?.(records.b, testDb) ?? true)).toBe(true);
      }
    },
  );
});

/** The record of B that an `asUnknown` row passes. */
function idOfB(path: string): string {
  const byPath: Record<string, string> = {
    'webhooks.events.retry': records.b.eventId,
    'alerts.markRead': records.b.alertId,
  };

  return byPath[path] ?? records.b.flowId;
}

/** An answer without what differs between two calls anyway (the time of an export). */
function describeAnswer(answer: unknown): unknown {
  if (answer instanceof TRPCError) {
    return { code: answer.code, message: answer.message };
  }

  return JSON.parse(
    JSON.stringify(answer ?? null, (key, value: unknown) =>
      key === 'generatedAt' || key === 'fileName' ? undefined : value,
    ),
  ) as unknown;
}
