import type { DbClient, PrismaClient } from '@sanjay-flow/db';
import { z } from 'zod';

/**
 * Who did something: a signed-in member, an API token, the command line on the server, a
 * customer through the public request page, or the product itself (the purge job). The
 * shape of `Actor` (auth/authenticate.ts) is accepted as it is.
 */
export type AuditActor =
  | { kind: 'user'; userId: string }
  | { kind: 'token'; tokenId: string }
  | { kind: 'cli' }
  | { kind: 'customer_request' }
  | { kind: 'system' };

export interface AuditRecord {
  workspaceId: string;
  actor: AuditActor;
  /** Dotted, stable: `retention.update`, `subject_data.erase`, `member.add`… */
  action: string;
  target?: { type: string; id?: string };
  /** Counts only (rows erased per table…): never a phone number, an answer or a secret. */
  details?: Record<string, number>;
}

export interface AuditEntryView {
  id: string;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, number> | null;
  at: Date;
}

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const TARGET_TYPE = /^[a-z][a-z0-9_]*$/;
// Ids of records (UUIDs, Meta's numeric ids are not targets): nothing that could be a phone.
const TARGET_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const DetailsSchema = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.number().int());

/**
 * Appends one entry to the workspace's audit log. The shape is checked here so that personal
 * data cannot slip in by accident: actions and target types are identifiers, a target id is a
 * record's UUID, details are whole numbers. Pass a transaction client to record the entry in
 * the same commit as the change it describes.
 */
export async function recordAudit(db: DbClient | PrismaClient, entry: AuditRecord): Promise<void> {
  if (!ACTION.test(entry.action)) {
    throw new Error(`audit action "${entry.action}" is not a dotted identifier`);
  }
  if (entry.target && !TARGET_TYPE.test(entry.target.type)) {
    throw new Error(`audit target type "${entry.target.type}" is not an identifier`);
  }
  if (entry.target?.id !== undefined && !TARGET_ID.test(entry.target.id)) {
    throw new Error(`audit target id for "${entry.action}" must be a record id (UUID)`);
  }
  const details = entry.details === undefined ? undefined : DetailsSchema.parse(entry.details);

  await db.auditEntry.create({
    data: {
      workspaceId: entry.workspaceId,
      actorKind: entry.actor.kind,
      actorId: actorIdOf(entry.actor),
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      details,
    },
  });
}

/**
 * Newest first; `before` pages back through older entries. Members are named by their e-mail
 * address and API tokens by their name, as the workspace's members know them.
 */
export async function listAudit(
  db: DbClient | PrismaClient,
  workspaceId: string,
  options: { limit: number; before?: Date },
): Promise<AuditEntryView[]> {
  const rows = await db.auditEntry.findMany({
    where: { workspaceId, ...(options.before ? { at: { lt: options.before } } : {}) },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: options.limit,
  });
  const names = await actorNames(db, rows);

  return rows.map((row) => ({
    id: row.id,
    actor: names.get(row.actorId ?? '') ?? describeActor(row.actorKind, row.actorId),
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    details: DetailsSchema.nullable().catch(null).parse(row.details),
    at: row.at,
  }));
}

async function actorNames(
  db: DbClient | PrismaClient,
  rows: { actorKind: string; actorId: string | null }[],
): Promise<Map<string, string>> {
  const idsOf = (kind: string) => [
    ...new Set(rows.flatMap((row) => (row.actorKind === kind && row.actorId ? [row.actorId] : []))),
  ];
  const users = await db.user.findMany({
    where: { id: { in: idsOf('user').filter((id) => TARGET_ID.test(id)) } },
    select: { id: true, email: true },
  });
  const tokens = await db.apiToken.findMany({
    where: { id: { in: idsOf('token').filter((id) => TARGET_ID.test(id)) } },
    select: { id: true, name: true },
  });

  return new Map([
    ...users.map((user): [string, string] => [user.id, user.email]),
    ...tokens.map((token): [string, string] => [token.id, `API token "${token.name}"`]),
  ]);
}

function actorIdOf(actor: AuditActor): string | null {
  switch (actor.kind) {
    case 'user':
      return actor.userId;
    case 'token':
      return actor.tokenId;
    case 'cli':
    case 'customer_request':
    case 'system':
      return null;
  }
}

function describeActor(kind: string, id: string | null): string {
  switch (kind) {
    case 'user':
    case 'token':
      return `${kind} ${id ?? '?'}`;
    case 'customer_request':
      return 'customer request';
    default:
      return kind;
  }
}
